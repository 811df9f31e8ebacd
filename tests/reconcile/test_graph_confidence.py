"""The actor graph states as fact what the overview and the brief do (issue 9): a confident
strike makes an edge, a low-confidence one only when asked for, marked as such; through the
reconcile layer, ``sitroom graph`` and ``GET /api/graph``, on a store the real pipeline built."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom.reconcile import EventRow, build_graph, get_graph, states_as_fact
from sitroom.records import Article, article_id_for
from sitroom.store import Store, open_store
from tests.api.apitools import make_client
from tests.reconcile.reconcile_seed import build_db

SITROOM = Path(sys.executable).parent / "sitroom"

# Invented reports. The first is a strike told with everything (verb, actor, target, place,
# stated date); the second a bare noun, with no date, that the writer only passes on.
CONFIDENT_TEXT = (
    "Russian forces struck a fuel depot in Kherson with missiles on 4 March 2025, officials said."
)
LOW_TEXT = "There was an attack on Latvia by Belarus, according to unverified posts."


@pytest.fixture(scope="module")
def graph_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph_confidence") / "graph.db"
    articles = [
        Article(id=article_id_for(title, text), title=title, text=text, outlet=outlet,
                published="2025-03-05")
        for title, text, outlet in (
            ("Depot hit in Kherson", CONFIDENT_TEXT, "River Courier"),
            ("Posts allege border attack", LOW_TEXT, "Baltic Notes"),
        )
    ]  # fmt: skip
    return build_db(path, articles)


@pytest.fixture
def db(graph_db: Path):
    with open_store(graph_db) as store:
        yield store


def _strike(db: Store, text: str) -> EventRow:
    [row] = [r for r in db.load_event_rows() if r.event_type == "strike" and r.text == text]
    article = db.get_article(row.article_id)
    assert article.text[row.start : row.end] == row.text
    return row


def _edges(edges) -> dict[tuple[str, str, str], object]:
    return {(e.source, e.relation, e.target): e for e in edges}


def test_the_two_strikes_fall_either_side_of_the_bar(db) -> None:
    assert states_as_fact(_strike(db, CONFIDENT_TEXT))
    assert not states_as_fact(_strike(db, LOW_TEXT))


def test_a_confident_strike_makes_an_edge_a_low_confidence_one_does_not(db) -> None:
    edges = _edges(get_graph(db).edges)
    attack = edges[("Russia", "attacks", "Ukraine")]  # Kherson stands for Ukraine
    assert attack.confident and attack.event_ids == (_strike(db, CONFIDENT_TEXT).id,)
    assert not any("Belarus" in key or "Latvia" in key for key in edges)


def test_the_low_confidence_strike_is_an_edge_when_asked_for_and_marked(db) -> None:
    edges = _edges(get_graph(db, low_confidence=True).edges)
    low = edges[("Belarus", "attacks", "Latvia")]
    assert not low.confident and low.event_ids == (_strike(db, LOW_TEXT).id,)
    assert edges[("Russia", "attacks", "Ukraine")].confident


def test_a_pair_keeps_its_confident_and_its_low_confidence_events_apart() -> None:
    def row(i: int, confidence: float) -> EventRow:
        return EventRow(id=i, article_id="a", event_type="strike", plover="ASSAULT",
                        actor="Russia", target="Ukraine", place=None, date=f"2025-03-0{i}",
                        status="reported", claimant=None, outlet=None, published=None, start=0,
                        end=7, text="shelled", confidence=confidence)  # fmt: skip

    graph = build_graph([row(1, 0.9), row(2, 0.4), row(3, 0.8)])
    assert [(e.confident, e.event_ids) for e in graph.edges] == [(True, (1, 3)), (False, (2,))]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SITROOM), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)  # fmt: skip


def test_cli_graph_shows_low_confidence_edges_only_with_the_flag(graph_db: Path) -> None:
    plain = _run("graph", "--db", str(graph_db))
    assert plain.returncode == 0, plain.stderr
    assert "Russia --attacks--> Ukraine" in plain.stdout and "Belarus" not in plain.stdout
    asked = _run("graph", "--low-confidence", "--db", str(graph_db))
    assert asked.returncode == 0, asked.stderr
    assert "Russia --attacks--> Ukraine" in asked.stdout
    assert "Belarus ..attacks..> Latvia" in asked.stdout and "[low confidence]" in asked.stdout
    as_json = _run("graph", "--low-confidence", "--json", "--db", str(graph_db))
    edges = {
        (e["source"], e["target"]): e["confident"] for e in json.loads(as_json.stdout)["edges"]
    }
    assert edges == {("Russia", "Ukraine"): True, ("Belarus", "Latvia"): False}


def test_api_graph_takes_low_confidence_as_a_query_parameter(graph_db: Path) -> None:
    with make_client(graph_db) as client:
        plain = client.get("/api/graph").json()
        asked = client.get("/api/graph", params={"low_confidence": "true"}).json()
    assert [(e["source"], e["target"], e["confident"]) for e in plain["edges"]] == [
        ("Russia", "Ukraine", True)
    ]
    assert {n["id"] for n in plain["nodes"]} == {"Russia", "Ukraine"}
    assert sorted((e["source"], e["target"], e["confident"]) for e in asked["edges"]) == [
        ("Belarus", "Latvia", False),
        ("Russia", "Ukraine", True),
    ]
    assert {n["id"] for n in asked["nodes"]} == {"Belarus", "Latvia", "Russia", "Ukraine"}
