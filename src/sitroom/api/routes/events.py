"""GET /api/events and /api/events/map: typed events, and events by place for the map."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import PageParams, get_store, page_params
from sitroom.api.routes._paging import page_of, paginate
from sitroom.api.schemas import EventPublic, MapPointPublic, Page
from sitroom.web.views import EventFilters, filtered_events, map_points

__all__ = ["router"]

router = APIRouter(tags=["events"])


def event_filters(
    event_type: Annotated[
        str | None, Query(alias="type", description="Event type, e.g. strike.")
    ] = None,
    actor: Annotated[str | None, Query()] = None,
    place: Annotated[str | None, Query()] = None,
    since: Annotated[str | None, Query(description="On or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="On or before (YYYY-MM-DD).")] = None,
) -> EventFilters:
    return EventFilters(event_type=event_type, actor=actor, place=place, since=since, until=until)


@router.get("/events", response_model=Page[EventPublic])
def list_events(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> dict[str, Any]:
    """Events, newest first, filtered like ``sitroom events``."""
    return page_of(paginate(lambda n: filtered_events(store, filters, limit=n), paging), paging)


@router.get("/events/map", response_model=list[MapPointPublic])
def events_map(
    store: Annotated[Any, Depends(get_store)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> list[dict[str, Any]]:
    """Events with coordinates, one point per place, sized by corroborating articles."""
    return map_points(store, filters)
