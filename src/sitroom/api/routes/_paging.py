"""Cursor pagination over store listings.

The cursor is opaque to clients (base64 of an offset). Listings whose store function
takes an ``offset`` skip rows in SQL; the others are read from the top and sliced,
which is correct for any listing and cheap within the store's 1,000-row cap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sitroom.api.deps import PageParams, encode_cursor

__all__ = ["page_of", "paginate", "paginate_offset"]

T = TypeVar("T")


def _page(rows: list[T], params: PageParams, start: int) -> tuple[list[T], str | None]:
    items = rows[start : start + params.limit]
    more = len(rows) > start + params.limit
    return items, encode_cursor(params.offset + params.limit) if more else None


def paginate(fetch: Callable[[int], Sequence[T]], params: PageParams) -> tuple[list[T], str | None]:
    """``fetch(n)`` returns the first ``n`` rows in a stable order; one extra row tells if more exist."""
    return _page(list(fetch(params.offset + params.limit + 1)), params, params.offset)


def paginate_offset(
    fetch: Callable[[int, int], Sequence[T]], params: PageParams
) -> tuple[list[T], str | None]:
    """``fetch(offset, n)`` returns ``n`` rows from ``offset`` (SQL LIMIT/OFFSET)."""
    return _page(list(fetch(params.offset, params.limit + 1)), params, 0)


def page_of(found: tuple[list[Any], str | None], params: PageParams) -> dict[str, Any]:
    items, next_cursor = found
    return {"items": items, "next_cursor": next_cursor, "limit": params.limit}
