"""sitroom: turn raw conflict news into a sourced, queryable record.

The public Python API::

    import sitroom
    report = sitroom.ingest(["news/"], db="war.db")     # read, dedup, store
    db = sitroom.open_store("war.db")
    hits = db.search("air defence")
    article = db.get_article(hits[0].article_id)

``sitroom.ingest`` is the batch function, not the ``sitroom.ingest`` readers subpackage:
import from the subpackage (``from sitroom.ingest import read_bytes``), which works as
usual. The subpackage is imported here first, because importing it later would rebind the
package attribute ``ingest`` to the subpackage and shadow the function.
"""

from __future__ import annotations

import sitroom.ingest as _readers  # noqa: F401 - imported first on purpose, see the docstring
from sitroom.batch import ingest
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
from sitroom.ingest import read_path
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
from sitroom.store import Store, open_store

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
