"""GET /api/articles and /api/articles/{id}: articles with their records and spans."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import PageParams, get_store, page_params
from sitroom.api.routes._paging import page_of, paginate_offset
from sitroom.api.schemas import ArticleDetailPublic, ArticlePublic, Page, error_responses
from sitroom.web.views import article_detail

__all__ = ["router"]

router = APIRouter(tags=["articles"])


@router.get("/articles", response_model=Page[ArticlePublic])
def list_articles(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    """Stored articles, newest first."""
    found = paginate_offset(
        lambda offset, n: (
            store.list_articles(
                since=since, until=until, outlet=outlet, offset=offset, limit=n
            ).items
        ),
        paging,
    )
    return page_of(found, paging)


@router.get(
    "/articles/{article_id}", response_model=ArticleDetailPublic, responses=error_responses(404)
)
def get_article(article_id: str, store: Annotated[Any, Depends(get_store)]) -> dict[str, Any]:
    """One article, its text, and every record extracted from it."""
    return article_detail(store, article_id)
