"""Issue 9 actor classes: descriptions and pronouns that refer back, private speakers. Own sentences."""

from __future__ import annotations

import pytest

from sitroom.records import Event

from .extracted import done, events_in

pytestmark = pytest.mark.issue(9)


def _of(nlp, text: str, event_type: str) -> list[Event]:
    return done(events_in(nlp, text, published="2023-03-02"), event_type)


def test_a_description_used_beside_a_name_is_that_person(nlp) -> None:
    text = (
        "The head of Estonian diplomacy Margus Tsahkna arrived in Warsaw on Monday.\n"
        "The head of Estonian diplomacy also accused Russia of sabotage in the Baltic."
    )
    assert [e.actor for e in _of(nlp, text, "condemnation")] == ["Margus Tsahkna"]


def test_a_role_noun_is_the_person_the_article_names_most(nlp) -> None:
    text = (
        "Pope Leo met pilgrims in Rome on Sunday. Pope Leo spoke of peace.\n"
        "The pontiff praised the volunteers and condemned the bombing of hospitals."
    )
    # The recognizer names him "Leo" or "Pope Leo"; either is the person, not the Vatican.
    assert [e.actor for e in _of(nlp, text, "condemnation")] in (["Leo"], ["Pope Leo"])


def test_a_pronoun_is_the_person_named_before(nlp) -> None:
    text = (
        "Kaja Kallas spoke to reporters in Tallinn on Tuesday.\n"
        "She accused Moscow of jamming satellite signals over the Baltic Sea."
    )
    assert [e.actor for e in _of(nlp, text, "condemnation")] == ["Kaja Kallas"]


def test_an_unnamed_official_is_not_resolved_to_a_person(nlp) -> None:
    text = (
        "Kaja Kallas spoke to reporters in Tallinn on Tuesday.\n"
        "The official accused Moscow of jamming satellite signals over the Baltic Sea."
    )
    assert all(e.actor != "Kaja Kallas" for e in _of(nlp, text, "condemnation"))


def test_a_private_person_described_by_nationality_is_not_the_state(nlp) -> None:
    text = "A Russian blogger condemned the shelling of Belgorod in a video on Monday."
    assert all(e.actor != "Russia" for e in _of(nlp, text, "condemnation"))


def test_a_named_actor_later_in_the_sentence_wins_over_an_unnamed_one(nlp) -> None:
    text = (
        "Tycoon blasts the war: Ukrainian businessman Petro Marchenko has blasted Russia's war "
        "in a long interview."
    )
    assert [e.actor for e in _of(nlp, text, "condemnation")] == ["Petro Marchenko"]


def test_blasting_a_war_is_a_condemnation_not_a_figure(nlp) -> None:
    text = "Senator Maria Cantwell blasted the invasion of Ukraine on Thursday."
    assert [e.actor for e in _of(nlp, text, "condemnation")] == ["Maria Cantwell"]


def test_a_named_person_beats_the_body_in_the_same_phrase(nlp) -> None:
    text = "A sharp critic of the Kremlin, Boris Akunin, condemned the strike on Odesa on Friday."
    assert [e.actor for e in _of(nlp, text, "condemnation")] == ["Boris Akunin"]


def test_an_expressed_condemnation_is_the_subjects(nlp) -> None:
    text = "Chancellor Olaf Scholz expressed his condemnation of the missile strike on Kharkiv."
    assert [e.actor for e in _of(nlp, text, "condemnation")] == ["Olaf Scholz"]


def test_doubling_down_on_accusations_is_a_condemnation(nlp) -> None:
    text = "Viktor Orban has doubled down on accusations that Brussels funds the opposition."
    assert [e.actor for e in _of(nlp, text, "condemnation")] == ["Viktor Orban"]


@pytest.mark.parametrize(
    "text",
    [
        "Satellite images show a rapid buildup of Russian forces near Kupiansk.",
        "Drills with the participation of Russian troops began near Brest on Monday.",
    ],
)
def test_the_forces_named_in_a_deployment_noun_are_its_actor(nlp, text: str) -> None:
    assert [e.actor for e in _of(nlp, text, "deployment")] == ["Russia"]


def test_its_on_a_deployment_noun_is_the_clause_subject(nlp) -> None:
    text = "Moscow refused to explain the purpose of its military manoeuvres in Belarus."
    assert [e.actor for e in _of(nlp, text, "deployment")] == ["Russia"]


def test_its_is_not_the_reporter_of_the_sentence(nlp) -> None:
    text = (
        "The two leaders spoke to the press after their meeting in Brasilia, "
        "a Reuters correspondent reports."
    )
    assert all(e.actor != "Reuters" for e in _of(nlp, text, "meeting"))


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Olaf Scholz said during a telephone conversation with Emmanuel Macron that "
            "Europe must stay united.",
            "Olaf Scholz",
        ),
        ("Senator Ben Cardin said during a visit to Odesa that more help is coming.", "Ben Cardin"),
    ],
)
def test_a_meeting_adjunct_with_a_counterpart_is_the_subjects(nlp, text: str, actor: str) -> None:
    events = _of(nlp, text, "meeting")
    assert [e.actor for e in events] == [actor]
    assert "conversation" in events[0].text or "visit" in events[0].text


def test_a_gathering_the_subject_only_attended_is_not_theirs(nlp) -> None:
    text = "During the summit, the Dutch defence minister Kajsa Ollongren admitted that stocks were low."
    assert all(e.actor != "Kajsa Ollongren" for e in _of(nlp, text, "meeting"))


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "The Serbian envoy Nemanja Starovic described the draft as a cynical ploy by the West.",
            "Nemanja Starovic",
        ),
        ("Mayor Vitali Klitschko called the referendum a sham.", "Vitali Klitschko"),
    ],
)
def test_naming_with_a_reproach_is_a_condemnation(nlp, text: str, actor: str) -> None:
    events = _of(nlp, text, "condemnation")
    assert [e.actor for e in events] == [actor]
    assert events[0].trigger in {"described", "called"}


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Vitali Klitschko called the reopening of the metro a turning point.",
        "Nemanja Starovic spoke to reporters. He described the draft as a cynical ploy.",
    ],
)
def test_naming_without_a_reproach_or_a_named_critic_is_no_condemnation(nlp, text: str) -> None:
    assert _of(nlp, text, "condemnation") == []


def test_the_side_said_to_be_behind_an_attack_is_its_actor(nlp) -> None:
    text = (
        "Estonian officials said on Monday that Russia was behind cyber attacks "
        "that shut down the websites of two ministries."
    )
    strikes = _of(nlp, text, "strike")
    assert [e.actor for e in strikes] == ["Russia"]
    assert "cyber attacks" in strikes[0].text
