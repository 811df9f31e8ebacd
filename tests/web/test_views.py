"""Pure view helpers: highlight segments, snippet parts, chart layout, remembered views."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from sitroom.reconcile import reconcile_store
from sitroom.records import Article, Claim, Extraction
from sitroom.store import open_store
from sitroom.web.charts import claim_chart
from sitroom.web.highlight import Mark, segment_text, snippet_parts
from sitroom.web.memo import memo
from sitroom.web.views import claim_groups

TEXT = 'Governor Ann Lee said "40 drones fell" on Monday.'


def _at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def test_segments_rebuild_the_text_and_nest_marks():
    quote = Mark(
        ref="q0", kind="quote", start=_at('"40 drones fell"')[0], end=_at('"40 drones fell"')[1]
    )
    claim = Mark(ref="c0", kind="claim", start=_at("40 drones")[0], end=_at("40 drones")[1])
    person = Mark(ref="m0", kind="mention", start=_at("Ann Lee")[0], end=_at("Ann Lee")[1])
    segments = segment_text(TEXT, [quote, claim, person])
    assert "".join(s.text for s in segments) == TEXT
    for segment in segments:
        assert TEXT[segment.start : segment.end] == segment.text
    inner = next(s for s in segments if s.text == "40 drones")
    assert inner.kinds == ("claim", "quote")
    assert inner.primary == "c0"  # the innermost span opens on click
    tail = next(s for s in segments if s.text == ' fell"')
    assert tail.refs == ("q0",)


def test_segments_drop_marks_outside_the_text():
    segments = segment_text("short", [Mark(ref="x", kind="claim", start=3, end=99)])
    assert [(s.text, s.refs) for s in segments] == [("short", ())]


def test_snippet_parts_split_at_markers():
    assert snippet_parts("a \x02b\x03 c", "\x02", "\x03") == [
        ("a ", False),
        ("b", True),
        (" c", False),
    ]


def _point(value=None, low=None, high=None, bound=None, day="2025-01-01", source="A"):
    claim = Claim(
        article_id="x", start=0, end=1, text="1", value=value, low=low, high=high, bound=bound
    )
    return {"claim": claim, "date": day, "source": source}


def test_chart_draws_ranges_bounds_and_time_order():
    chart = claim_chart(
        [
            _point(value=3000, day="2025-01-01", source="A"),
            _point(low=8000, high=9000, day="2025-01-05", source="B"),
            _point(value=12000, bound="up to", day="2025-01-10", source="A"),
        ]
    )
    first, ranged, bounded = chart["marks"]
    assert first.x < ranged.x < bounded.x
    assert first.y > bounded.y  # larger values sit higher (smaller SVG y)
    assert ranged.y_low > ranged.y_high and ranged.shape == "dot"
    assert bounded.shape == "down"
    assert first.color == bounded.color != ranged.color
    assert [t["label"] for t in chart["xticks"]] == ["2025-01-01", "2025-01-10"]


def test_memo_forgets_when_the_file_changes(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"one")
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo(str(path), "k", compute) == 1
    assert memo(str(path), "k", compute) == 1
    path.write_bytes(b"two!")
    assert memo(str(path), "k", compute) == 2
    assert memo(":memory:", "k", compute) == 3  # never remembered


@pytest.fixture
def seeded_store(tmp_path):
    from sitroom.store import open_store
    from tests.web.webtools import load_seeding

    path = tmp_path / "seed.db"
    load_seeding().build_seed_db(path)
    with open_store(path) as db:
        yield db


def test_overview_sees_new_records_after_a_write(seeded_store):
    from dataclasses import replace

    from sitroom.web import views

    before = views.overview(seeded_store)
    article = seeded_store.get_article(before["latest_articles"][0].id)
    extraction = seeded_store.get_extraction(article.id)
    seeded_store.save_extraction(replace(extraction, events=()), pipeline_version="edit")
    after = views.overview(seeded_store)
    assert after["stats"]["events"] == before["stats"]["events"] - len(extraction.events)


def test_graph_straight_from_events_states_as_fact_what_the_stored_one_does(seeded_store):
    """Before any reconcile the graph is built from the events themselves, on the same bar:
    the seed's 0.45 deployment is an edge only when asked for, marked, then as reconciled."""
    from sitroom.web import views

    def edges(low: bool) -> dict[tuple[str, str], bool]:
        graph = views.actor_graph(seeded_store, low_confidence=low)
        return {(e["source"], e["target"]): e["confident"] for e in graph["edges"]}

    assert seeded_store.read_graph_edges() == []  # nothing reconciled: the fallback
    plain, asked = edges(False), edges(True)
    assert ("North Korea", "Russia") not in plain and plain[("Germany", "Ukraine")]
    assert asked[("North Korea", "Russia")] is False and asked[("Germany", "Ukraine")]
    reconcile_store(seeded_store)
    assert ("North Korea", "Russia") not in edges(False)
    assert edges(True)[("North Korea", "Russia")] is False


@given(
    text=hs.text(min_size=0, max_size=60),
    spans=hs.lists(hs.tuples(hs.integers(0, 70), hs.integers(0, 70)), max_size=8),
)
def test_segments_cover_the_text_exactly_whatever_the_marks(text, spans):
    marks = [Mark(ref=f"r{i}", kind="claim", start=a, end=b) for i, (a, b) in enumerate(spans)]
    segments = segment_text(text, marks)
    assert "".join(s.text for s in segments) == text
    for segment in segments:
        for ref in segment.refs:
            mark = marks[int(ref[1:])]
            assert mark.start <= segment.start and segment.end <= mark.end


@pytest.mark.issue(8)
def test_claim_groups_before_reconcile_group_as_reconcile_does(tmp_path):
    # "soldiers" and "troops" are one referent to reconcile; the page, asked before the
    # store was reconciled, must not split them (it used to group by the literal words).
    texts = {
        "a1": ("2025-02-01", "Officials said 9,000 North Korean soldiers were in the region."),
        "a2": ("2025-02-01", "Analysts said 12,000 North Korean troops were in the region."),
    }
    articles = [
        Article(id=k, title=f"Report {k}", text=text, published=day)
        for k, (day, text) in texts.items()
    ]
    with open_store(tmp_path / "groups.db") as db:
        db.save_articles(articles)
        for article in articles:
            figure = article.text.split()[2]
            start = article.text.index(figure)
            claim = Claim(article_id=article.id, start=start, end=start + len(figure), text=figure,
                          value=float(figure.replace(",", "")), what=" ".join(article.text.split()[3:6]))  # fmt: skip
            db.save_extraction(
                Extraction(article_id=article.id, claims=(claim,)), pipeline_version="test"
            )
        before = claim_groups(db)
        reconcile_store(db)
        after = db.read_claim_groups()
    assert [sorted(p["claim"].what for p in g["points"]) for g in before] == [
        sorted(v.what or "" for v in g.values) for g in after
    ]
    assert len(before) == 1 and len(before[0]["points"]) == 2


@pytest.mark.issue(13)
def test_reconciled_store_answers_from_its_groups_even_when_none_match(tmp_path, monkeypatch):
    texts = {
        "b1": ("2025-02-01", "Officials said 9,000 North Korean soldiers were in the region."),
        "b2": ("2025-02-02", "Analysts said 9,000 North Korean troops were in the region."),
    }
    articles = [
        Article(id=k, title=f"Report {k}", text=text, published=day)
        for k, (day, text) in texts.items()
    ]
    with open_store(tmp_path / "agree.db") as db:
        db.save_articles(articles)
        for article in articles:
            start = article.text.index("9,000")
            claim = Claim(article_id=article.id, start=start, end=start + 5, text="9,000",
                          value=9000.0, what=" ".join(article.text.split()[3:6]))  # fmt: skip
            db.save_extraction(
                Extraction(article_id=article.id, claims=(claim,)), pipeline_version="test"
            )
        reconcile_store(db)

        def regroup(rows):
            raise AssertionError("a reconciled store must not be regrouped in memory")

        monkeypatch.setattr("sitroom.web.views.group_claims", regroup)
        assert claim_groups(db, contradictions_only=True) == []  # they agree: no contradiction
        (group,) = claim_groups(db)
        assert len(group["points"]) == 2
        assert all(
            db.get_article(p["claim"].article_id).text[p["claim"].start : p["claim"].end] == "9,000"
            for p in group["points"]
        )
