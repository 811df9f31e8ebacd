"""GET /api/entities and /api/entities/{name}: canonical entities, aliases, what they said."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import MAX_ROWS, PageParams, get_store, page_params
from sitroom.api.routes._paging import page_of, paginate
from sitroom.api.schemas import EntityProfilePublic, EntityPublic, Page, error_responses
from sitroom.web.views import entity_profile

__all__ = ["router"]

router = APIRouter(tags=["entities"])


@router.get("/entities", response_model=Page[EntityPublic])
def list_entities(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
    label: Annotated[
        str | None, Query(description="PERSON, ORG, GPE, LOC, NORP, FAC or WEAPON.")
    ] = None,
) -> dict[str, Any]:
    """Canonical entities, most mentioned first."""
    return page_of(
        paginate(lambda n: store.list_entities(label=label, limit=min(n, MAX_ROWS)), paging),
        paging,
    )


@router.get("/entities/{name}", response_model=EntityProfilePublic, responses=error_responses(404))
def get_entity(name: str, store: Annotated[Any, Depends(get_store)]) -> dict[str, Any]:
    """One entity: aliases and roles, quotes by and about it, its events and relations."""
    return entity_profile(store, name)
