"""One node per real actor (issue 10): adjectives, capitals, titles, junk, spellings, places."""

from __future__ import annotations

import pytest

from sitroom.reconcile import ActorIndex, build_graph, canonical_actor, cluster_events
from sitroom.records.reconciled import EventRow

pytestmark = pytest.mark.issue(10)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Russian", "Russia"),
        ("Ukrainian", "Ukraine"),
        ("American", "United States"),
        ("Western", None),
        ("African", None),
        ("European", None),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Moscow", "Russia"),
        ("Washington", "United States"),
        ("Beijing", "China"),
        ("London", "United Kingdom"),
        ("Pyongyang", "North Korea"),
        ("Mr Putin", "Putin"),
        ("said.- Putin", "Putin"),
        ("Unless Putin", "Putin"),
        ("Whereas Putin", "Putin"),
        ("Putin-Biden", None),
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("Prime Minister", None),
        ("European Union", "European Union"),
        ("NATO", "NATO"),
        ("Jeon Ha-Gyu", "Jeon Ha-Gyu"),
        ("the Kremlin", "Russia"),
        ("Anglo", None),
    ],
)
def test_canonical_actor(name: str, expected: str | None) -> None:
    assert canonical_actor(name) == expected


def test_index_merges_titles_surnames_and_transliterations() -> None:
    index = ActorIndex(
        ["Vladimir Putin", "Vladimir Putin", "Mr Putin", "Volodymyr Zelensky",
         "Volodymyr Zelenskyy", "European Union"],
        places={"Mykolaiv": "UA"},
    )  # fmt: skip
    for variant in ("Putin", "President Putin", "Unless Putin", "said.- Putin"):
        assert index.canonical(variant) == "Vladimir Putin"
    for variant in ("Zelenskyy", "Zelenskiy", "President Zelensky", "Volodymyr Zelenskyy"):
        assert index.canonical(variant) == "Volodymyr Zelensky"
    assert index.canonical("Union") == "Union"  # "European Union" is no person's full name
    assert index.canonical("Mykolaiv") is None  # a place is not an actor ...
    assert index.canonical("Mykolaiv", role="target") == "Ukraine"  # ... its state is hit
    assert index.canonical("Johnson") == "Johnson"  # no full name known: left as written
    assert index.canonical("Crimean") is None  # a region's adjective names a place


def test_two_people_with_one_surname_are_not_guessed() -> None:
    index = ActorIndex(["Boris Johnson", "Mike Johnson"])
    assert index.canonical("Johnson") == "Johnson"


def _event(i: int, actor: str, target: str, kind: str = "strike") -> EventRow:
    return EventRow(
        id=i, article_id=f"a{i}", start=0, end=5, text=f"{actor} hit {target}",
        event_type=kind, plover="ATTACK", actor=actor, target=target, place=None,
        date="2025-02-01", status="reported", claimant=None, outlet=f"Outlet {i}",
        published="2025-02-01",
    )  # fmt: skip


def test_graph_and_clusters_use_one_node_per_actor() -> None:
    rows = [
        _event(1, "Vladimir Putin", "Volodymyr Zelensky", "threat"),
        _event(2, "Mr Putin", "Zelenskyy", "threat"),
        _event(3, "Russian", "Kyiv"),
        _event(4, "Moscow", "Ukrainian"),
        _event(5, "Western", "Russia", "sanction"),
        _event(6, "Putin-Biden", "Russia", "meeting"),
    ]
    graph = build_graph(rows)
    assert set(graph.nodes) == {"Russia", "Ukraine", "Vladimir Putin", "Volodymyr Zelensky"}
    assert sorted((e.source, e.relation, e.target, e.count) for e in graph.edges) == [
        ("Russia", "attacks", "Ukraine", 2),
        ("Vladimir Putin", "threatens", "Volodymyr Zelensky", 2),
    ]
    clusters = cluster_events(rows)
    threats = [c for c in clusters if c.event_type == "threat"]
    assert len(threats) == 1 and threats[0].actor == "Vladimir Putin"
    assert {r.text for r in threats[0].reports} == {
        "Vladimir Putin hit Volodymyr Zelensky",
        "Mr Putin hit Zelenskyy",
    }  # the evidence keeps the text's own spelling


def test_states_never_resolve_to_a_name_that_contains_them() -> None:
    index = ActorIndex(["Defending Ukraine", "Nazi Germany", "Ukraine", "Foreign Affairs"])
    assert index.canonical("Ukraine") == "Ukraine"
    assert index.canonical("Germany") == "Germany"
    assert index.canonical("Foreign Affairs") == "Foreign Affairs"
