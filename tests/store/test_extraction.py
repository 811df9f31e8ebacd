"""Extracted records: exact round trip, replacement in one transaction, canonical entities, listings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitroom.errors import NotFound
from sitroom.records import Claim, Entity, Event, Extraction, Mention, Place, Quote, Timex
from sitroom.store import open_store
from tests.store.store_helpers import dump

BODY = [
    "Defence Minister Olena Petrenko said on Tuesday that 14 drones were shot down over Vinnytsia.",
    '"We will not let them reach the power plants," Petrenko told reporters.',
]


def _span(article, needle: str, after: int = 0) -> tuple[int, int]:
    start = article.text.index(needle, after)
    return start, start + len(needle)


def _extraction(article) -> Extraction:
    aid, text = article.id, article.text
    s1, e1 = _span(article, "Olena Petrenko")
    s2, e2 = _span(article, "Petrenko", e1)
    qs, qe = _span(article, '"We will not let them reach the power plants,"')
    cs, ce = _span(article, "14 drones")
    ts, te = _span(article, "Tuesday")
    ps, pe = _span(article, "Vinnytsia")
    es, ee = _span(article, "14 drones were shot down over Vinnytsia")
    return Extraction(
        article_id=aid,
        mentions=(
            Mention(
                article_id=aid,
                start=s1,
                end=e1,
                text=text[s1:e1],
                label="PERSON",
                entity="Olena Petrenko",
                role="Defence Minister",
            ),
            Mention(
                article_id=aid,
                start=s2,
                end=e2,
                text=text[s2:e2],
                label="PERSON",
                entity="Olena Petrenko",
            ),
            Mention(
                article_id=aid, start=ps, end=pe, text=text[ps:pe], label="GPE", entity="Vinnytsia"
            ),
        ),
        entities=(
            Entity(
                name="Olena Petrenko",
                label="PERSON",
                aliases=("Petrenko",),
                roles=("Defence Minister",),
            ),
        ),
        quotes=(
            Quote(
                article_id=aid,
                start=qs,
                end=qe,
                text=text[qs:qe],
                kind="direct",
                speaker="Olena Petrenko",
                speaker_text="Petrenko",
                speaker_start=s2,
                speaker_end=e2,
                speaker_kind="person",
                cue="told",
            ),
        ),
        claims=(
            Claim(
                article_id=aid,
                start=cs,
                end=ce,
                text=text[cs:ce],
                value=14.0,
                what="drones",
                claimant="Olena Petrenko",
            ),
        ),
        timexes=(
            Timex(
                article_id=aid,
                start=ts,
                end=te,
                text="Tuesday",
                timex_type="DATE",
                value="2024-05-07",
                anchored=True,
                granularity="day",
            ),
        ),
        places=(
            Place(
                article_id=aid,
                start=ps,
                end=pe,
                text="Vinnytsia",
                name="Vinnytsia",
                kind="city",
                country="UA",
                admin1="Vinnytsia Oblast",
                lat=49.23,
                lon=28.47,
                geonames_id=689558,
            ),
        ),
        events=(
            Event(
                article_id=aid,
                start=es,
                end=ee,
                text=text[es:ee],
                event_type="interception",
                plover="DEFEND",
                acled_event_type="Explosions/Remote violence",
                trigger="shot down",
                place="Vinnytsia",
                date="2024-05-07",
                date_precision="day",
                weapons=("drone",),
                quantities={"drones": 14.0},
                claimant="Olena Petrenko",
            ),
        ),
    )


@pytest.fixture
def stored(db, make_article):
    article = make_article("Drones downed", BODY, published="2024-05-08")
    db.save_articles([article])
    return article


def _spans_match(article, extraction: Extraction) -> None:
    for kind in ("mentions", "quotes", "claims", "timexes", "places", "events"):
        for record in getattr(extraction, kind):
            assert article.text[record.start : record.end] == record.text


def test_extraction_round_trips(db, stored) -> None:
    extraction = _extraction(stored)
    db.save_extraction(extraction, pipeline_version="v1")
    loaded = db.get_extraction(stored.id)
    for kind in ("mentions", "quotes", "claims", "timexes", "places", "events"):
        assert getattr(loaded, kind) == tuple(
            sorted(getattr(extraction, kind), key=lambda r: (r.start, r.end))
        )
    assert [e.name for e in loaded.entities] == ["Olena Petrenko", "Vinnytsia"]
    assert loaded.entities[0].roles == ("Defence Minister",)
    _spans_match(db.get_article(stored.id), loaded)
    assert db.get_article(stored.id).pipeline_version == "v1"


def test_reprocessing_replaces_records_and_marks_version(db, stored, make_article) -> None:
    other = make_article("Other", ["No records here yet."])
    db.save_articles([other])
    assert db.articles_needing_processing("v2") == [stored.id, other.id]
    db.save_extraction(_extraction(stored), pipeline_version="v1")
    db.save_extraction(_extraction(stored), pipeline_version="v2")
    counts = db.stats()
    assert (counts["mentions"], counts["quotes"], counts["claims"], counts["events"]) == (
        3,
        1,
        1,
        1,
    )
    assert db.articles_needing_processing("v2") == [other.id]
    assert db.articles_needing_processing(None) == [stored.id, other.id]
    empty = Extraction(article_id=stored.id)
    db.save_extraction(empty, pipeline_version="v3")
    assert db.stats()["quotes"] == 0 and db.get_extraction(stored.id).quotes == ()


def test_bad_span_refused_and_old_records_kept(db, stored) -> None:
    good = _extraction(stored)
    db.save_extraction(good, pipeline_version="v1")
    bad_claim = Claim(article_id=stored.id, start=0, end=5, text="nope!")
    bad = Extraction(article_id=stored.id, quotes=good.quotes, claims=(bad_claim,))
    with pytest.raises(ValueError, match="does not match"):
        db.save_extraction(bad, pipeline_version="v2")
    assert db.get_extraction(stored.id).claims == good.claims
    assert db.get_article(stored.id).pipeline_version == "v1"


def test_extraction_for_unknown_article(db) -> None:
    with pytest.raises(NotFound):
        db.save_extraction(Extraction(article_id="missing"), pipeline_version="v1")
    with pytest.raises(NotFound):
        db.get_extraction("missing")


def _save_person(db, make_article, title: str, name: str, label: str = "PERSON", aliases=()) -> str:
    text_name = name
    article = make_article(
        title, [f"Earlier today {text_name} spoke to the press about the front."]
    )
    db.save_articles([article])
    s = article.text.index(text_name)
    mention = Mention(
        article_id=article.id,
        start=s,
        end=s + len(text_name),
        text=text_name,
        label=label,
        entity=name,
    )
    db.save_extraction(
        Extraction(
            article_id=article.id,
            mentions=(mention,),
            entities=(Entity(name=name, label=label, aliases=aliases),),
        ),
        pipeline_version="v1",
    )
    return article.id


def test_entities_are_canonical_across_articles(db, make_article) -> None:
    _save_person(db, make_article, "One", "Volodymyr Zelenskyy")
    _save_person(db, make_article, "Two", "Zelenskyy", aliases=("Zelensky",))
    _save_person(db, make_article, "Three", "Volodymyr Zelensky")
    _save_person(db, make_article, "Four", "Joe Biden")
    _save_person(db, make_article, "Five", "Hunter Biden")
    _save_person(db, make_article, "Six", "Joe Biden", label="ORG")
    rows = db.list_entities(label="PERSON")
    names = {row.name: row for row in rows}
    assert set(names) == {"Volodymyr Zelenskyy", "Joe Biden", "Hunter Biden"}
    zelenskyy = names["Volodymyr Zelenskyy"]
    assert (zelenskyy.mentions, zelenskyy.articles) == (3, 3)
    assert {"Zelenskyy", "Zelensky", "Volodymyr Zelensky"} <= set(zelenskyy.aliases)
    assert [r.name for r in db.list_entities(label="ORG")] == ["Joe Biden"]
    assert [r.name for r in db.list_entities(name="zelensky")] == ["Volodymyr Zelenskyy"]


def test_listings_filter(db, stored, make_article) -> None:
    db.save_extraction(_extraction(stored), pipeline_version="v1")
    assert [q.speaker for q in db.list_quotes(speaker="petrenko")] == ["Olena Petrenko"]
    assert db.list_quotes(speaker="nobody") == []
    assert [c.value for c in db.list_claims(about="drone")] == [14.0]
    assert db.list_claims(about="tanks") == []
    assert [p.name for p in db.list_places(country="ua")] == ["Vinnytsia"]
    assert (
        len(db.list_events(type="interception", place="vinn", since="2024-05-01", until="2024-05"))
        == 1
    )
    assert db.list_events(until="2024-04") == []
    assert db.list_events(actor="someone") == []
    event = db.list_events()[0]
    assert event.weapons == ("drone",) and event.quantities == {"drones": 14.0}
    assert stored.text[event.start : event.end] == event.text


def test_surname_first_then_full_name_takes_the_full_name(db, make_article) -> None:
    _save_person(db, make_article, "One", "Petrenko")
    _save_person(db, make_article, "Two", "Olena Petrenko")
    rows = db.list_entities(label="PERSON")
    assert [(r.name, r.mentions) for r in rows] == [("Olena Petrenko", 2)]
    assert "Petrenko" in rows[0].aliases


def test_search_quotes_full_text(db, stored) -> None:
    from sitroom.errors import BadRequest

    db.save_extraction(_extraction(stored), pipeline_version="v1")
    (quote,) = db.search_quotes("plant")  # porter: plants -> plant
    assert stored.text[quote.start : quote.end] == quote.text and quote.speaker == "Olena Petrenko"
    assert db.search_quotes('power "(') == [] or db.search_quotes('power "(')
    assert db.search_quotes("bananas") == []
    with pytest.raises(BadRequest):
        db.search_quotes('power "', raw=True)
    db.save_extraction(Extraction(article_id=stored.id), pipeline_version="v2")
    assert db.search_quotes("plant") == []  # the FTS index follows deletes


@pytest.mark.issue(13)
def test_unfiltered_listing_keeps_the_filtered_order(db, make_article) -> None:
    """Newest published first (undated last), then newest stored, then text order: the
    unfiltered listing walks articles on their index, the filtered one sorts records."""
    dates = ["2024-05-01", "2024-06-01", None, "2024-06-01"]
    for n, published in enumerate(dates):
        article = make_article(
            f"Night {n}",
            [f"Crews shot down {n} drones. Later crews shot down a missile."],
            published=published,
        )
        db.save_articles([article])
        starts = [i for i in range(len(article.text)) if article.text.startswith("shot down", i)]
        db.save_extraction(
            Extraction(
                article_id=article.id,
                events=tuple(
                    Event(article_id=article.id, start=s, end=s + 9, text="shot down",
                          event_type="interception", plover="DEFEND", trigger="shot down")
                    for s in reversed(starts)
                ),
            ),
            pipeline_version="v1",
        )  # fmt: skip
    listed = db.list_events()
    assert listed == db.list_events(type="interception")
    titles = [db.get_article(e.article_id).title for e in listed]
    assert titles == ["Night 3", "Night 3", "Night 1", "Night 1", "Night 0", "Night 0",
                      "Night 2", "Night 2"]  # fmt: skip
    assert all(a.start < b.start for a, b in zip(listed[::2], listed[1::2], strict=True))
    assert all(db.get_article(e.article_id).text[e.start : e.end] == e.text for e in listed)
    assert db.list_events(limit=3) == listed[:3]


@pytest.mark.issue(13)
def test_a_batch_saves_what_saving_one_by_one_saves(new_target, make_article) -> None:
    # save_extractions (the bulk path of bench-million) must leave the store exactly as
    # save_extraction article by article: same rows, ids, entities and name counts. The
    # batch replaces stored records, and meets one article twice (its later records win).
    articles = [make_article(f"Report {n}", BODY, published=f"2024-05-0{n}") for n in range(1, 4)]
    first, second, third = (_extraction(a) for a in articles)
    no_quote = replace(second, quotes=(), claims=())
    renamed = replace(
        third,
        events=tuple(replace(e, actor="Vinnytsia air command") for e in third.events),
    )
    batch = [first, second, renamed, no_quote, third]
    stores = []
    for bulk in (False, True):
        db = open_store(new_target())
        db.save_articles(articles)
        db.save_extraction(second, pipeline_version="v1")  # records to replace
        if bulk:
            db.save_extractions(batch, pipeline_version="v2")
        else:
            for extraction in batch:
                db.save_extraction(extraction, pipeline_version="v2")
        # Clock times are the only rows allowed to differ.
        db.connection.execute("UPDATE articles SET processed_at = 'then', ingested_at = 'then'")
        db.connection.execute("UPDATE _migrations SET applied_at = 'then'")
        stores.append(db)
    one_by_one, bulk_saved = (dump(db) for db in stores)
    for db in stores:
        db.close()
    assert bulk_saved == one_by_one
    assert any("name_counts" in line and "Olena Petrenko" in line for line in bulk_saved)
    assert not any("Vinnytsia air command" in line for line in bulk_saved if "name_counts" in line)


@pytest.mark.issue(13)
def test_a_batch_with_an_unknown_article_saves_nothing(db, stored) -> None:
    with pytest.raises(NotFound):
        db.save_extractions(
            [_extraction(stored), Extraction(article_id="missing")], pipeline_version="v1"
        )
    assert db.get_extraction(stored.id).quotes == ()
    assert db.get_article(stored.id).pipeline_version is None
