"""The API's response shapes: one pydantic model per shape, built from record dataclasses.

Why models instead of returning the records: the OpenAPI schema documents each shape.
The extracted records' models take their fields from the dataclasses in
``sitroom.records`` (less the fields listed in ``PUBLIC_EXCLUDED``), so a record field is
written once; the other shapes (article views, pages, groups) are the API's own.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Generic, TypeVar, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from sitroom.records import Claim, Entity, Event, IngestReport, Mention, Place, Quote, Timex

__all__ = [
    "PUBLIC_EXCLUDED",
    "ArticleDetailPublic",
    "ArticlePublic",
    "ClaimGroupPublic",
    "ClaimPointPublic",
    "ClaimPublic",
    "EntityProfilePublic",
    "EntityPublic",
    "ErrorPublic",
    "EventPublic",
    "EvidenceSpanPublic",
    "GraphPublic",
    "IngestReportPublic",
    "MapPointPublic",
    "MentionPublic",
    "Page",
    "PlacePublic",
    "QuotePublic",
    "SearchHitPublic",
    "SearchPagePublic",
    "SpeakerPublic",
    "TimexPublic",
    "error_responses",
]

T = TypeVar("T")


class _Record(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# Record fields left out of the public shapes, by record type, each with its reason. None
# today: every field of an extracted record is public. A field named here stays internal.
PUBLIC_EXCLUDED: dict[type, frozenset[str]] = {
    Mention: frozenset(),
    Quote: frozenset(),
    Claim: frozenset(),
    Timex: frozenset(),
    Place: frozenset(),
    Event: frozenset(),
    Entity: frozenset(),
    IngestReport: frozenset(),
}


def _fields_of(record: type) -> type[_Record]:
    """A pydantic model with the record dataclass's public fields: same names, types, defaults.

    The record (``sitroom.records``) is the one definition of each shape; the ``*Public``
    models below subclass this, so the OpenAPI schema follows the records.
    """
    hints = get_type_hints(record)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in PUBLIC_EXCLUDED[record]:
            continue
        if f.default is not dataclasses.MISSING:
            fields[f.name] = (hints[f.name], f.default)
        elif f.default_factory is not dataclasses.MISSING:
            fields[f.name] = (hints[f.name], Field(default_factory=f.default_factory))
        else:
            fields[f.name] = (hints[f.name], ...)
    model: type[_Record] = create_model(f"_{record.__name__}Fields", __base__=_Record, **fields)
    return model


# The subclasses carry no docstring: a docstring would become the schema's description.
class MentionPublic(_fields_of(Mention)):  # type: ignore[misc]
    pass


class QuotePublic(_fields_of(Quote)):  # type: ignore[misc]
    # Derived, not stored with the quote: the canonical actor reconcile gives its speaker
    # (the same name as in events and the graph); ``speaker``/``speaker_text`` keep the
    # article's own spelling as evidence. None where the quote has no named speaker.
    speaker_actor: str | None = None


class SpeakerPublic(_Record):
    actor: str
    names: list[str]
    aliases: list[str]
    quotes: int


class ClaimPublic(_fields_of(Claim)):  # type: ignore[misc]
    pass


class TimexPublic(_fields_of(Timex)):  # type: ignore[misc]
    pass


class PlacePublic(_fields_of(Place)):  # type: ignore[misc]
    pass


class EvidenceSpanPublic(BaseModel):
    """One more sentence of the article that reports the same event."""

    start: int
    end: int


class EventPublic(_fields_of(Event)):  # type: ignore[misc]
    # Event.evidence holds (start, end) pairs; the public shape is {start, end}, as in the
    # `sitroom extract` contract.
    evidence: list[EvidenceSpanPublic] = Field(default_factory=list)

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence_pairs(cls, value: Any) -> Any:
        return [{"start": v[0], "end": v[1]} if isinstance(v, tuple | list) else v for v in value]


class EntityPublic(_fields_of(Entity)):  # type: ignore[misc]
    mentions: int | None = None  # how many mentions the store holds, where a listing counts them


class EntityProfilePublic(BaseModel):
    """An entity page: who it is, what it said, what was said about it, what it did."""

    entity: EntityPublic
    quotes_by: list[QuotePublic]
    quotes_about: list[QuotePublic]
    events: list[EventPublic]
    relations: list[dict[str, Any]]


class ArticlePublic(_Record):
    """An article without its body: what lists return."""

    id: str
    title: str | None
    outlet: str | None = None
    url: str | None = None
    section: str | None = None
    published: str | None = None
    language: str = "en"
    duplicate_of: str | None = None


class ArticleDetailPublic(ArticlePublic):
    """An article with its text and every record extracted from it (spans index ``text``)."""

    text: str
    dek: str | None = None
    byline: str | None = None
    source: str | None = None
    pipeline_version: str | None = None
    mentions: list[MentionPublic] = Field(default_factory=list)
    quotes: list[QuotePublic] = Field(default_factory=list)
    claims: list[ClaimPublic] = Field(default_factory=list)
    timexes: list[TimexPublic] = Field(default_factory=list)
    places: list[PlacePublic] = Field(default_factory=list)
    events: list[EventPublic] = Field(default_factory=list)


class SearchHitPublic(_Record):
    article_id: str
    title: str | None
    snippet: str
    score: float
    published: str | None = None
    outlet: str | None = None


class MapPointPublic(BaseModel):
    """Events at one place: the map draws one point, sized by ``corroboration``."""

    place: str
    lat: float
    lon: float
    country: str | None = None
    event_types: list[str]
    first_date: str | None = None
    last_date: str | None = None
    corroboration: int = Field(
        description="Independent sources reporting events here (copies and one outlet count once)."
    )
    events: list[EventPublic]


class ClaimPointPublic(BaseModel):
    """One claim in a group, placed on the chart: x is the date, y the value or range."""

    claim: ClaimPublic
    date: str | None = None
    source: str
    outlet: str | None = None
    title: str | None = None


class ClaimGroupPublic(BaseModel):
    """Claims about the same thing across articles; ``contradiction`` when they disagree."""

    key: str
    what: str
    unit: str | None = None
    contradiction: bool
    note: str | None = Field(default=None, description="Which figures disagree, as reconciled.")
    points: list[ClaimPointPublic]


class GraphNodePublic(BaseModel):
    id: str
    label: str | None = None
    weight: int


class GraphEdgePublic(BaseModel):
    source: str
    target: str
    weight: int
    types: list[str]
    confident: bool = Field(
        description="True: events stated as fact; false: low-confidence events (only with"
        " low_confidence=true)."
    )


class GraphPublic(BaseModel):
    nodes: list[GraphNodePublic]
    edges: list[GraphEdgePublic]


class IngestReportPublic(_fields_of(IngestReport)):  # type: ignore[misc]
    pass


class Page(BaseModel, Generic[T]):
    """One page of a list; pass ``next_cursor`` back as ``cursor`` for the next page."""

    items: list[T]
    next_cursor: str | None = None
    limit: int


class SearchPagePublic(Page[SearchHitPublic]):
    """One page of search hits, ranked among the newest ``window`` text matches.

    ``matches`` counts the articles whose text matches ``q`` (before the type, actor, place
    and date filters), stopping at ``window``: when ``matches_capped`` is true there are more
    than ``window`` matches, and the older ones were neither counted nor ranked.
    """

    matches: int
    matches_capped: bool
    window: int


class ErrorBody(BaseModel):
    type: str
    message: str


class ErrorPublic(BaseModel):
    error: ErrorBody


# What each error status of the API means; the body of every one is ErrorPublic. A status
# is documented on each route that can answer it (schemathesis checks it, issue 12).
_ERROR_MEANINGS = {
    400: "Bad request: a parameter out of its bounds or pattern, a malformed cursor or "
    "search query, or a Host this server does not serve.",
    401: "No write token, or the wrong one (or writes are disabled on this server).",
    404: "No such record.",
    413: "The upload is over max_upload_bytes.",
    500: "The store cannot be opened or read.",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, each in the one error shape."""
    return {
        status: {"model": ErrorPublic, "description": _ERROR_MEANINGS[status]}
        for status in statuses
    }
