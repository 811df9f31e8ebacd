"""sitroom: turn raw conflict news into a sourced, queryable record.

The public Python API::

    import sitroom
    report = sitroom.ingest(["news/"], db="war.db")     # read, dedup, store
    db = sitroom.open_store("war.db")
    hits = db.search("air defence")
    article = db.get_article(hits[0].article_id)

``sitroom.ingest`` is the batch function (:mod:`sitroom.jobs.ingest`); the readers that
turn raw input into articles are the :mod:`sitroom.readers` package.
"""

from __future__ import annotations

import importlib
import typing

from sitroom.config import Settings, load_settings
from sitroom.errors import (
    BadRequest,
    EmptyInput,
    IngestError,
    InputTooLarge,
    NotFound,
    SitroomError,
    StoreError,
    Unauthorized,
    UnsupportedFormat,
)
from sitroom.records import (
    Article,
    Block,
    Claim,
    Entity,
    Event,
    Extraction,
    Failure,
    IngestReport,
    Link,
    Mention,
    Place,
    Quote,
    Timex,
)

if typing.TYPE_CHECKING:
    from sitroom.jobs.ingest import ingest
    from sitroom.readers import read_path
    from sitroom.store import Store, open_store

# Imported on first use (PEP 562), so that `import sitroom` (which every command does) does
# not load the readers, the store and numpy for a command that needs neither.
_LAZY = {
    "ingest": "sitroom.jobs.ingest",
    "read_path": "sitroom.readers",
    "Store": "sitroom.store",
    "open_store": "sitroom.store",
}

__all__ = [
    "Article",
    "BadRequest",
    "Block",
    "Claim",
    "EmptyInput",
    "Entity",
    "Event",
    "Extraction",
    "Failure",
    "IngestError",
    "IngestReport",
    "InputTooLarge",
    "Link",
    "Mention",
    "NotFound",
    "Place",
    "Quote",
    "Settings",
    "SitroomError",
    "Store",
    "StoreError",
    "Timex",
    "Unauthorized",
    "UnsupportedFormat",
    "ingest",
    "load_settings",
    "open_store",
    "read_path",
]


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'sitroom' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
