"""Events on the real pipeline: types, directed roles, statuses, evidence spans, mappings."""

from __future__ import annotations

import pytest

from sitroom.nlp.events.extract import event_triggers

from .extracted import events_in


def _events(nlp, text: str, published: str | None = "2025-03-14"):
    events = events_in(nlp, text, published=published, article_id="a1")
    assert all(e.plover for e in events)
    return events


def _one(events, event_type: str):
    found = [e for e in events if e.event_type == event_type]
    assert found, f"no {event_type} in {[e.event_type for e in events]}"
    return found[0]


def test_active_strike_has_actor_target_place_weapon(nlp) -> None:
    e = _one(
        _events(
            nlp, "Russia fired a cruise missile at Odesa on Tuesday, injuring three dockworkers."
        ),
        "strike",
    )
    assert (e.actor, e.target, e.place) == ("Russia", "Odesa", "Odesa")
    assert "missile" in e.weapons
    assert e.plover == "ASSAULT" and e.acled_event_type == "Explosions/Remote violence"
    assert e.status == "reported"


def test_passive_strike_swaps_roles(nlp) -> None:
    e = _one(_events(nlp, "The port of Mykolaiv was struck by Russian drones overnight."), "strike")
    assert e.actor == "Russia" and e.target == "Mykolaiv"
    assert e.acled_sub_event_type == "Air/drone strike"


def test_interception_with_particle_verb(nlp) -> None:
    e = _one(_events(nlp, "Ukraine's air force said it shot down 31 of 40 drones."), "interception")
    assert e.actor == "Ukraine"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Moscow threatened to strike supply hubs in Poland.", "threatened"),
        ("Belarusian units could join the offensive if Minsk agrees.", "conditional"),
        ("The ministry denied that its jets had bombed the market.", "denied"),
        ("Germany plans to send more tanks to Ukraine next month.", "expected"),
        ("NATO will deploy extra troops to Romania.", "expected"),
    ],
)
def test_modality_never_yields_a_carried_out_event(nlp, text: str, status: str) -> None:
    events = [e for e in _events(nlp, text) if e.event_type != "threat"]
    assert events, "expected an event to carry the status"
    assert all(e.status != "reported" for e in events)
    assert events[0].status == status


def test_threat_itself_is_reported(nlp) -> None:
    e = _one(_events(nlp, "The Kremlin warned Finland against hosting NATO troops."), "threat")
    assert e.status == "reported"


@pytest.mark.parametrize(
    ("text", "event_type", "plover"),
    [
        ("Norway and Ukraine signed a security agreement in Oslo.", "agreement", "AGREE"),
        ("The Security Council adopted a resolution on the ceasefire.", "vote", "SUPPORT"),
        ("Olaf Scholz met Volodymyr Zelenskyy in Berlin on Monday.", "meeting", "CONSULT"),
        ("The EU imposed sanctions on Russian shipping firms.", "sanction", "SANCTION"),
        ("Police detained twelve protesters in Tbilisi.", "arrest", "COERCE"),
        ("Thousands protested in Belgrade against the government.", "protest", "PROTEST"),
        ("Sweden condemned the bombing of the hospital.", "condemnation", "ACCUSE"),
        ("North Korea tested a new cruise missile on Sunday.", "weapons_test", "MOBILIZE"),
    ],
)
def test_event_types_map_to_plover(nlp, text: str, event_type: str, plover: str) -> None:
    assert _one(_events(nlp, text), event_type).plover == plover


def test_leader_acting_for_state_in_aid(nlp) -> None:
    e = _one(_events(nlp, "Joe Biden announced a new military aid package for Ukraine."), "aid")
    assert e.actor == "United States" and e.target == "Ukraine"


def test_date_falls_back_to_publication(nlp) -> None:
    e = _one(_events(nlp, "Russia shelled Kherson."), "strike")
    assert e.date == "2025-03-14" and e.date_precision == "publication"


def test_no_trigger_no_event(nlp) -> None:
    assert not _events(nlp, "The weather in Lviv was mild and the cafes were full.")


def test_event_triggers_are_char_spans(nlp) -> None:
    doc = nlp("Russia attacked Sumy and Ukraine intercepted most drones.")
    found = event_triggers(doc)
    assert {doc.text[s:e] for s, e, _ in found} >= {"attacked", "intercepted"}


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        (
            "Britain, France and Germany condemned the missile launch in a joint statement.",
            "condemnation",
            None,
        ),
        ("Moldova and Romania signed a border agreement on Friday.", "agreement", "Romania"),
    ],
)
def test_subject_conjuncts_are_counterparts_only_in_two_sided_acts(
    nlp, text, event_type, target
) -> None:
    e = _one(_events(nlp, text), event_type)
    assert e.target == target


def test_dateline_place_is_not_the_actor(nlp) -> None:
    text = "KHARKIV, Ukraine — Russian forces fired three missiles at the city's power station on Monday."
    e = _one(_events(nlp, text), "strike")
    assert e.actor == "Russia" and e.actor != "Kharkiv"
