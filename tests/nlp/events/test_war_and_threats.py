"""Issue 9 classes: the war record convention and threats said in words. Sentences written for the test."""

from __future__ import annotations

import pytest

from sitroom.records import Event

from .extracted import done as _of
from .extracted import events_in

pytestmark = pytest.mark.issue(9)


def _events(nlp, text: str, published: str = "2023-05-10") -> tuple[Event, ...]:
    return events_in(nlp, text, published=published, article_id="w9")


# -- the war as one record ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Farmers near the border say the war in Ukraine has ruined their harvest.",
        "The minister spoke at length about Russian aggression at the forum in Oslo.",
        "Grain prices doubled after Russia's invasion, the report found.",
    ],
)
def test_a_mention_naming_one_side_is_russias_war(nlp, sentence: str) -> None:
    wars = _of(_events(nlp, sentence), "ground_clash")
    assert [(e.actor, e.target) for e in wars] == [("Russia", "Ukraine")]


def test_every_mention_of_the_war_makes_one_record(nlp) -> None:
    text = (
        "Russia's war against Ukraine has emptied the villages along the river.\n"
        "The teachers who stayed say the invasion took half their pupils.\n"
        "Aid workers in Kherson describe the war in Ukraine as the hardest task of their lives."
    )
    wars = _of(_events(nlp, text), "ground_clash")
    assert len(wars) == 1
    assert len(wars[0].evidence) == 3


def test_a_bare_war_noun_is_no_record_of_its_own(nlp) -> None:
    assert not _of(
        _events(nlp, "Nobody in the village talks about the war any more."), "ground_clash"
    )


def test_before_the_invasion_an_invasion_is_not_the_war(nlp) -> None:
    text = "Diplomats fear the war in Ukraine could start within weeks."
    assert not _of(_events(nlp, text, published="2022-01-20"), "ground_clash")


def test_another_war_is_not_russias(nlp) -> None:
    text = "The war in Sudan has displaced millions of people since April."
    assert all(e.actor != "Russia" for e in _events(nlp, text))


def test_a_battle_is_not_merged_into_the_war(nlp) -> None:
    text = (
        "Russia's war against Ukraine entered its second spring.\n"
        "Russian troops captured the village of Tarnivka on Friday."
    )
    clashes = _of(_events(nlp, text), "ground_clash")
    assert len(clashes) == 2


def test_the_start_of_the_war_years_back_stays_history(nlp) -> None:
    text = "Russia launched its invasion of Ukraine in February 2022."
    wars = [e for e in _events(nlp, text, published="2024-09-01") if e.event_type == "ground_clash"]
    assert wars
    assert all(e.status == "historical" for e in wars)


# -- threats: consequences promised, not forecasts -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Chancellor Olaf Scholz said any attack on Moldova would lead to tough sanctions.",
            "Olaf Scholz",
        ),
        (
            '"Any strike on our ships will be met with a firm response," Jens Stoltenberg said.',
            "Jens Stoltenberg",
        ),
        (
            "Jens Stoltenberg warned that the alliance would retaliate against any attack.",
            "Jens Stoltenberg",
        ),
    ],
)
def test_a_promised_consequence_is_a_threat(nlp, text: str, actor: str) -> None:
    threats = _of(_events(nlp, text), "threat")
    assert [e.actor for e in threats] == [actor]


@pytest.mark.parametrize(
    "text",
    [
        'Events can move at a frightening speed, "Joe Biden warned on Monday.',
        "The agency warned its partners in Berlin of a possible attack on the cable.",
        "Finland and Sweden vowed to take steps against the smuggling of fuel.",
        "Olaf Scholz said the summit would discuss energy prices in response to the crisis.",
    ],
)
def test_a_forecast_or_an_alert_is_no_threat(nlp, text: str) -> None:
    assert not _of(_events(nlp, text), "threat")


def test_the_inner_speaker_threatens(nlp) -> None:
    text = (
        "A statement said Emmanuel Macron made clear France would respond to any attack on Estonia."
    )
    threats = _of(_events(nlp, text), "threat")
    assert [e.actor for e in threats] == ["Emmanuel Macron"]


# -- agreements and meetings between parties ----------------------------------------------------


def test_a_deal_between_parties_is_the_first_named_partys(nlp) -> None:
    text = "A deal agreed between Norway, Denmark and Iceland opened the fishing grounds on Monday."
    deals = _of(_events(nlp, text), "agreement")
    assert [e.actor for e in deals] == ["Norway"]


def test_agreeing_a_deal_is_an_agreement(nlp) -> None:
    text = "Moldova and Romania agreed a deal on electricity imports last week."
    deals = _of(_events(nlp, text), "agreement")
    assert [(e.actor, e.target) for e in deals] == [("Moldova", "Romania")]


def test_agreeing_on_a_need_is_no_agreement(nlp) -> None:
    text = "Moldova and Romania agreed on the need to keep talking."
    assert not _of(_events(nlp, text), "agreement")


def test_the_visit_of_a_person_is_that_persons(nlp) -> None:
    text = "Beijing protested against the visit of Senator Tammy Duckworth to Taiwan on Friday."
    visits = _of(_events(nlp, text), "meeting")
    assert [e.actor for e in visits] == ["Tammy Duckworth"]


# -- nobody named ----------------------------------------------------------------------------------


def test_a_done_happening_with_nobody_named_is_no_record(nlp) -> None:
    text = "A warehouse was shelled on the outskirts of Kupiansk on Monday night."
    assert not _of(_events(nlp, text), "strike")


def test_a_nameless_happening_is_evidence_for_the_named_one_before_it(nlp) -> None:
    text = (
        "Russian forces shelled Kupiansk on Monday night.\n"
        "Officials said a warehouse was also shelled on the outskirts of Kupiansk."
    )
    strikes = _of(_events(nlp, text), "strike")
    assert [e.actor for e in strikes] == ["Russia"]
    assert len(strikes[0].evidence) == 2


def test_an_arrest_by_unnamed_police_stays_a_record(nlp) -> None:
    text = "Police detained eleven activists in Minsk on Saturday."
    assert _of(_events(nlp, text), "arrest")


def test_the_downing_of_enemy_drones_is_not_the_enemys_act(nlp) -> None:
    text = "Ukraine's air force reported the downing of 31 Russian drones over Sumy."
    downs = _of(_events(nlp, text), "interception")
    assert [e.actor for e in downs] == ["Ukraine"]


# -- lexicon: words for the same happenings ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event_type", "actor"),
    [
        (
            "Ukrainian forces blew up a Russian fuel depot near Melitopol on Sunday.",
            "strike",
            "Ukraine",
        ),
        ("Russia gathered 40,000 soldiers near the border with Finland.", "deployment", "Russia"),
        ("Germany announced a shipment of air defence missiles to Kyiv.", "aid", "Germany"),
    ],
)
def test_more_words_for_known_types(nlp, text: str, event_type: str, actor: str) -> None:
    assert [e.actor for e in _of(_events(nlp, text), event_type)] == [actor]


def test_blowing_out_candles_is_no_strike(nlp) -> None:
    text = "Ukrainian children blew out the candles at the party in Lviv."
    assert not _of(_events(nlp, text), "strike")


# -- the threatened act's object, and places of other clauses ----------------------------------


def test_a_threat_to_strike_has_the_struck_party_as_its_target(nlp) -> None:
    events = _events(nlp, "Moscow threatened to strike Poland if it sent more tanks to Kyiv.")
    threats = [e for e in events if e.event_type == "threat"]
    assert threats and threats[0].actor == "Russia" and threats[0].target == "Poland"
    # Kyiv is where the tanks would go, in a clause of its own: no place of the threat.
    assert all(e.place != "Kyiv" for e in events)


def test_a_place_in_a_clause_of_its_own_is_not_the_events_place(nlp) -> None:
    events = _events(nlp, "Russian troops shelled the village as families fled to Poltava.")
    strikes = _of(events, "strike")
    assert strikes and strikes[0].place != "Poltava"


def test_a_place_in_the_main_clause_still_places_a_reported_event(nlp) -> None:
    events = _events(nlp, "In Kharkiv, officials said Russian shelling killed three civilians.")
    strikes = _of(events, "strike")
    assert strikes and strikes[0].place == "Kharkiv"
