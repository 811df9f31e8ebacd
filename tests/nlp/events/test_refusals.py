"""Issue 9 realis class: refusals, failures and efforts report no happening. Sentences written for the test."""

from __future__ import annotations

import pytest

from sitroom.nlp.extract import doc_to_records

from .extracted import done, events_in

pytestmark = pytest.mark.issue(9)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The Georgian government refuses to meet the protest leaders.", "meeting"),
        ("Hungary declined to sign the joint statement on sanctions.", "agreement"),
        ("Moscow failed to sign the grain agreement before the deadline.", "agreement"),
        ("Officials in Chisinau are making efforts to hold talks with Tiraspol.", "meeting"),
    ],
)
def test_an_act_refused_or_tried_is_not_reported_as_done(nlp, text: str, event_type: str) -> None:
    events = doc_to_records(nlp(text), article_id="r9", published="2023-04-01").events
    typed = [e for e in events if e.event_type == event_type]
    assert all(e.status not in {"reported", "claimed"} for e in typed)


def test_a_refusal_denied_keeps_the_act(nlp) -> None:
    text = "Finland did not refuse to sign the defence agreement with Washington."
    events = doc_to_records(nlp(text), article_id="r9", published="2023-04-01").events
    assert [e.status for e in events if e.event_type == "agreement"] == ["reported"]


def _done(nlp, text: str, event_type: str) -> list:
    return done(events_in(nlp, text, published="2023-04-01", article_id="r9"), event_type)


def test_a_plan_hoped_for_is_not_done(nlp) -> None:
    # The small model lemmatizes "hoping" as "hop"; the plan is still only hoped for.
    text = "Aides said Keir Starmer was hoping to meet Donald Tusk in Warsaw."
    assert not _done(nlp, text, "meeting")


def test_a_noun_only_talked_about_is_no_event(nlp) -> None:
    text = (
        'Speaking in Vilnius, the prime minister said of the German military aid: "It came late."'
    )
    assert not _done(nlp, text, "aid")


def test_talking_about_the_invasion_is_still_the_war(nlp) -> None:
    text = "The mayor of Kharkiv spoke about the Russian invasion of Ukraine at the conference."
    wars = _done(nlp, text, "ground_clash")
    assert [(e.actor, e.target) for e in wars] == [("Russia", "Ukraine")]


def test_shown_is_not_a_demonstration(nlp) -> None:
    text = "Their resolve is demonstrated by new trenches along the Dnipro in Kherson."
    assert not _done(nlp, text, "protest")


def test_who_is_to_blame_is_not_who_blames(nlp) -> None:
    text = "The pamphlet says that Poland is to blame for the border crisis."
    assert all(e.actor != "Poland" for e in _done(nlp, text, "condemnation"))


@pytest.mark.parametrize(
    "text",
    [
        "Estonia keeps its border guards on alert in the case of a Russian attack on Narva.",
        "Riga fears it is next in the event of a Russian strike on Lithuania.",
    ],
)
def test_in_case_of_is_a_condition(nlp, text: str) -> None:
    assert not _done(nlp, text, "strike")


def test_a_read_also_line_is_no_record(nlp) -> None:
    text = (
        "Read also: Poland sends Leopard tanks to Ukraine after the summit in Vilnius.\n"
        "The mayor of Lublin opened a new shelter for families on Monday."
    )
    assert not _done(nlp, text, "aid")


def test_a_date_in_another_clause_does_not_date_the_event(nlp) -> None:
    text = (
        "Igor Strelkov criticized the general and lamented that nobody remembers the paratroopers "
        "lost at Hostomel on Feb. 24, 2022."
    )
    events = doc_to_records(nlp(text), article_id="r9", published="2023-05-02").events
    criticism = [e for e in events if e.event_type == "condemnation"]
    assert [e.status for e in criticism] == ["reported"]
