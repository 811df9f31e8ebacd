"""A brief names event actors as canonical actors, like the graph and the quotes (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.records import Article, article_id_for
from sitroom.report import build_brief, render_markdown
from sitroom.store import open_store
from tests.reconcile.reconcile_seed import build_db

pytestmark = pytest.mark.issue(10)

FULL = "Oleksandr Petrenko"
# The governor is named in full in one article; the other, a day later, says "Mr Petrenko".
ARTICLES = (
    (
        "Harbour Gazette",
        "2025-04-02",
        "Governor meets envoy",
        "Oleksandr Petrenko, the governor of the region, met the Polish ambassador in Lviv on "
        'Tuesday. "We spoke about the power station," Oleksandr Petrenko told reporters.',
    ),
    (
        "River Courier",
        "2025-04-03",
        "Governor meets mayors",
        "Mr Petrenko met the mayors of three frontline towns in Lviv on Wednesday, "
        'officials said. "The bridge will be rebuilt," Mr Petrenko said.',
    ),
)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    articles = [
        Article(id=article_id_for(t, x), title=t, text=x, outlet=o, published=d)
        for o, d, t, x in ARTICLES
    ]
    return build_db(tmp_path_factory.mktemp("brief_actors") / "actors.db", articles)


def test_event_actors_are_canonical_and_citations_keep_the_texts_spelling(db_path: Path) -> None:
    with open_store(db_path) as store:
        titled = [e for e in store.list_events() if e.actor == "Mr Petrenko"]
        assert titled, "the second article's meeting is stored under the name as written"
        brief = build_brief(store)
    text = render_markdown(brief)
    meetings = [line for line in text.splitlines() if ": meeting" in line]
    assert len(meetings) == 2
    assert all(line.startswith(f"- {FULL}: meeting") for line in meetings), meetings
    assert not any("with Ukraine" in line for line in meetings)  # a place stays a place
    cited = {c.quote for c in brief.citations}
    assert any(quote.startswith("Mr Petrenko met the mayors") for quote in cited)
