"""GET /api/graph: the actor graph (who acted on, or spoke about, whom)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import get_store
from sitroom.api.schemas import GraphPublic
from sitroom.web.views import actor_graph

__all__ = ["router"]

router = APIRouter(tags=["graph"])


@router.get("/graph", response_model=GraphPublic)
def graph(
    store: Annotated[Any, Depends(get_store)],
    low_confidence: Annotated[
        bool,
        Query(
            description="Also the edges of events not stated as fact (below the confidence"
            " bar, not reported or claimed, or with no named actor), marked confident: false."
        ),
    ] = False,
) -> dict[str, Any]:
    """Nodes (actors) and weighted edges (events between them), with evidence counts: by
    default only events stated as fact, as on the overview and in the brief."""
    return actor_graph(store, low_confidence=low_confidence)
