"""Run every extractor over articles: text -> Doc -> Extraction (no spaCy type leaves here).

This is the per-article pure function of DESIGN.md (article, gazetteer, pipeline version);
``sitroom.jobs`` runs it in one process, in forked workers or on Dask workers and chooses
how. Extractors run in dependency order: entities first (canonical names), then quotes
(speakers use mentions), claims (claimants use quotes), time expressions, places, and
events (which use all of the above).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from sitroom.nlp.claims.extract import extract_claims
from sitroom.nlp.entities.extract import extract_entities
from sitroom.nlp.events.extract import extract_events
from sitroom.nlp.model import PIPELINE_VERSION
from sitroom.nlp.pipeline import pipe_docs
from sitroom.nlp.places.extract import extract_places
from sitroom.nlp.quotes.extract import extract_quotes
from sitroom.nlp.timex.extract import extract_timexes
from sitroom.records import Extraction, Failure

logger = logging.getLogger(__name__)

__all__ = ["PIPELINE_VERSION", "Document", "doc_to_records", "extract_documents"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A text to extract from: ``id`` becomes every record's ``article_id``."""

    id: str
    text: str
    published: str | None = None


def doc_to_records(doc: Doc, *, article_id: str, published: str | None) -> Extraction:
    """Gather every extractor's records for one parsed article."""
    found = extract_entities(doc, article_id=article_id)
    mentions = found.mentions
    quotes = extract_quotes(doc, article_id=article_id, mentions=mentions)
    claims = extract_claims(doc, article_id=article_id, mentions=mentions, quotes=quotes)
    timexes = extract_timexes(doc, article_id=article_id, published=published)
    places = extract_places(doc, article_id=article_id, mentions=mentions)
    events = extract_events(
        doc,
        article_id=article_id,
        published=published,
        mentions=mentions,
        quotes=quotes,
        claims=claims,
        timexes=timexes,
        places=places,
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
    )


def extract_documents(
    documents: Iterable[Document],
    *,
    failures: list[Failure] | None = None,
    batch_size: int | None = None,
) -> Iterator[Extraction]:
    """Extract records from many documents in this process, one model load, in input order.

    With a ``failures`` list, a document whose extraction raises is recorded there
    (``source`` is its id) and skipped: batches are forgiving per document. Without one,
    the error propagates. ``batch_size`` is the ``nlp.pipe`` batch (``sitroom.jobs.plan``
    chooses it; running many processes is ``sitroom.jobs.parallel``'s job).
    """
    documents = list(documents)
    docs = pipe_docs((d.text for d in documents), batch_size=batch_size)
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
