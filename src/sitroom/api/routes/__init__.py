"""One APIRouter per resource; :data:`ROUTERS` is what the app mounts under /api."""

from __future__ import annotations

from sitroom.api.routes import (
    articles,
    claims,
    entities,
    events,
    graph,
    ingest,
    places,
    quotes,
    search,
    stats,
)

__all__ = ["ROUTERS"]

ROUTERS = (
    articles.router,
    search.router,
    entities.router,
    quotes.router,
    claims.router,
    events.router,
    places.router,
    graph.router,
    stats.router,
    ingest.router,
)
