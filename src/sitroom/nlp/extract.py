"""Run every extractor over articles: text -> Doc -> Extraction (no spaCy type leaves here).

This is the per-article pure function of DESIGN.md (article, gazetteer, pipeline version)
that runs locally or on Dask workers. Extractors run in dependency order: entities first
(canonical names), then quotes (speakers use mentions), claims (claimants use quotes),
time expressions, places, and events (which use all of the above).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from sitroom.nlp.claims import extract_claims
from sitroom.nlp.dates import extract_timexes
from sitroom.nlp.entities import extract_entities
from sitroom.nlp.events import extract_events
from sitroom.nlp.pipeline import PIPELINE_VERSION, pipe_docs
from sitroom.nlp.places import extract_places
from sitroom.nlp.quotes import extract_quotes
from sitroom.records import Article, Extraction, Failure

logger = logging.getLogger(__name__)

__all__ = ["PIPELINE_VERSION", "Document", "doc_to_records", "extract_articles", "extract_documents"]


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
    documents: Iterable[Document], *, failures: list[Failure] | None = None
) -> Iterator[Extraction]:
    """Extract records from many documents with one model load, batched.

    With a ``failures`` list, a document whose extraction raises is recorded there and
    skipped (batches are forgiving per document); without one, the error propagates.
    """
    documents = list(documents)
    docs = pipe_docs(d.text for d in documents)
    for document, doc in zip(documents, docs, strict=True):
        if failures is None:
            yield doc_to_records(doc, article_id=document.id, published=document.published)
            continue
        try:
            extraction = doc_to_records(doc, article_id=document.id, published=document.published)
        except Exception as e:
            logger.exception("extraction failed for %s", document.id)
            failures.append(Failure(source=document.id, stage="extract", message=f"{type(e).__name__}: {e}"))
            continue
        yield extraction


def extract_articles(
    articles: Iterable[Article], *, failures: list[Failure] | None = None
) -> Iterator[Extraction]:
    """Extract records from stored or freshly read articles; spans index ``article.text``."""
    return extract_documents(
        (Document(id=a.id, text=a.text, published=a.published) for a in articles), failures=failures
    )
