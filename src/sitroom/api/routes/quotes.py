"""GET /api/quotes: quotes with their speakers and spans."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import MAX_ROWS, PageParams, get_store, page_params
from sitroom.api.routes._paging import page_of, paginate
from sitroom.api.schemas import Page, QuotePublic

__all__ = ["router"]

router = APIRouter(tags=["quotes"])


@router.get("/quotes", response_model=Page[QuotePublic])
def list_quotes(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
    speaker: Annotated[str | None, Query(description="Canonical speaker name or alias.")] = None,
) -> dict[str, Any]:
    """Quotes, optionally by one speaker."""
    return page_of(
        paginate(lambda n: store.list_quotes(speaker=speaker, limit=min(n, MAX_ROWS)), paging),
        paging,
    )
