"""Issue 9 classes: the war record convention and threats said in words. Sentences written for the test."""

from __future__ import annotations

import pytest

from sitroom.nlp.extract import doc_to_records
from sitroom.records import Event

pytestmark = pytest.mark.issue(9)

DONE = {"reported", "claimed"}


def _events(nlp, text: str, published: str = "2023-05-10") -> tuple[Event, ...]:
    events = doc_to_records(nlp(text), article_id="w9", published=published).events
    for e in events:
        assert text[e.start : e.end] == e.text
    return events


def _of(events: tuple[Event, ...], event_type: str) -> list[Event]:
    return [e for e in events if e.event_type == event_type and e.status in DONE]


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
