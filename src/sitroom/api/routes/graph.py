"""GET /api/graph: the actor graph (who acted on, or spoke about, whom)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from sitroom.api.deps import get_store
from sitroom.api.schemas import GraphPublic
from sitroom.web.views import actor_graph

__all__ = ["router"]

router = APIRouter(tags=["graph"])


@router.get("/graph", response_model=GraphPublic)
def graph(store: Annotated[Any, Depends(get_store)]) -> dict[str, Any]:
    """Nodes (actors) and weighted edges (events between them), with evidence counts."""
    return actor_graph(store)
