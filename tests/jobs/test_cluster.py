"""Dask fan-out: the same per-article function on a real local cluster gives the same records."""

from __future__ import annotations

import pytest

from sitroom.jobs.plan import Plan
from sitroom.records import Article, article_id_for

pytest.importorskip("distributed")

TEXTS = [
    "Russian forces fired 12 missiles at Odesa on Monday, the Ukrainian navy said.",
    "\u201cWe will not retreat,\u201d the commander said. Officials counted 300 shells.",
    "The European Union approved a \u20ac5 billion aid package for Kyiv last week.",
]


def _articles() -> list[Article]:
    return [
        Article(id=article_id_for(f"t{i}", text), title=f"t{i}", text=text, published="2025-03-10")
        for i, text in enumerate(TEXTS)
    ]


@pytest.mark.slow
def test_local_cluster_matches_in_process() -> None:
    from sitroom.jobs.cluster import close_client, extract_distributed, local_client

    articles = _articles()
    batches = Plan(processes=1, local_batch=2, task_batch=2)
    local = {e.article_id: e for e in extract_distributed(articles, plan=batches)}
    client = local_client(workers=1)
    try:
        remote = {
            e.article_id: e for e in extract_distributed(articles, client=client, plan=batches)
        }
    finally:
        close_client(client)
    assert remote == local
    by_id = {a.id: a for a in articles}
    for extraction in remote.values():
        text = by_id[extraction.article_id].text
        for claim in extraction.claims:
            assert text[claim.start : claim.end] == claim.text
    assert any(c.value == 12 for e in remote.values() for c in e.claims)


def test_failures_are_collected_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitroom.nlp import extract

    real = extract.doc_to_records

    def flaky(doc, *, article_id, published):  # type: ignore[no-untyped-def]
        if "Odesa" in doc.text:
            raise ValueError("boom")
        return real(doc, article_id=article_id, published=published)

    monkeypatch.setattr(extract, "doc_to_records", flaky)
    from sitroom.jobs.cluster import extract_distributed

    failures: list = []
    done = list(extract_distributed(_articles(), failures=failures))
    assert len(done) == 2
    assert len(failures) == 1 and failures[0].stage == "extract" and "boom" in failures[0].message
