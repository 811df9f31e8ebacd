"""GET /api/places: resolved toponyms with coordinates."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from sitroom.api.deps import MAX_ROWS, PageParams, get_store, page_params
from sitroom.api.routes._paging import page_of, paginate
from sitroom.api.schemas import Page, PlacePublic

__all__ = ["router"]

router = APIRouter(tags=["places"])


@router.get("/places", response_model=Page[PlacePublic])
def list_places(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
) -> dict[str, Any]:
    """Place mentions resolved to the gazetteer."""
    return page_of(paginate(lambda n: store.list_places(limit=min(n, MAX_ROWS)), paging), paging)
