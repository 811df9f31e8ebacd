"""The API's response shapes: one pydantic model per shape, built from record dataclasses.

Why mirror the records instead of returning them: the OpenAPI schema documents each
shape, and records can grow internal fields without changing the public API.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
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
    "TimexPublic",
]

T = TypeVar("T")


class _Record(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class _Span(_Record):
    article_id: str
    start: int
    end: int
    text: str


class MentionPublic(_Span):
    label: str
    entity: str
    role: str | None = None


class QuotePublic(_Span):
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str | None = None
    cue: str | None = None


class ClaimPublic(_Span):
    value: float | None = None
    low: float | None = None
    high: float | None = None
    bound: str | None = None
    unit: str | None = None
    what: str | None = None
    claimant: str | None = None
    hedge: str | None = None


class TimexPublic(_Span):
    timex_type: str
    value: str
    anchored: bool = False
    granularity: str | None = None


class PlacePublic(_Span):
    name: str
    kind: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


class EvidenceSpanPublic(BaseModel):
    """One more sentence of the article that reports the same event."""

    start: int
    end: int


class EventPublic(_Span):
    event_type: str
    plover: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    trigger: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    date: str | None = None
    date_precision: str | None = None
    status: str = "reported"
    weapons: tuple[str, ...] = ()
    quantities: dict[str, float] = Field(default_factory=dict)
    claimant: str | None = None
    evidence: list[EvidenceSpanPublic] = Field(default_factory=list)
    confidence: float = 1.0

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence_pairs(cls, value: Any) -> Any:
        # Event.evidence holds (start, end) pairs; the public shape is {start, end}, as in
        # the `sitroom extract` contract.
        return [{"start": v[0], "end": v[1]} if isinstance(v, (tuple, list)) else v for v in value]


class EntityPublic(_Record):
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    weapon_class: str | None = None
    mentions: int | None = None


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
    corroboration: int = Field(description="Distinct articles reporting events here.")
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


class GraphPublic(BaseModel):
    nodes: list[GraphNodePublic]
    edges: list[GraphEdgePublic]


class IngestReportPublic(_Record):
    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    links: int = 0
    failures: list[dict[str, Any]] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)


class Page(BaseModel, Generic[T]):
    """One page of a list; pass ``next_cursor`` back as ``cursor`` for the next page."""

    items: list[T]
    next_cursor: str | None = None
    limit: int


class ErrorBody(BaseModel):
    type: str
    message: str


class ErrorPublic(BaseModel):
    error: ErrorBody
