"""The map shows real places, sized by independent sources; the overview names untitled
articles (issue 10). Real SQLite store, hand-made records over invented articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.records import Article, Event, Extraction, Place, article_id_for
from sitroom.store import open_store
from sitroom.web.views import EventFilters, is_real_place, map_points, overview

pytestmark = pytest.mark.issue(10)


def _place(text: str, needle: str, name: str, kind: str, country: str | None) -> Place:
    start = text.index(needle)
    return Place(
        article_id="a", start=start, end=start + len(needle), text=needle, name=name, kind=kind,
        country=country, lat=1.0, lon=1.0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "needle", "name", "kind", "country", "real"),
    [
        ("The Alliance met; the alliance agreed.", "Alliance", "Alliance", "city", "US", False),
        ("Vladimir Putin spoke in Sochi, Russia.", "Vladimir", "Vladimir", "city", "RU", False),
        ("It was part of the Russian Empire then.", "Empire", "Empire", "city", "US", False),
        ("They spoke of Euro-Atlantic ties.", "Atlantic", "Atlantic", "area", None, False),
        ("Drones hit Kharkiv at night.", "Kharkiv", "Kharkiv", "city", "UA", True),
        ("Drones hit Empire, a town in the US.", "Empire", "Empire", "city", "US", True),
        ("A town called Empire saw drills.", "Empire", "Empire", "city", "US", False),
        ("Ships sailed the Black Sea.", "Black Sea", "Black Sea", "area", None, True),
    ],
)
def test_only_real_places_reach_the_map(text, needle, name, kind, country, real) -> None:
    assert is_real_place(_place(text, needle, name, kind, country), text) is real


WIRE = "Russian drones hit a fuel depot in Kremenchuk overnight, the regional governor said."
COPY = "Russian drones struck a fuel depot in Kremenchuk overnight, the regional governor said."
OWN = "Firefighters in Kremenchuk fought a depot blaze after a Russian drone attack."


def _article(text: str, outlet: str) -> Article:
    return Article(
        id=article_id_for(outlet, text), title=None, text=text, outlet=outlet,
        published="2025-05-14", source=f"/feeds/{outlet.lower().replace(' ', '-')}/story.txt",
    )  # fmt: skip


def _records(article: Article) -> Extraction:
    start = article.text.index("Kremenchuk")
    place = Place(
        article_id=article.id, start=start, end=start + len("Kremenchuk"), text="Kremenchuk",
        name="Kremenchuk", kind="city", country="UA", lat=49.07, lon=33.42,
    )  # fmt: skip
    event = Event(
        article_id=article.id, start=0, end=len(article.text), text=article.text,
        event_type="strike", plover="ASSAULT", actor="Russia", place="Kremenchuk",
        date="2025-05-13",
    )  # fmt: skip
    return Extraction(article_id=article.id, places=(place,), events=(event,))


def test_map_counts_copies_once_and_overview_derives_titles(tmp_path) -> None:
    articles = [_article(WIRE, "Wire"), _article(COPY, "Copy Paper"), _article(OWN, "Own Post")]
    weak = _article("Russian drones may have hit Kremenchuk.", "Rumour Mill")
    with open_store(tmp_path / "map.db") as db:
        db.save_articles([*articles, weak])
        for article in articles:
            db.save_extraction(_records(article), pipeline_version="test-map")
        unsure = _records(weak).events[0]
        db.save_extraction(
            Extraction(article_id=weak.id, events=(replace(unsure, confidence=0.3),)),
            pipeline_version="test-map",
        )
        [point] = map_points(db, EventFilters())
        assert point["place"] == "Kremenchuk" and len(point["events"]) == 3
        assert point["corroboration"] == 2  # the wire and its copy, and the own report
        weak_place = replace(_records(weak).places[0])
        db.save_extraction(
            Extraction(
                article_id=weak.id,
                places=(weak_place,),
                events=(replace(unsure, confidence=0.3),),
            ),
            pipeline_version="test-map-2",
        )
        [point] = map_points(db, EventFilters())
        assert len(point["events"]) == 3  # the unsure report stays off the map
        view = overview(db)
    # The overview states as fact only events over the confidence bar.
    assert {e.article_id for e in view["latest_events"]} == {a.id for a in articles}
    titles = {a.id: view["titles"][a.id] for a in view["latest_articles"]}
    assert titles[articles[2].id] == f"{OWN} (derived)"
    assert view["outlets"][articles[2].id] == "Own Post"


def test_overview_counts_a_contradiction_s_independent_sources(tmp_path) -> None:
    from tests.api import seeding

    seeding.build_seed_db(tmp_path / "seed.db")
    with open_store(tmp_path / "seed.db") as db:
        [group] = overview(db)["contradictions"]
        outlets = {db.get_article(p["claim"].article_id).outlet for p in group["points"]}
    assert group["sources"] == len(outlets) >= 2
