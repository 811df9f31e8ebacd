"""What the analyst sees must hold up (issue 10): dates in words, named sources, only
supported facts stated, and what changed since the previous period.

Hand-made records over invented articles, stored in a real SQLite file: the checks are on
what the brief says about known records, whatever the extractors find.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitroom import store as st
from sitroom.records import Article, Claim, Event, Extraction, article_id_for
from sitroom.report import build_brief, render_html, render_markdown
from sitroom.report.brief import display_title, source_name
from sitroom.report.dates import date_phrase, say_date

from .walk import brief_said

pytestmark = pytest.mark.issue(10)


@pytest.mark.parametrize(
    ("value", "words", "phrase"),
    [
        ("2024-11-21", "21 November 2024", "on 21 November 2024"),
        ("2024-11-21T06:30", "21 November 2024", "on 21 November 2024"),
        ("2024-11", "November 2024", "in November 2024"),
        ("2024-FA", "autumn 2024", "in autumn 2024"),
        ("2024-WI", "winter 2024", "in winter 2024"),
        ("2024-W11", "the week of 11 March 2024", "in the week of 11 March 2024"),
        ("2024-W16-WE", "the weekend of 20 April 2024", "on the weekend of 20 April 2024"),
        ("2024-Q3", "the third quarter of 2024", "in the third quarter of 2024"),
        ("2024", "2024", "in 2024"),
        ("202", "the 2020s", "in the 2020s"),
        ("PRESENT_REF", "around now", "around now"),
        ("XXXX-06", "June", "in June"),
        ("2024-13", "an unspecified date", "at an unspecified date"),
        ("2024-02-30", "an unspecified date", "at an unspecified date"),
    ],
)
def test_dates_in_words_never_a_code(value: str, words: str, phrase: str) -> None:
    assert say_date(value) == words
    assert date_phrase(value) == phrase


def test_no_date_is_said_as_undated() -> None:
    assert say_date(None) == "undated" and date_phrase(None) == ""


def _article(
    title: str | None, text: str, *, outlet: str | None, published: str, source: str | None = None
) -> Article:
    return Article(
        id=article_id_for(title or "", text),
        title=title,
        text=text,
        outlet=outlet,
        published=published,
        source=source,
    )


def _at(article: Article, needle: str) -> dict[str, object]:
    start = article.text.index(needle)
    return {"article_id": article.id, "start": start, "end": start + len(needle), "text": needle}


def _event(article: Article, needle: str, **fields: object) -> Event:
    base: dict[str, object] = {"event_type": "strike", "plover": "ASSAULT", "status": "reported"}
    return Event(**{**_at(article, needle), **base, **fields})  # type: ignore[arg-type]


def _claim(article: Article, needle: str, **fields: object) -> Claim:
    return Claim(**{**_at(article, needle), **fields})  # type: ignore[arg-type]


# Invented reports: two periods of one week each (3-9 March, then 10-16 March 2025).
EARLY = _article(
    "Drones over Sumy",
    "Russian drones hit a depot in Sumy on Tuesday. "
    "Officials counted 400 Chechen volunteers near the town.",
    outlet="Northern Courier",
    published="2025-03-04",
)
LATE = _article(
    None,
    "Russian missiles struck a rail yard in Poltava overnight, regional officials said. "
    "A guard saw the wreckage. Officials now count 1,200 Chechen volunteers near Sumy. "
    "Moscow threatened to hit Kyiv next.",
    outlet=None,
    published="2025-03-12",
    source="/data/feeds/plains-herald/2025-03-12-poltava.txt",
)


def _records() -> list[Extraction]:
    return [
        Extraction(
            article_id=EARLY.id,
            events=(
                _event(
                    EARLY,
                    "Russian drones hit a depot in Sumy",
                    actor="Russia",
                    place="Sumy",
                    trigger="hit",
                    date="2025-03-04",
                ),
            ),
            claims=(
                _claim(EARLY, "400", value=400.0, what="Chechen volunteers", claimant="Officials"),
            ),
        ),
        Extraction(
            article_id=LATE.id,
            events=(
                _event(
                    LATE,
                    "Russian missiles struck a rail yard in Poltava",
                    actor="Russia",
                    place="Poltava",
                    trigger="struck",
                    date="2025-W11",
                ),
                # Cited sentence names no Russia: the brief must not state it.
                _event(
                    LATE,
                    "A guard saw the wreckage",
                    actor="Russia",
                    trigger="saw",
                    event_type="strike",
                ),
                _event(
                    LATE,
                    "Moscow threatened to hit Kyiv",
                    actor="Russia",
                    target="Ukraine",
                    trigger="threatened",
                    event_type="threat",
                    status="threatened",
                ),
                _event(
                    LATE,
                    "struck a rail yard",
                    actor=None,
                    place="Poltava",
                    trigger="struck",
                    event_type="ground_clash",
                ),
            ),
            claims=(
                _claim(
                    LATE, "1,200", value=1200.0, what="Chechen volunteers", claimant="Officials"
                ),
            ),
        ),
    ]


@pytest.fixture
def views_store(tmp_path: Path) -> Iterator[st.Store]:
    with st.open_store(tmp_path / "views.db") as db:
        db.save_articles([EARLY, LATE])
        for extraction in _records():
            db.save_extraction(extraction, pipeline_version="test-views")
        yield db


def test_sources_are_named_even_without_outlet_or_title(views_store: st.Store) -> None:
    assert source_name(LATE) == "plains-herald/2025-03-12-poltava"
    assert display_title(LATE) == (
        "Russian missiles struck a rail yard in Poltava overnight, regional officials said. (derived)"
    )
    brief = build_brief(views_store)
    late = [c for c in brief.citations if c.article_id == LATE.id]
    assert late and all(c.outlet == "plains-herald/2025-03-12-poltava" for c in late)
    markdown = render_markdown(brief)
    assert "unnamed outlet" not in markdown and "untitled" not in markdown
    assert ", 12 March 2025:" in markdown and ", 2025-03-12:" not in markdown


def test_only_supported_facts_are_stated(views_store: st.Store) -> None:
    brief = build_brief(views_store)
    said = brief_said(brief)
    strikes = [s for s in said if ": strike" in s]
    assert any("Poltava" in s and "week of 10 March 2025" in s for s in strikes)
    assert not any("W11" in s for s in said)  # never a raw TIMEX code
    cited = {(c.article_id, c.quote) for c in brief.citations}
    assert (LATE.id, "A guard saw the wreckage") not in cited  # its sentence names no Russia
    assert not any("threat" in s for s in said)  # threatened: not carried out
    assert not any("ground clash" in s for s in said)  # no known actor
    assert brief.held_back == 3
    assert "3 further events" in render_markdown(brief)
    assert "3 further events" in render_html(brief)


def test_what_changed_against_the_week_before(views_store: st.Store) -> None:
    brief = build_brief(views_store, since="2025-03-10", until="2025-03-16")
    changed = next(s for s in brief.sections if s.title.startswith("What changed"))
    texts = [s.text for s in changed.sentences]
    assert any(t.startswith("New: Russia: strike") and "Poltava" in t for t in texts)
    # Figures that moved are not stated as changes (their pairs counted different things on
    # the real news): they stay on the claims page's timeline.
    assert not any("Chechen volunteers" in t for t in texts)
    # The Sumy strike of the week before is not "new" in a window that starts after it.
    assert not any("Sumy" in t and t.startswith("New:") for t in texts)


def test_no_change_section_without_a_bounded_window(views_store: st.Store) -> None:
    brief = build_brief(views_store, since="2025-03-10")
    assert not any(s.title.startswith("What changed") for s in brief.sections)


def test_html_brief_names_sources_and_dates_in_words(views_store: st.Store) -> None:
    html = render_html(build_brief(views_store))
    assert "plains-herald/2025-03-12-poltava" in html and "(derived)" in html
    assert "12 March 2025:" in html and "2025-03-12:" not in html
    assert "unnamed outlet" not in html and "untitled" not in html
