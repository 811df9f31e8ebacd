"""The merged entity labels on the real pipeline: issue 11's NER error classes."""

from __future__ import annotations

import pytest


def _labels(nlp, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "club"),
    [
        ("Shakhtar Donetsk and Zorya Luhansk drew in Lviv on Sunday.", "Shakhtar Donetsk"),
        ("Shakhtar Donetsk and Zorya Luhansk drew in Lviv on Sunday.", "Zorya Luhansk"),
        ("SOCCER - REAL MADRID BEAT DYNAMO KYIV IN MADRID .", "DYNAMO KYIV"),
    ],
)
def test_club_named_after_its_city_is_an_organization(nlp, text: str, club: str) -> None:
    assert _labels(nlp, text)[club] == "ORG"


@pytest.mark.issue(11)
def test_person_whose_surname_is_a_far_capital_stays_a_person(nlp) -> None:
    labels = _labels(nlp, "The sprinter Anthony Washington won the final in Rome.")
    assert labels.get("Anthony Washington") == "PERSON"
