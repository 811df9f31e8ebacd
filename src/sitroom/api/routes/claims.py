"""GET /api/claims and /api/claim-groups: numeric claims, grouped across sources."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import MAX_ROWS, PageParams, get_store, page_params
from sitroom.api.routes._paging import page_of, paginate
from sitroom.api.schemas import ClaimGroupPublic, ClaimPublic, Page
from sitroom.web.views import claim_groups

__all__ = ["router"]

router = APIRouter(tags=["claims"])


@router.get("/claims", response_model=Page[ClaimPublic])
def list_claims(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
    about: Annotated[str | None, Query(description="Words in what the claim counts.")] = None,
) -> dict[str, Any]:
    """Numeric claims, optionally about one thing counted."""
    return page_of(
        paginate(lambda n: store.list_claims(about=about, limit=min(n, MAX_ROWS)), paging),
        paging,
    )


@router.get("/claim-groups", response_model=Page[ClaimGroupPublic])
def list_claim_groups(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
    about: Annotated[str | None, Query()] = None,
    contradictions_only: bool = False,
) -> dict[str, Any]:
    """Claims about the same thing across articles, each with its chart series."""
    groups = claim_groups(store, about=about, contradictions_only=contradictions_only)
    return page_of(paginate(lambda n: groups[:n], paging), paging)
