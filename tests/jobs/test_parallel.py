"""jobs.parallel: forked workers give exactly the records of one process, in input order."""

from __future__ import annotations

import gc

import pytest

from sitroom.jobs.parallel import ExtractionFailed, extract_articles, load_model, run_extraction
from sitroom.jobs.plan import Plan
from sitroom.nlp import extract as nlp_extract
from sitroom.nlp.extract import Document, extract_documents
from sitroom.nlp.places.gazetteer import load_gazetteer
from sitroom.records import Article, Extraction, Failure, article_id_for

STORY = (
    "Rocket fire hit a grain terminal in Izmail on Tuesday, the regional governor said. "
    "\u201cThe port keeps working,\u201d harbour master Petro Kovalenko told reporters. "
    "At least 4 dock workers were hurt and 2 warehouses burned."
)
SHORT = "Shelling killed 3 people in Nikopol, officials said."


def _documents(count: int) -> list[Document]:
    texts = [STORY, SHORT]
    return [
        Document(id=f"d{i}", text=f"{texts[i % 2]} It happened on Monday.", published="2025-03-12")
        for i in range(count)
    ]


@pytest.mark.slow
def test_forked_workers_give_the_same_records_in_order(nlp: object) -> None:
    documents = _documents(6)
    forked = list(run_extraction(documents, plan=Plan(processes=2, fork_chunk=2)))
    local = list(run_extraction(documents, plan=Plan(processes=1)))
    assert [e.article_id for e in forked] == [d.id for d in documents]
    assert forked == local
    assert local == list(extract_documents(documents))  # nlp's own single-process run
    assert any(claim.value == 4 for e in local for claim in e.claims)


def _flaky(monkeypatch: pytest.MonkeyPatch) -> None:
    real = nlp_extract.doc_to_records

    def flaky(doc, *, article_id: str, published: str | None) -> Extraction:  # type: ignore[no-untyped-def]
        if "Nikopol" in doc.text:
            raise ValueError("boom")
        return real(doc, article_id=article_id, published=published)

    monkeypatch.setattr(nlp_extract, "doc_to_records", flaky)


@pytest.mark.parametrize("processes", [1, 2])
def test_failures_are_collected_per_document(
    monkeypatch: pytest.MonkeyPatch, processes: int, nlp: object
) -> None:
    _flaky(monkeypatch)
    failures: list[Failure] = []
    plan = Plan(processes=processes, fork_chunk=1)
    done = list(run_extraction(_documents(4), failures=failures, plan=plan))
    assert [e.article_id for e in done] == ["d0", "d2"]
    assert [(f.source, f.stage, f.message) for f in failures] == [
        ("d1", "extract", "ValueError: boom"),
        ("d3", "extract", "ValueError: boom"),
    ]


def test_without_a_failures_list_a_forked_failure_is_raised(
    monkeypatch: pytest.MonkeyPatch, nlp: object
) -> None:
    _flaky(monkeypatch)
    with pytest.raises(ExtractionFailed, match="d1: ValueError: boom"):
        list(run_extraction(_documents(2), plan=Plan(processes=2, fork_chunk=1)))


def test_extract_articles_keeps_article_ids_and_spans(nlp: object) -> None:
    article = Article(id=article_id_for("t", STORY), title="t", text=STORY, published="2025-03-12")
    (extraction,) = extract_articles([article])
    assert extraction.article_id == article.id
    for quote in extraction.quotes:
        assert STORY[quote.start : quote.end] == quote.text


@pytest.mark.issue(13)
def test_load_model_loads_the_extractors_tables_and_freezes_them_before_forking(
    nlp: object,
) -> None:
    load_gazetteer.cache_clear()
    gc.unfreeze()
    try:
        load_model()
        assert load_gazetteer.cache_info().currsize == 1  # loaded once here, not per worker
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
