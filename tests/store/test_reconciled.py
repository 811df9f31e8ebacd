"""The cross-article tables: rows read by column name, records written and read back whole."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace

import pytest

from sitroom.records import Claim, Event, Extraction
from sitroom.records.reconciled import (
    ClaimGroup,
    ClaimValue,
    EventCluster,
    EventReport,
    EventRow,
    GraphEdge,
)
from sitroom.store import Store
from sitroom.store.reconciled import _payload

TEXT = "Gunboats shelled the port at dawn. Officials counted 12 boats near the pier."


@pytest.fixture
def stored(db: Store, make_article) -> tuple[Store, str]:
    article = make_article("Port shelled", [TEXT], outlet="Harbour Herald", published="2025-04-02")
    db.save_articles([article])
    es, ee = TEXT.index("shelled"), TEXT.index("shelled") + len("shelled")
    cs = TEXT.index("12 boats")
    event = Event(
        article_id=article.id,
        start=es,
        end=ee,
        text="shelled",
        event_type="strike",
        plover="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        actor="Gunboats",
        place="port",
        date="2025-04-02",
        status="claimed",
        weapons=("gunboat", "shell"),
        quantities={"killed": 2.0, "boats": 3.0},
        claimant="Officials",
        confidence=0.55,  # not the default: the row must read the column
    )
    claim = Claim(
        article_id=article.id,
        start=cs,
        end=cs + len("12 boats"),
        text="12 boats",
        value=12.0,
        bound="exact",
        unit="boats",
        what="boats",
        claimant="Officials",
        hedge="estimated",
    )
    extraction = Extraction(article_id=article.id, claims=(claim,), events=(event,))
    db.save_extraction(extraction, pipeline_version="test")
    return db, article.id


@pytest.mark.issue(8)
def test_event_rows_carry_every_shared_field_and_the_article(stored) -> None:
    db, article_id = stored
    [row] = db.load_event_rows()
    event = db.get_extraction(article_id).events[0]
    shared = {f.name for f in fields(EventRow)} & {f.name for f in fields(Event)}
    assert {n: getattr(row, n) for n in shared - {"quantities"}} == {
        n: getattr(event, n) for n in shared - {"quantities"}
    }
    assert row.quantities == (("boats", 3.0), ("killed", 2.0))
    assert (row.outlet, row.published) == ("Harbour Herald", "2025-04-02")


@pytest.mark.issue(8)
def test_claim_rows_read_claim_columns_not_the_article_text(stored) -> None:
    db, _ = stored
    [row] = db.load_claim_rows()
    assert (row.text, row.value, row.bound, row.unit, row.hedge) == (
        "12 boats",
        12.0,
        "exact",
        "boats",
        "estimated",
    )
    assert row.context == "Officials counted 12 boats near the pier.\nPort shelled"


def _cluster() -> EventCluster:
    report = EventReport(
        event_id=1,
        article_id="a1",
        start=0,
        end=7,
        text="shelled",
        status="claimed",
        claimant=None,
        outlet="Harbour Herald",
        date="2025-04-02",
    )
    return EventCluster(
        id="c1",
        event_type="strike",
        plover="ASSAULT",
        actor="Gunboats",
        target=None,
        place="port",
        date_first="2025-04-02",
        date_last="2025-04-03",
        status="claimed",
        corroboration=2,
        outlets=("Harbour Herald", "Coast Post"),
        reports=(report, report),
    )


def _group() -> ClaimGroup:
    value = ClaimValue(
        claim_id=1,
        article_id="a1",
        start=0,
        end=8,
        text="12 boats",
        value=12.0,
        low=None,
        high=None,
        bound="exact",
        what="boats",
        claimant=None,
        hedge=None,
        outlet="Harbour Herald",
        published="2025-04-02",
    )
    return ClaimGroup(
        id="g1",
        topic="boats",
        unit="boats",
        values=(value,),
        low=12.0,
        high=12.0,
        spread=0.0,
        contradiction=True,
        note="one source",
    )


@pytest.mark.issue(8)
def test_reconciled_records_read_back_equal(db: Store) -> None:
    edge = GraphEdge(
        source="Gunboats",
        target="port",
        relation="attacks",
        first_date="2025-04-02",
        last_date=None,
        count=2,
        event_ids=(1, 2),
    )
    low = replace(edge, count=1, event_ids=(3,), confident=False)
    db.replace_reconciled([_cluster()], [_group()], [low, edge], fingerprint="f1")
    assert db.read_event_clusters() == [_cluster()]
    assert db.read_claim_groups() == [_group()]
    assert db.read_claim_groups(contradictions_only=True) == [_group()]
    assert db.read_graph_edges() == [edge, low]  # a pair's confident edge first
    assert db.last_fingerprint() == "f1"


@pytest.mark.issue(13)
def test_payload_is_the_records_asdict_json() -> None:
    for record in (_cluster(), _group()):
        assert json.loads(_payload(record)) == json.loads(json.dumps(asdict(record)))


@pytest.mark.issue(10)
def test_event_corroboration_maps_each_report_to_its_cluster(db: Store) -> None:
    cluster = _cluster()
    report = replace(cluster.reports[0], event_id=9)
    other = replace(cluster, id="c2", corroboration=1, reports=(report,))
    db.replace_reconciled([cluster, other], [], [])
    assert db.read_event_corroboration() == {cluster.reports[0].event_id: 2, 9: 1}
