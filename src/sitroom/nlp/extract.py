"""Run every extractor over articles: text -> Doc -> Extraction (no spaCy type leaves here).

This is the per-article pure function of DESIGN.md (article, gazetteer, pipeline version);
``sitroom.jobs`` runs it in one process, in forked workers or on Dask workers and chooses
how. Extractors run in dependency order: entities first
(canonical names), then quotes (speakers use mentions), time expressions, claims
(claimants use quotes; numbers inside time expressions are not claims), places, and
events (which use all of the above); last, surnames used alone are widened to the
article's full names in every record (``nlp.names``). Texts longer than ``pieces.PIECE_CHARS`` are parsed
in pieces joined into one Doc.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import TypeVar

from spacy.tokens import Doc

from sitroom.nlp.claims.extract import extract_claims
from sitroom.nlp.entities.extract import EntityResult, extract_entities
from sitroom.nlp.events.extract import extract_events
from sitroom.nlp.model import PIPELINE_VERSION
from sitroom.nlp.names import expand_records
from sitroom.nlp.pieces import PIECE_CHARS, split_text
from sitroom.nlp.pipeline import pipe_docs
from sitroom.nlp.places.extract import extract_places
from sitroom.nlp.quotes.extract import extract_quotes
from sitroom.nlp.timex.extract import extract_timexes
from sitroom.records import Claim, Event, Extraction, Failure, Place, Quote, Timex

logger = logging.getLogger(__name__)

_R = TypeVar("_R")
_NO_ENTITIES = EntityResult()

__all__ = [
    "PIPELINE_VERSION",
    "Document",
    "doc_to_records",
    "extract_documents",
    "parse_texts",
    "warm_up",
]

# Made up for warm_up: a date, a number, a place, a quote and an event trigger, so that
# every extractor runs and loads the tables it reads on first use.
_WARM_UP_TEXT = (
    "Officials in Kharkiv said on Monday that 12 drones struck a fuel depot overnight. "
    '"We will rebuild," the mayor said.'
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A text to extract from: ``id`` becomes every record's ``article_id``."""

    id: str
    text: str
    published: str | None = None


def doc_to_records(doc: Doc, *, article_id: str, published: str | None) -> Extraction:
    """Gather every extractor's records for one parsed article.

    One extractor's bug does not cost the others' records: an extractor that raises is
    logged and recorded in ``Extraction.failures`` (stage ``"extract:<name>"``), and the
    extractors after it run with its records empty (claims keep their own year and date
    checks without time expressions; quotes, claims and places work without mentions).
    """
    failures: list[Failure] = []

    def run(stage: str, extractor: Callable[[], _R], empty: _R) -> _R:
        try:
            return extractor()
        except Exception as e:
            logger.exception("extract:%s failed for %s", stage, article_id)
            message = f"{type(e).__name__}: {e}"
            failures.append(Failure(source=article_id, stage=f"extract:{stage}", message=message))
            return empty

    found = run("entities", lambda: extract_entities(doc, article_id=article_id), _NO_ENTITIES)
    mentions = found.mentions
    quotes: list[Quote] = run(
        "quotes", lambda: extract_quotes(doc, article_id=article_id, mentions=mentions), []
    )
    timexes: list[Timex] = run(
        "timexes", lambda: extract_timexes(doc, article_id=article_id, published=published), []
    )
    claims: list[Claim] = run(
        "claims",
        lambda: extract_claims(
            doc, article_id=article_id, mentions=mentions, quotes=quotes, timexes=timexes
        ),
        [],
    )
    places: list[Place] = run(
        "places", lambda: extract_places(doc, article_id=article_id, mentions=mentions), []
    )
    events: list[Event] = run(
        "events",
        lambda: extract_events(
            doc,
            article_id=article_id,
            published=published,
            mentions=mentions,
            quotes=quotes,
            claims=claims,
            timexes=timexes,
            places=places,
        ),
        [],
    )
    # One name per person within the article: "Harris" after "Kamala Harris" is her, in
    # every record's name fields (the spans keep the text's spelling).
    quotes, claims, events = run(
        "names",
        lambda: expand_records(mentions=mentions, quotes=quotes, claims=claims, events=events),
        (quotes, claims, events),
    )
    return Extraction(
        article_id=article_id,
        mentions=tuple(mentions),
        entities=tuple(found.entities),
        quotes=tuple(quotes),
        claims=tuple(claims),
        timexes=tuple(timexes),
        places=tuple(places),
        events=tuple(events),
        failures=tuple(failures),
    )


def warm_up() -> None:
    """Load the pipeline and every table the extractors load on first use (gazetteers,
    lexicons), by extracting from one short made-up text; the records are dropped."""
    doc = next(pipe_docs([_WARM_UP_TEXT]))
    doc_to_records(doc, article_id="warm-up", published=None)


def parse_texts(
    texts: Iterable[str], *, piece_chars: int = PIECE_CHARS, batch_size: int | None = None
) -> Iterator[Doc]:
    """Parse texts in-process, in order, one Doc per text whatever its length.

    A text longer than ``piece_chars`` (spaCy refuses texts over ``nlp.max_length``,
    error E088) is cut at paragraph breaks, else sentence ends (:func:`split_text`);
    the pieces are parsed in the same batches as the other texts and their Docs joined
    into one, whose text is the whole text, so records' offsets index all of it.
    """
    owners: list[int] = []
    pieces: list[str] = []
    for n, text in enumerate(texts):
        for start, end in split_text(text, piece_chars=piece_chars):
            owners.append(n)
            pieces.append(text[start:end])
    docs = pipe_docs(pieces, batch_size=batch_size)
    for _, group in groupby(zip(owners, docs, strict=True), key=itemgetter(0)):
        parts = [doc for _, doc in group]
        # ensure_whitespace=False: the pieces' texts already join into the whole text.
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def extract_documents(
    documents: Iterable[Document],
    *,
    failures: list[Failure] | None = None,
    batch_size: int | None = None,
    piece_chars: int = PIECE_CHARS,
) -> Iterator[Extraction]:
    """Extract records from many documents in this process, one model load, in input order.

    With a ``failures`` list, a document whose extraction raises is recorded there
    (``source`` is its id) and skipped: batches are forgiving per document. Without one,
    the error propagates. ``batch_size`` is the ``nlp.pipe`` batch (``sitroom.jobs.plan``
    chooses it; running many processes is ``sitroom.jobs.parallel``'s job). Texts longer
    than ``piece_chars`` are parsed in pieces (:func:`parse_texts`).
    """
    documents = list(documents)
    docs = parse_texts((d.text for d in documents), piece_chars=piece_chars, batch_size=batch_size)
    for document, doc in zip(documents, docs, strict=True):
        if failures is None:
            yield doc_to_records(doc, article_id=document.id, published=document.published)
            continue
        try:
            extraction = doc_to_records(doc, article_id=document.id, published=document.published)
        except Exception as e:
            # The traceback is for --debug only: the failure itself is reported by the caller.
            logger.debug("extraction failed for %s", document.id, exc_info=True)
            failures.append(
                Failure(source=document.id, stage="extract", message=f"{type(e).__name__}: {e}")
            )
            continue
        yield extraction
