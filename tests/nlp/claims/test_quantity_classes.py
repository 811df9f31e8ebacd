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
