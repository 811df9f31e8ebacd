"""Raw input -> Article: detect the format, decode, and read text dumps, HTML, feeds, WARC and JSONL.

Every failure is a :class:`sitroom.errors.IngestError` whose message names the input
and the reason; problems with single records inside a container go to
``ReadResult.skipped`` (or are yielded as :class:`Skipped` by :func:`iter_read`)
instead of failing the whole input.
"""

from __future__ import annotations

import importlib
import typing

if typing.TYPE_CHECKING:
    from sitroom.readers.detect import detect_format
    from sitroom.readers.index import IndexEntry, load_index
    from sitroom.readers.read import (
        demo_corpus_dir,
        iter_input_paths,
        iter_read,
        limits_from,
        open_input,
        read_bytes,
        read_path,
    )
    from sitroom.readers.result import (
        FORMATS,
        ReadItem,
        ReadLimits,
        ReadResult,
        ReadStream,
        Skipped,
    )

# Imported on first use (PEP 562): `sitroom extract --whole` needs only readers.decode, and
# importing the package should not load trafilatura and the WARC reader for it.
_LAZY = {
    "FORMATS": "sitroom.readers.result",
    "IndexEntry": "sitroom.readers.index",
    "ReadItem": "sitroom.readers.result",
    "ReadLimits": "sitroom.readers.result",
    "ReadResult": "sitroom.readers.result",
    "ReadStream": "sitroom.readers.result",
    "Skipped": "sitroom.readers.result",
    "demo_corpus_dir": "sitroom.readers.read",
    "detect_format": "sitroom.readers.detect",
    "iter_input_paths": "sitroom.readers.read",
    "iter_read": "sitroom.readers.read",
    "limits_from": "sitroom.readers.read",
    "load_index": "sitroom.readers.index",
    "open_input": "sitroom.readers.read",
    "read_bytes": "sitroom.readers.read",
    "read_path": "sitroom.readers.read",
}

__all__ = [
    "FORMATS",
    "IndexEntry",
    "ReadItem",
    "ReadLimits",
    "ReadResult",
    "ReadStream",
    "Skipped",
    "demo_corpus_dir",
    "detect_format",
    "iter_input_paths",
    "iter_read",
    "limits_from",
    "load_index",
    "open_input",
    "read_bytes",
    "read_path",
]


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'sitroom.readers' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
