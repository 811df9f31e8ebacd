"""Extracted records: exact round trip, replacement in one transaction, canonical entities, listings."""

from __future__ import annotations

import pytest

from sitroom.errors import NotFound
from sitroom.records import Claim, Entity, Event, Extraction, Mention, Place, Quote, Timex
from sitroom.store import (
    articles_needing_processing,
    get_article,
    get_extraction,
    list_claims,
    list_entities,
    list_events,
    list_places,
    list_quotes,
    save_articles,
    save_extraction,
    stats,
)

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
    save_articles(db, [article])
    return article


def _spans_match(article, extraction: Extraction) -> None:
    for kind in ("mentions", "quotes", "claims", "timexes", "places", "events"):
        for record in getattr(extraction, kind):
            assert article.text[record.start : record.end] == record.text


def test_extraction_round_trips(db, stored) -> None:
    extraction = _extraction(stored)
    save_extraction(db, extraction, pipeline_version="v1")
    loaded = get_extraction(db, stored.id)
    for kind in ("mentions", "quotes", "claims", "timexes", "places", "events"):
        assert getattr(loaded, kind) == tuple(
            sorted(getattr(extraction, kind), key=lambda r: (r.start, r.end))
        )
    assert [e.name for e in loaded.entities] == ["Olena Petrenko", "Vinnytsia"]
    assert loaded.entities[0].roles == ("Defence Minister",)
    _spans_match(get_article(db, stored.id), loaded)
    assert get_article(db, stored.id).pipeline_version == "v1"


def test_reprocessing_replaces_records_and_marks_version(db, stored, make_article) -> None:
    other = make_article("Other", ["No records here yet."])
    save_articles(db, [other])
    assert articles_needing_processing(db, "v2") == [stored.id, other.id]
    save_extraction(db, _extraction(stored), pipeline_version="v1")
    save_extraction(db, _extraction(stored), pipeline_version="v2")
    counts = stats(db)
    assert (counts["mentions"], counts["quotes"], counts["claims"], counts["events"]) == (
        3,
        1,
        1,
        1,
    )
    assert articles_needing_processing(db, "v2") == [other.id]
    assert articles_needing_processing(db, None) == [stored.id, other.id]
    empty = Extraction(article_id=stored.id)
    save_extraction(db, empty, pipeline_version="v3")
    assert stats(db)["quotes"] == 0 and get_extraction(db, stored.id).quotes == ()


def test_bad_span_refused_and_old_records_kept(db, stored) -> None:
    good = _extraction(stored)
    save_extraction(db, good, pipeline_version="v1")
    bad_claim = Claim(article_id=stored.id, start=0, end=5, text="nope!")
    bad = Extraction(article_id=stored.id, quotes=good.quotes, claims=(bad_claim,))
    with pytest.raises(ValueError, match="does not match"):
        save_extraction(db, bad, pipeline_version="v2")
    assert get_extraction(db, stored.id).claims == good.claims
    assert get_article(db, stored.id).pipeline_version == "v1"


def test_extraction_for_unknown_article(db) -> None:
    with pytest.raises(NotFound):
        save_extraction(db, Extraction(article_id="missing"), pipeline_version="v1")
    with pytest.raises(NotFound):
        get_extraction(db, "missing")


def _save_person(db, make_article, title: str, name: str, label: str = "PERSON", aliases=()) -> str:
    text_name = name
    article = make_article(
        title, [f"Earlier today {text_name} spoke to the press about the front."]
    )
    save_articles(db, [article])
    s = article.text.index(text_name)
    mention = Mention(
        article_id=article.id,
        start=s,
        end=s + len(text_name),
        text=text_name,
        label=label,
        entity=name,
    )
    save_extraction(
        db,
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
    rows = list_entities(db, label="PERSON")
    names = {row.name: row for row in rows}
    assert set(names) == {"Volodymyr Zelenskyy", "Joe Biden", "Hunter Biden"}
    zelenskyy = names["Volodymyr Zelenskyy"]
    assert (zelenskyy.mentions, zelenskyy.articles) == (3, 3)
    assert {"Zelenskyy", "Zelensky", "Volodymyr Zelensky"} <= set(zelenskyy.aliases)
    assert [r.name for r in list_entities(db, label="ORG")] == ["Joe Biden"]
    assert [r.name for r in list_entities(db, name="zelensky")] == ["Volodymyr Zelenskyy"]


def test_listings_filter(db, stored, make_article) -> None:
    save_extraction(db, _extraction(stored), pipeline_version="v1")
    assert [q.speaker for q in list_quotes(db, speaker="petrenko")] == ["Olena Petrenko"]
    assert list_quotes(db, speaker="nobody") == []
    assert [c.value for c in list_claims(db, about="drone")] == [14.0]
    assert list_claims(db, about="tanks") == []
    assert [p.name for p in list_places(db, country="ua")] == ["Vinnytsia"]
    assert (
        len(list_events(db, type="interception", place="vinn", since="2024-05-01", until="2024-05"))
        == 1
    )
    assert list_events(db, until="2024-04") == []
    assert list_events(db, actor="someone") == []
    event = list_events(db)[0]
    assert event.weapons == ("drone",) and event.quantities == {"drones": 14.0}
    assert stored.text[event.start : event.end] == event.text


def test_surname_first_then_full_name_takes_the_full_name(db, make_article) -> None:
    _save_person(db, make_article, "One", "Petrenko")
    _save_person(db, make_article, "Two", "Olena Petrenko")
    rows = list_entities(db, label="PERSON")
    assert [(r.name, r.mentions) for r in rows] == [("Olena Petrenko", 2)]
    assert "Petrenko" in rows[0].aliases


def test_search_quotes_full_text(db, stored) -> None:
    from sitroom.errors import BadRequest
    from sitroom.store import search_quotes

    save_extraction(db, _extraction(stored), pipeline_version="v1")
    (quote,) = search_quotes(db, "plant")  # porter: plants -> plant
    assert stored.text[quote.start : quote.end] == quote.text and quote.speaker == "Olena Petrenko"
    assert search_quotes(db, 'power "(') == [] or search_quotes(db, 'power "(')
    assert search_quotes(db, "bananas") == []
    with pytest.raises(BadRequest):
        search_quotes(db, 'power "', raw=True)
    save_extraction(db, Extraction(article_id=stored.id), pipeline_version="v2")
    assert search_quotes(db, "plant") == []  # the FTS index follows deletes
