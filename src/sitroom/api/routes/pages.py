"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same views as the API.

Pages carry no inline script: behaviour lives in /static/*.js, and data a script needs
goes in a ``<script type="application/json">`` block filled with Jinja's ``tojson``
(which escapes ``<``, ``>``, ``&`` and quotes), or comes from the JSON API.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from sitroom.api.deps import get_settings, get_store
from sitroom.config import Settings
from sitroom.errors import SitroomError
from sitroom.report import build_brief
from sitroom.report.dates import register_filters
from sitroom.report.render import citation_line
from sitroom.store import MARK_CLOSE, MARK_OPEN
from sitroom.web import TEMPLATES_DIR, charts, views
from sitroom.web.highlight import snippet_parts
from sitroom.web.memo import memo

__all__ = ["render_error", "router", "templates"]

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=TEMPLATES_DIR)  # autoescape is on for .html
register_filters(templates.env.filters)  # dates in words, never raw TIMEX3 codes

# Rows shown per listing page in the UI.
PAGE_ROWS = 50


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"page": name.removesuffix(".html"), **context}
    )


def render_error(request: Request, status: int, error_type: str, message: str) -> HTMLResponse:
    """An error as an HTML page, for browsers on UI routes."""
    return templates.TemplateResponse(
        request,
        "error.html",
        {"page": "error", "error_type": error_type, "message": message},
        status_code=status,
    )


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, store: Annotated[Any, Depends(get_store)]) -> HTMLResponse:
    return _page(request, "overview.html", **views.overview(store))


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: Annotated[Any, Depends(get_store)],
    q: str = "",
    event_type: Annotated[str, Query(alias="type")] = "",
    actor: str = "",
    place: str = "",
    since: str = "",
    until: str = "",
) -> HTMLResponse:
    form = {
        "q": q,
        "type": event_type,
        "actor": actor,
        "place": place,
        "since": since,
        "until": until,
    }
    hits, error = [], None
    if q.strip():
        filters = views.SearchFilters(
            q=q,
            event_type=_blank(event_type),
            actor=_blank(actor),
            place=_blank(place),
            since=_blank(since),
            until=_blank(until),
        )
        try:
            hits = views.search_hits(store, filters, limit=PAGE_ROWS)
        except SitroomError as e:
            error = str(e)
    return _page(
        request,
        "search.html",
        form=form,
        hits=hits,
        error=error,
        types=views.event_types(store),
        snippet_parts=lambda text: snippet_parts(text, MARK_OPEN, MARK_CLOSE),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request, article_id: str, store: Annotated[Any, Depends(get_store)]
) -> HTMLResponse:
    return _page(request, "article.html", **views.article_reader(store, article_id))


@router.get("/entities/{name}", response_class=HTMLResponse)
def entity_page(
    request: Request, name: str, store: Annotated[Any, Depends(get_store)]
) -> HTMLResponse:
    return _page(request, "entity.html", **views.entity_profile(store, name))


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request, store: Annotated[Any, Depends(get_store)], speaker: str = ""
) -> HTMLResponse:
    view = views.quotes_page(store, _blank(speaker), limit=PAGE_ROWS)
    return _page(request, "quotes.html", **view)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    store: Annotated[Any, Depends(get_store)],
    about: str = "",
    contradictions: bool = False,
) -> HTMLResponse:
    groups = views.claim_groups(store, about=_blank(about), contradictions_only=contradictions)
    charted = [{"group": g, "chart": charts.claim_chart(g["points"])} for g in groups]
    return _page(request, "claims.html", groups=charted, about=about, contradictions=contradictions)


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    store: Annotated[Any, Depends(get_store)],
    event_type: Annotated[str, Query(alias="type")] = "",
    since: str = "",
    until: str = "",
) -> HTMLResponse:
    filters = views.EventFilters(
        event_type=_blank(event_type), since=_blank(since), until=_blank(until)
    )
    events = sorted(
        views.filtered_events(store, filters, limit=PAGE_ROWS * 2),
        key=lambda e: (e.date or "", e.article_id, e.start),
        reverse=True,
    )
    types = views.event_types(store)
    return _page(
        request,
        "events.html",
        events=events,
        types=types,
        form={"type": event_type, "since": since, "until": until},
    )


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, low_confidence: bool = False) -> HTMLResponse:
    return _page(request, "graph.html", low_confidence=low_confidence)


@router.get("/brief", response_class=HTMLResponse)
def brief_page(
    request: Request,
    store: Annotated[Any, Depends(get_store)],
    since: str = "",
    until: str = "",
    about: str = "",
) -> HTMLResponse:
    window = {"since": _blank(since), "until": _blank(until), "about": _blank(about)}
    brief = memo(store.path, ("brief", *window.values()), lambda: build_brief(store, **window))
    return _page(
        request,
        "brief.html",
        brief=brief,
        citation_line=citation_line,
        form={"since": since, "until": until, "about": about},
    )


@router.get("/upload", response_class=HTMLResponse)
def upload_page(
    request: Request, settings: Annotated[Settings, Depends(get_settings)]
) -> HTMLResponse:
    return _page(
        request,
        "upload.html",
        writes_enabled=bool(settings.token),
        max_bytes=settings.max_upload_bytes,
    )
