"""Cross-article layer on a real store: event clusters, claim groups + contradictions, the graph."""

from __future__ import annotations

from sitroom.reconcile import (
    ClaimRow,
    get_graph,
    group_claims,
    normalize_what,
    reconcile_store,
)


def _check_spans(db, article_id: str, start: int, end: int, text: str) -> None:
    assert db.get_article(article_id).text[start:end] == text


def test_same_strike_from_two_outlets_is_one_cluster(seeded_db) -> None:
    clusters = seeded_db.read_event_clusters(type="strike", place="Odesa")
    assert len(clusters) == 1
    odesa = clusters[0]
    assert odesa.actor == "Russia" and odesa.corroboration == 2
    assert set(odesa.outlets) == {"Daily Ledger", "Evening Wire"}
    for report in odesa.reports:
        _check_spans(seeded_db, report.article_id, report.start, report.end, report.text)


def test_threatened_strike_is_not_merged_with_carried_out_ones(seeded_db) -> None:
    statuses = {c.status for c in seeded_db.read_event_clusters(type="strike")}
    assert "threatened" in statuses and "reported" in statuses


def test_cluster_filters(seeded_db) -> None:
    assert (
        seeded_db.read_event_clusters(since="2025-03-12", type="strike")[0].status == "threatened"
    )
    assert seeded_db.read_event_clusters(actor="European Union")[0].event_type == "sanction"
    assert seeded_db.read_event_clusters(place="Nowhere") == []


def test_troop_figures_form_one_contradictory_group(seeded_db) -> None:
    groups = seeded_db.read_claim_groups(about="Belarus")
    assert len(groups) == 1
    group = groups[0]
    assert sorted(v.text for v in group.values) == ["about 5,000", "more than 9,000", "up to 2,000"]
    assert group.contradiction and group.spread == 7000
    assert {v.outlet for v in group.values} == {"Daily Ledger", "Evening Wire", "Morning Post"}
    for v in group.values:
        _check_spans(seeded_db, v.article_id, v.start, v.end, v.text)
    assert seeded_db.read_claim_groups(contradictions_only=True) == groups


def test_graph_edges_have_dates_and_evidence(seeded_db) -> None:
    graph = get_graph(seeded_db)
    edges = {(e.source, e.relation, e.target): e for e in graph.edges}
    assert ("European Union", "sanctions", "Russia") in edges
    assert ("Norway", "allies_with", "Ukraine") in edges
    # "Moscow threatened to strike Poland": the threat event, reported with the struck party
    # as its target, is stated as fact (the threatened strike itself is not carried out).
    assert edges[("Russia", "threatens", "Poland")].confident
    # A city is a place, not an actor: a strike on Odesa is an attack on Ukraine.
    attacks = edges[("Russia", "attacks", "Ukraine")]
    assert attacks.count == 2 and attacks.first_date <= attacks.last_date
    assert "Russia" in graph.nodes and "Odesa" not in graph.nodes
    # "Moscow threatened to strike Poland": the capital stands for the state.
    assert "Moscow" not in graph.nodes


def test_reconcile_is_idempotent(seeded_db) -> None:
    first = reconcile_store(seeded_db)
    second = reconcile_store(seeded_db)
    assert first == second and first.contradictions == 1


def _row(
    i: int, what: str, value: float, *, bound: str | None = None, claimant: str = "x"
) -> ClaimRow:
    return ClaimRow(
        id=i,
        article_id=f"a{i}",
        start=0,
        end=1,
        text=str(value),
        value=value,
        low=None,
        high=None,
        bound=bound,
        unit=None,
        what=what,
        claimant=claimant,
        hedge=None,
        outlet=None,
        published="2025-01-01",
    )


def test_bounds_that_overlap_are_no_contradiction() -> None:
    groups = group_claims(
        [
            _row(1, "Chinese drones", 100, bound="more than", claimant="a"),
            _row(2, "Chinese drones", 120, claimant="b"),
        ]
    )
    assert len(groups) == 1 and not groups[0].contradiction


def test_different_things_do_not_group() -> None:
    assert group_claims([_row(1, "Chinese drones", 100), _row(2, "Iranian missiles", 100)]) == []


def test_normalize_what_folds_synonyms_and_plurals() -> None:
    assert normalize_what("the North Korean soldiers in Russia") == "north korean troop russia"
