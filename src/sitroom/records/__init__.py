"""Record types that flow through sitroom: raw input -> Article -> extracted records.

Every extracted record keeps its provenance: ``article_id`` and a character span
(``start``, ``end``) into that article's stored ``text``, plus the exact ``text`` of
the span, so that ``article.text[start:end] == record.text`` always holds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Block",
    "Claim",
    "Entity",
    "Event",
    "Extraction",
    "Failure",
    "IngestReport",
    "Link",
    "Mention",
    "Place",
    "Quote",
    "Timex",
    "article_id_for",
    "normalize_for_id",
]


def normalize_for_id(text: str) -> str:
    """Normalize text for hashing: NFKC, unified quotes/dashes, collapsed whitespace, casefold."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    # Same result as re.sub(r"\s+", " ", ...), but lone plain spaces are not matched: on a
    # 50 MB text that sub built millions of pieces and took 600 MB (issue 12).
    return re.sub(r"\s{2,}|[^\S ]", " ", text).strip().casefold()


def article_id_for(title: str | None, text: str) -> str:
    """Deterministic article id: the first 16 hex digits of sha256(normalized title + body)."""
    key = normalize_for_id(title or "") + "\n" + normalize_for_id(text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One block of an article body: a paragraph or a section heading.

    ``start``/``end`` index the article's ``text``.
    """

    kind: str  # "paragraph" | "heading"
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A news article as read from a source, before or after storage.

    ``text`` is the body: the blocks' texts joined by blank lines (headings included,
    the title and dek not), and every extracted record's span indexes it.
    ``published`` is an ISO date (``YYYY-MM-DD``) or ``None`` when unknown;
    ``published_source`` says where it came from (metadata, option, filename).
    ``title_derived`` is True when the input had no headline and ``title`` was made
    from the first sentence; the id is then computed with no title (``article_id_for(None, text)``).
    ``text`` is empty (and ``blocks`` too) only for a headline with no body.
    """

    id: str
    title: str | None
    title_derived: bool = False
    text: str
    blocks: tuple[Block, ...] = ()
    dek: str | None = None
    section: str | None = None
    byline: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    url: str | None = None
    source: str | None = None  # the path or URI it was read from
    source_index: int = 0  # position inside that source (0 for single-article inputs)
    published: str | None = None
    published_source: str | None = None  # "metadata" | "option" | "filename" | None
    language: str = "en"
    duplicate_of: str | None = None
    pipeline_version: str | None = None

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "heading")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "paragraph")


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A feed item without content: a URL recorded to fetch later."""

    url: str
    title: str | None = None
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """One input (or one document inside it) that could not be read or stored."""

    source: str
    stage: str  # "read" | "store" | "extract" | "extract:<extractor>" (e.g. "extract:claims")
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    """Counts for one ingest batch: inputs read and failed; articles new, duplicate, unextracted."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    extract_failed: int = 0  # articles stored without records: their extraction failed
    links: int = 0
    failures: tuple[Failure, ...] = ()
    article_ids: tuple[str, ...] = ()


# ---------------------------------------------------------------- extracted records


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A named-entity mention. ``entity`` is the canonical name it resolves to."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # PERSON ORG GPE LOC NORP FAC WEAPON
    entity: str
    role: str | None = None  # title as written before the name or in an appositive after it


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A canonical entity with the aliases and roles seen for it."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    weapon_class: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Direct, indirect or mixed speech. ``speaker`` is a canonical name, or None when unnamed."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect" | "mixed"
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str | None = None  # "person" | "organization" | "unnamed" | "pronoun"
    cue: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A number stated in text, normalized, with what it counts and who asserts it."""

    article_id: str
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    bound: str | None = (
        None  # "at least" "more than" "up to" "less than" "approximately" "nearly" "exactly"
    )
    # "USD" "percent" "km" ...; "per day" for a count over a period; None for a plain count
    unit: str | None = None
    what: str | None = None  # what is counted: "North Korean troops"
    claimant: str | None = None
    hedge: str | None = None  # "reportedly" "unverified" "expected" "estimated"


@dataclass(frozen=True, slots=True, kw_only=True)
class Timex:
    """A time expression normalized to a TIMEX3 value."""

    article_id: str
    start: int
    end: int
    text: str
    timex_type: str  # DATE TIME DURATION SET
    value: str  # TIMEX3 value: 2024-11-21, 2024-W46, 2024-06, P3D, PRESENT_REF, XXXX-06 ...
    anchored: bool = False
    granularity: str | None = None  # "day" "week" "month" "quarter" "year" "decade" ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A toponym resolved to a gazetteer entry with coordinates."""

    article_id: str
    start: int
    end: int
    text: str
    name: str
    kind: str  # "city" "region" "country"
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A typed happening with directed roles, place, date, status and evidence span."""

    article_id: str
    start: int
    end: int
    text: str
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
    status: str = "reported"  # reported claimed denied expected threatened conditional
    weapons: tuple[str, ...] = ()
    quantities: dict[str, float] = field(default_factory=dict)
    claimant: str | None = None
    # Every sentence of the article that reports this happening, as (start, end), in text
    # order; (start, end) itself is the clearest of them. Empty on hand-made records.
    evidence: tuple[tuple[int, int], ...] = ()
    # 0-1, from the cues the extractor saw (named actor and target, date, trigger strength,
    # realis); compare with ``sitroom.nlp.events.CONFIDENT``. Hand-made records: taken as given.
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Every record extracted from one article.

    ``failures`` names the extractors that raised on this article (stage
    ``"extract:<extractor>"``, source the article id); the other extractors' records are
    here all the same, and a failed extractor's are empty.
    """

    article_id: str
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    timexes: tuple[Timex, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    failures: tuple[Failure, ...] = ()
