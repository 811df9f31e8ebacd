"""Request dependencies: settings, the store, the write token, pagination cursors.

The store is opened once per worker thread and kept: SQLite connections are cheap to
reuse and must not cross threads, and FastAPI runs sync handlers in a thread pool.
"""

from __future__ import annotations

import hmac
import logging
import re
import threading
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sitroom.config import Settings
from sitroom.errors import BadRequest, Unauthorized
from sitroom.reconcile import reconcile_store
from sitroom.store import Store, open_store

log = logging.getLogger(__name__)

__all__ = [
    "CURSOR_PATTERN",
    "MAX_ROWS",
    "WRITE_TOKEN",
    "PageParams",
    "close_stores",
    "decode_cursor",
    "encode_cursor",
    "get_settings",
    "get_store",
    "page_params",
    "reconcile_in_background",
    "reconcile_quietly",
    "require_token",
]

# Page sizes: 50 by default (one screen of rows), 500 at most so one request stays small.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Rows a listing can reach at all: the store's cap on one query (store.extraction.MAX_LIMIT);
# pages past it come back empty rather than failing.
MAX_ROWS = 1000

# A cursor is the offset of the next page, in decimal digits. The OpenAPI schema states this
# pattern and the server accepts every string it admits (issue 12: schemathesis sent cursors
# valid by the schema that the server refused): 18 digits stay under Store.MAX_OFFSET (2**62),
# so no cursor overflows SQLite. Clients pass next_cursor back as it is.
CURSOR_PATTERN = r"^[0-9]{1,18}$"
_CURSOR = re.compile(CURSOR_PATTERN, re.ASCII)

_local = threading.local()
_all_stores: list[tuple[str, Store]] = []
_all_lock = threading.Lock()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(settings: Annotated[Settings, Depends(get_settings)]) -> Store:
    """This thread's store for ``settings.db``, opened on first use.

    Raises:
        StoreError: there is no database at ``settings.db`` (the server never creates one:
            ``sitroom ingest`` or an upload does), or it cannot be used.
    """
    stores: dict[str, Store] = getattr(_local, "stores", None) or {}
    _local.stores = stores
    key = settings.db_key
    if key not in stores:
        stores[key] = open_store(settings.db, readonly=True)
        with _all_lock:
            _all_stores.append((key, stores[key]))
    return stores[key]


def close_stores(settings: Settings) -> None:
    """Close every thread's store for this app's database (at shutdown)."""
    key = settings.db_key
    with _all_lock:
        mine = [s for k, s in _all_stores if k == key]
        _all_stores[:] = [(k, s) for k, s in _all_stores if k != key]
    for store in mine:
        store.close()
    stores = getattr(_local, "stores", None)
    if stores:
        stores.pop(key, None)


_reconciling = threading.Lock()


def reconcile_in_background(settings: Settings) -> threading.Thread:
    """Start :func:`reconcile_quietly` on a daemon thread: a big store takes minutes to
    reconcile, and the server must answer meanwhile (views fall back until it is done)."""
    thread = threading.Thread(
        target=reconcile_quietly, args=(settings,), name="sitroom-reconcile", daemon=True
    )
    thread.start()
    return thread


def reconcile_quietly(settings: Settings) -> None:
    """Bring the cross-article tables (claim groups, graph) up to date with the store.

    Run at startup and after each upload, so read requests never write. One at a time;
    a failure is logged and the UI falls back to per-record views, never stopping the server.
    """
    with _reconciling:
        _reconcile(settings)


def _reconcile(settings: Settings) -> None:
    try:
        with open_store(settings.db, settings=settings, readonly=True) as db:
            reconcile_store(db, if_stale=True)
    except Exception as e:  # noqa: BLE001 - a background refresh must never end the server's thread
        log.warning("could not reconcile %s: %s", settings.db_label, e)


# The write token as an OpenAPI security scheme (HTTP bearer), so the schema states what a
# write route requires (issue 12). auto_error=False: a missing or non-bearer header comes to
# require_token as None and is refused there, in the API's one error shape (401), not
# FastAPI's own.
WRITE_TOKEN = HTTPBearer(
    scheme_name="writeToken",
    description="The server's write token (sitroom serve --token or SITROOM_TOKEN).",
    auto_error=False,
)


def require_token(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(WRITE_TOKEN)],
) -> None:
    """Refuse a write unless it carries ``Authorization: Bearer <token>``."""
    if not settings.token:
        raise Unauthorized(
            "writes are disabled on this server: start it with --token or SITROOM_TOKEN"
        )
    given = credentials.credentials.strip() if credentials else ""
    if not credentials or not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise Unauthorized("missing or wrong token: send 'Authorization: Bearer <token>'")


def encode_cursor(offset: int) -> str:
    """The cursor of the page that starts at ``offset`` (see :data:`CURSOR_PATTERN`)."""
    return str(offset)


def decode_cursor(cursor: str | None) -> int:
    """The offset in a cursor from :func:`encode_cursor` (0 for none).

    Raises:
        BadRequest: the cursor does not match :data:`CURSOR_PATTERN` (the API checks the
            pattern before this is called; callers outside it get the same answer).
    """
    if cursor is None:
        return 0
    if not _CURSOR.fullmatch(cursor):
        raise BadRequest(
            f"invalid cursor {cursor[:80]!r}: pass back the next_cursor of a previous page"
        )
    return int(cursor)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageParams:
    limit: int
    offset: int


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(pattern=CURSOR_PATTERN, description="next_cursor of the previous page, as it is."),
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, offset=decode_cursor(cursor))
