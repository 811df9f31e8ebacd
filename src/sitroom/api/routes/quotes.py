"""GET /api/quotes: quotes with their speakers (canonical actor and the text's spelling) and
spans; GET /api/speakers: speakers by canonical actor, with their aliases."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import MAX_ROWS, PageParams, get_store, page_params
from sitroom.api.routes._paging import page_of, paginate
from sitroom.api.schemas import Page, QuotePublic, SpeakerPublic
from sitroom.reconcile import list_speakers, speaker_actor

__all__ = ["router"]

router = APIRouter(tags=["quotes"])


@router.get("/quotes", response_model=Page[QuotePublic])
def list_quotes(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
    speaker: Annotated[
        str | None,
        Query(description="Speaker as written or its canonical actor (substring, any case)."),
    ] = None,
) -> dict[str, Any]:
    """Quotes, optionally by one speaker; ``speaker_actor`` is the speaker's canonical actor."""
    names = store.read_actor_names()
    items, cursor = paginate(
        lambda n: store.list_quotes(speaker=speaker, limit=min(n, MAX_ROWS)), paging
    )
    public = [
        QuotePublic.model_validate(q).model_copy(
            update={"speaker_actor": speaker_actor(q.speaker, names)}
        )
        for q in items
    ]
    return page_of((public, cursor), paging)


@router.get("/speakers", response_model=Page[SpeakerPublic])
def list_speaker_actors(
    store: Annotated[Any, Depends(get_store)],
    paging: Annotated[PageParams, Depends(page_params)],
) -> dict[str, Any]:
    """Quote speakers by canonical actor, most quoted first, with every spelling quoted."""
    return page_of(paginate(lambda n: list_speakers(store)[:n], paging), paging)
