"""GET /api/search: full-text search over articles, with the UI's filters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import PageParams, get_store, page_params
from sitroom.api.routes._paging import page_of, paginate_offset
from sitroom.api.schemas import SearchPagePublic
from sitroom.store import SEARCH_WINDOW
from sitroom.web.views import SearchFilters, search_hits

__all__ = ["router"]

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchPagePublic)
def search(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
    q: Annotated[
        str,
        Query(
            min_length=1,
            description="Words to find; with raw=true, an FTS5 query (invalid syntax is a 400).",
        ),
    ],
    raw: Annotated[bool, Query(description="Read q as FTS5 query syntax.")] = False,
    event_type: Annotated[
        str | None, Query(alias="type", description="Keep articles with an event of this type.")
    ] = None,
    actor: Annotated[str | None, Query(description="Keep articles naming this actor.")] = None,
    place: Annotated[str | None, Query(description="Keep articles naming this place.")] = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
) -> dict[str, Any]:
    """Articles matching ``q``, best first among the newest matches, snippets marked with « ».

    Ranking covers the ``window`` most recently stored matches; ``matches`` counts them
    and ``matches_capped`` says that older matches exist beyond the window.
    """
    filters = SearchFilters(
        q=q, raw=raw, event_type=event_type, actor=actor, place=place, since=since, until=until
    )
    found = paginate_offset(
        lambda offset, n: search_hits(store, filters, limit=n, offset=offset), paging
    )
    counted = store.count_matches(q, raw=raw)
    return {
        **page_of(found, paging),
        "matches": counted.matches,
        "matches_capped": counted.capped,
        "window": SEARCH_WINDOW,
    }
