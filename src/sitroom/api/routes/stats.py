"""GET /api/stats: counts of what the store holds."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from sitroom.api.deps import get_store
from sitroom.web.views import store_stats

__all__ = ["router"]

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=dict[str, Any])
def stats(store: Annotated[Any, Depends(get_store)]) -> dict[str, Any]:
    """Articles, records by kind, last ingest."""
    return store_stats(store)
