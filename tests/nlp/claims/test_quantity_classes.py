"""Issue 11 error classes of quantities, each on sentences written for these tests."""

from __future__ import annotations

import pytest

from sitroom.nlp.claims.extract import extract_claims
from sitroom.records import Claim

pytestmark = pytest.mark.issue(11)


def claims_of(nlp, text: str, **kwargs) -> list[Claim]:
    claims = extract_claims(nlp(text), article_id="art-1", **kwargs)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    return claims


def values_of(nlp, text: str, **kwargs) -> list[tuple[float | None, float | None, float | None]]:
    return [(c.value, c.low, c.high) for c in claims_of(nlp, text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Shelling cut the water supply from 1,000 to 2,000 homes.", 1000, 2000),
        ("The ministry expects four to five thousand volunteers.", 4000, 5000),
        ("Bread rose from $7 at the start of winter to $9 in the spring.", 7, 9),
        ("A loaf now costs $7/$9 at the market.", 7, 9),
        ("Villagers reported two or three explosions near the dam.", 2, 3),
    ],
)
def test_ranges_and_from_to_pairs_are_one_claim(nlp, text: str, low: float, high: float) -> None:
    assert values_of(nlp, text) == [(None, low, high)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The port shipped 1.2m tons of grain last season.", 1_200_000, "tonne"),
        ("The petition gathered 25k signatures.", 25_000, None),
        ("The council approved RM3.06mil for repairs.", 3_060_000, "MYR"),
        ("The donors pledged $61bn for reconstruction.", 61e9, "USD"),
        ("The crane lifted a 5m beam onto the bridge.", 5, "m"),
    ],
)
def test_scale_suffixes_are_scales_not_units(
    nlp, text: str, value: float, unit: str | None
) -> None:
    claim = next(c for c in claims_of(nlp, text) if c.value is not None)
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Overnight the city froze at -5C.", -5, "celsius"),
        ("The index slipped −3% on the news.", -3, "percent"),
        ("The trade balance fell to $-4.2bn in March.", -4.2e9, "USD"),
    ],
)
def test_minus_signs_are_kept(nlp, text: str, value: float, unit: str) -> None:
    claim = next(c for c in claims_of(nlp, text) if c.value is not None)
    assert (claim.value, claim.unit) == (value, unit)


def test_a_loose_range_dash_is_not_a_minus_sign(nlp) -> None:
    assert values_of(nlp, "The zoom lens covers 70 -200mm at the long end.") != [
        (70, None, None),
        (-200, None, None),
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The new link carries 300 Mbps to the front-line hospital.", 300, "Mbps"),
        ("The radio jammer works at 500 kHz across the valley.", 500, "kHz"),
        ("The engine makes 400 Nm of torque.", 400, "Nm"),
        ("The drone flew at 120 km/h over the river.", 120, "km/h"),
        ("Each shelter holds 40 sq m of floor space.", 40, "m2"),
        ("By dawn it was 41F in the trenches.", 41, "fahrenheit"),
    ],
)
def test_missing_units(nlp, text: str, value: float, unit: str) -> None:
    claim = next(c for c in claims_of(nlp, text) if c.value is not None)
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The FTSE 100 closed lower on the news.",
        "Two F-16 jets escorted the Su-35 back to base.",
        "The veteran, seeded (No. 3), won easily.",
        "Supporters in section 112 unfurled a flag.",
        "On one side of the river the militia dug trenches.",
        "One way or another the corridor will reopen.",
        "She is one of the most senior officers in the unit.",
    ],
)
def test_numbers_inside_names_and_fillers_are_not_claims(nlp, text: str) -> None:
    assert [c.text for c in claims_of(nlp, text) if c.text not in {"Two"}] == []


def test_one_hand_is_still_a_count(nlp) -> None:
    assert [c.value for c in claims_of(nlp, "The medic held one hand over the wound.")] == [1]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Half a million people fled the shelling.", "Half a million", 500_000, None),
        ("One fourth of the budget went to air defence.", "One fourth", 0.25, None),
        ("A third of the houses lost power.", "A third", 1 / 3, None),
        ("Drone output grew sixfold in a year.", "sixfold", 6, "times"),
        ("The deal brought a 10-fold rise in shell deliveries.", "10-fold", 10, "times"),
    ],
)
def test_fractions_and_multipliers(
    nlp, text: str, span: str, value: float, unit: str | None
) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.text, claim.value, claim.unit) == (span, pytest.approx(value), unit)


def test_restated_amount_in_brackets_is_not_what_is_counted(nlp) -> None:
    claims = claims_of(nlp, "Donors approved a $61bn (£49bn) package for the region.")
    assert [(c.unit, c.what) for c in claims] == [("USD", "package"), ("GBP", "package")]


def test_two_day_is_a_duration_not_a_count(nlp) -> None:
    assert claims_of(nlp, "Envoys met for a two-day summit in the capital.") == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The depot pumps 52,000 barrel-a-day to the front.", "barrel per day"),
        ("Seas could rise 11 feet per century along the coast.", "foot per century"),
        ("The armoured car has a 640bhp engine.", "bhp"),
    ],
)
def test_rates_written_with_hyphens_and_brake_horsepower(nlp, text: str, unit: str) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.unit == unit
