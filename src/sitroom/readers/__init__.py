"""Raw input -> Article: detect the format, decode, and read text dumps, HTML, feeds, WARC and JSONL.

Every failure is a :class:`sitroom.errors.IngestError` whose message names the input
and the reason; problems with single records inside a container go to
``ReadResult.skipped`` (or are yielded as :class:`Skipped` by :func:`iter_read`)
instead of failing the whole input.
"""

from __future__ import annotations

from sitroom.readers.detect import detect_format
from sitroom.readers.index import IndexEntry, load_index
from sitroom.readers.read import (
    demo_corpus_dir,
    iter_input_paths,
    iter_read,
    limits_from,
    read_bytes,
    read_path,
)
from sitroom.readers.result import FORMATS, ReadItem, ReadLimits, ReadResult, Skipped

__all__ = [
    "FORMATS",
    "IndexEntry",
    "ReadItem",
    "ReadLimits",
    "ReadResult",
    "Skipped",
    "demo_corpus_dir",
    "detect_format",
    "iter_input_paths",
    "iter_read",
    "limits_from",
    "load_index",
    "read_bytes",
    "read_path",
]
