"""Raw input -> Article: detect the format, decode, and read text dumps, HTML, feeds, WARC and JSONL.

Every failure is a :class:`sitroom.errors.IngestError` whose message names the input
and the reason; problems with single records inside a container go to
``ReadResult.skipped`` instead of failing the whole input.
"""

from __future__ import annotations

from sitroom.readers.detect import detect_format
from sitroom.readers.read import demo_corpus_dir, iter_input_paths, read_bytes, read_path
from sitroom.readers.result import FORMATS, ReadResult

__all__ = [
    "FORMATS",
    "ReadResult",
    "demo_corpus_dir",
    "detect_format",
    "iter_input_paths",
    "read_bytes",
    "read_path",
]
