"""Request dependencies: settings, the store, the write token, pagination cursors.

The store is opened once per worker thread and kept: SQLite connections are cheap to
reuse and must not cross threads, and FastAPI runs sync handlers in a thread pool.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from sitroom.config import Settings
from sitroom.errors import BadRequest, SitroomError, Unauthorized
from sitroom.reconcile import reconcile_store
from sitroom.store import open_store

log = logging.getLogger(__name__)

__all__ = [
    "MAX_ROWS",
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

_local = threading.local()
_all_stores: list[tuple[str, Any]] = []
_all_lock = threading.Lock()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(settings: Annotated[Settings, Depends(get_settings)]) -> Any:
    """This thread's store for ``settings.db``, opened on first use."""
    stores: dict[str, Any] = getattr(_local, "stores", None) or {}
    _local.stores = stores
    key = str(settings.db_path.resolve())
    if key not in stores:
        stores[key] = open_store(settings.db_path)
        with _all_lock:
            _all_stores.append((key, stores[key]))
    return stores[key]


def close_stores(settings: Settings) -> None:
    """Close every thread's store for this app's database (at shutdown)."""
    key = str(settings.db_path.resolve())
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
        with open_store(settings.db_path, settings=settings) as db:
            reconcile_store(db, if_stale=True)
    except (SitroomError, sqlite3.Error) as e:
        log.warning("could not reconcile %s: %s", settings.db_path, e)


def require_token(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """Refuse a write unless it carries ``Authorization: Bearer <token>``."""
    if not settings.token:
        raise Unauthorized(
            "writes are disabled on this server: start it with --token or SITROOM_TOKEN"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), settings.token.encode()
    ):
        raise Unauthorized("missing or wrong token: send 'Authorization: Bearer <token>'")


def encode_cursor(offset: int) -> str:
    """An opaque cursor for the next page (an offset, but clients must not rely on it)."""
    raw = json.dumps({"o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        offset = json.loads(raw)["o"]
    except (binascii.Error, ValueError, KeyError, TypeError) as e:
        raise BadRequest(
            f"invalid cursor {cursor!r}: pass back the next_cursor of a previous page"
        ) from e
    if not isinstance(offset, int) or offset < 0:
        raise BadRequest(f"invalid cursor {cursor!r}: pass back the next_cursor of a previous page")
    return offset


@dataclass(frozen=True, slots=True, kw_only=True)
class PageParams:
    limit: int
    offset: int


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="next_cursor from the previous page.")] = None,
) -> PageParams:
    return PageParams(limit=limit, offset=decode_cursor(cursor))
