"""Full-text search: ranking, stemming, highlighted snippets, hostile queries, raw FTS syntax."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import BadRequest
from sitroom.store import MARK_CLOSE, MARK_OPEN, Store, open_store
from sitroom.store.search import escape_query
from tests.store.conftest import BACKENDS
from tests.store.store_helpers import build_article


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    if request.param == "postgresql":
        target = request.getfixturevalue("pg_server").create_database()
    else:
        target = str(tmp_path_factory.mktemp("search") / "search.db")
    db = open_store(target)
    db.save_articles(
        [
            build_article(
                "Ferry service resumes",
                ["The harbour ferry sailed again after weeks of mine clearing."],
                outlet="Coast News",
                published="2024-06-01",
            ),
            build_article(
                "Drone strikes on depot",
                [
                    "Several drones struck a fuel depot near the rail junction.",
                    "Firefighters worked through the night.",
                ],
                outlet="Wire",
            ),
            build_article(
                "Weather", ["Heavy rain is forecast; a drone was mentioned once in passing."]
            ),
            build_article(
                "Café reopens in Kharkiv", ["The café near the square served coffee again."]
            ),
        ],
    )
    yield db
    db.close()


def test_body_match_with_stemming_and_snippet_markers(corpus: Store) -> None:
    hits = corpus.search("strike")
    assert [h.title for h in hits] == ["Drone strikes on depot"]
    hit = hits[0]
    assert f"{MARK_OPEN}struck{MARK_CLOSE}" not in hit.snippet  # porter does not map struck->strike
    hits = corpus.search("drones")
    assert hits[0].title == "Drone strikes on depot"  # title hit outranks a passing mention
    assert hits[0].score > hits[-1].score
    assert f"{MARK_OPEN}drones{MARK_CLOSE}" in hits[0].snippet
    assert hits[0].marked("<b>", "</b>").count("<b>drones</b>") == 1
    assert hits[0].outlet == "Wire"


def test_diacritics_are_folded(corpus: Store) -> None:
    assert [h.title for h in corpus.search("cafe")] == ["Café reopens in Kharkiv"]


def test_all_words_must_match(corpus: Store) -> None:
    assert [h.title for h in corpus.search("ferry mine")] == ["Ferry service resumes"]
    assert corpus.search("ferry depot") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "drone*",
        "-drone",
        "title:ferry",
        "(depot",
        "depot)",
        "NEAR(a b)",
        "NEAR",
        "AND",
        "OR NOT",
        "^ferry",
        "a:b:c",
        "'",
        "\\",
        "\x00",
        'drone "struck',
        "{title}: x",
        "+",
        "*",
        "  ",
        "",
        "ферри",
        "🚀",
    ],
)
def test_hostile_queries_never_raise(corpus: Store, query: str) -> None:
    hits = corpus.search(query)
    assert isinstance(hits, list)


def test_punctuation_is_literal_not_syntax(corpus: Store) -> None:
    assert [h.title for h in corpus.search("ferry:")] == ["Ferry service resumes"]
    assert corpus.search("-ferry") == corpus.search("ferry")
    assert escape_query('say "no" now') == '"say" """no""" "now"'


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_query_never_raises(corpus: Store, query: str) -> None:
    assert isinstance(corpus.search(query, limit=5), list)


def _fts5_only(corpus: Store) -> None:
    if corpus.connection.dialect.is_postgres:
        pytest.skip("raw queries are FTS5 syntax on SQLite; PostgreSQL takes web-search syntax")


def test_raw_mode_passes_fts_syntax(corpus: Store) -> None:
    _fts5_only(corpus)
    assert {h.title for h in corpus.search("drone* NOT rain", raw=True)} == {
        "Drone strikes on depot"
    }
    assert [h.title for h in corpus.search("title:ferry", raw=True)] == ["Ferry service resumes"]


@pytest.mark.parametrize("query", ['drone "', "NEAR(", "AND", "title:"])
def test_raw_syntax_error_is_bad_request(corpus: Store, query: str) -> None:
    if query != 'drone "':
        _fts5_only(corpus)
    with pytest.raises(BadRequest, match="bad search syntax"):
        corpus.search(query, raw=True)


def test_bad_limit_is_bad_request(corpus: Store) -> None:
    with pytest.raises(BadRequest):
        corpus.search("ferry", limit=0)


def test_raw_mode_on_postgresql_is_web_search_syntax(corpus: Store) -> None:
    if not corpus.connection.dialect.is_postgres:
        pytest.skip("web-search syntax is the PostgreSQL backend's raw mode")
    assert [h.title for h in corpus.search("drone -rain", raw=True)] == ["Drone strikes on depot"]
    assert [h.title for h in corpus.search('"fuel depot" or ferry', raw=True)] != []
    assert corpus.search('"depot fuel"', raw=True) == []  # a phrase keeps its word order


def test_search_follows_new_articles(db: Store) -> None:
    assert db.search("convoy") == []
    db.save_articles([build_article("Convoy", ["An aid convoy arrived."])])
    assert len(db.search("convoy")) == 1


@pytest.mark.issue(13)
def test_ranking_covers_the_newest_matches_in_the_window(corpus: Store) -> None:
    # "drone" matches two articles; the weather report was stored after the depot strike.
    both = corpus.search("drones")
    assert {h.title for h in both} == {"Drone strikes on depot", "Weather"}
    assert [h.score for h in both] == sorted((h.score for h in both), reverse=True)
    assert [h.title for h in corpus.search("drones", window=1)] == ["Weather"]
    assert corpus.search("drones", window=2) == both


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("query", "window", "matches", "capped"),
    [
        ("drones", 1, 1, True),
        ("drones", 2, 2, False),
        ("drones", 5_000, 2, False),
        ("ferry depot", 5_000, 0, False),
        ("  ", 5_000, 0, False),
    ],
)
def test_count_matches_stops_at_the_window(
    corpus: Store, query: str, window: int, matches: int, capped: bool
) -> None:
    counted = corpus.count_matches(query, window=window)
    assert (counted.matches, counted.capped) == (matches, capped)


@pytest.mark.issue(13)
def test_page_snippets_come_from_their_own_article(corpus: Store) -> None:
    pages = [corpus.search("drones", limit=1, offset=n) for n in (0, 1)]
    assert [p[0].title for p in pages] == [h.title for h in corpus.search("drones")]
    for (hit,) in pages:
        article = corpus.get_article(hit.article_id)
        words = hit.marked("", "").rstrip("…").split()
        assert all(w in article.text for w in words[:3])
