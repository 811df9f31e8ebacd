"""parse_number / parse_vague (numeric claims) and parse_unit_count (time expressions)."""

from __future__ import annotations

import pytest

from sitroom.nlp.numbers import parse_number, parse_scale, parse_unit_count, parse_vague


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("48", 48),
        ("1,200", 1200),
        ("3.5", 3.5),
        ("1.2 million", 1_200_000),
        ("2 billion", 2_000_000_000),
        ("4 hundred million", 400_000_000),
        ("two", 2),
        ("twenty-five", 25),
        ("ninety nine", 99),
        ("two hundred and five thousand", 205_000),
        ("a dozen", 12),
        ("a million", 1_000_000),
        ("half", 0.5),
        ("two-thirds", 2 / 3),
        ("$225m", 225_000_000),
        ("5bn", 5_000_000_000),
        ("€118 billion", 118_000_000_000),
        ("40%", 40),
        ("-5", -5),
        ("12,34,567", 1_234_567),
        ("1.99×10−30", 1.99e-30),
        ("3×10⁸", 3e8),
        ("6.02 x 10^23", 6.02e23),
    ],
)
def test_parse_number_reads_digits_words_and_scales(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["hundreds", "dozens", "tens of thousands", "", "troops", "12 dozen apples"]
)
def test_parse_number_gives_none_for_vague_or_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "low_high"),
    [
        ("hundreds", (100, 1000)),
        ("thousands", (1000, 10_000)),
        ("tens of thousands", (10_000, 100_000)),
        ("dozens", (12, 120)),
        ("Millions", (1e6, 1e7)),
    ],
)
def test_parse_vague_gives_a_range(text: str, low_high: tuple[float, float]) -> None:
    assert parse_vague(text) == low_high


@pytest.mark.parametrize(
    ("word", "scale"), [("million", 1e6), ("bn", 1e9), ("thousands", 1e3), ("troops", None)]
)
def test_parse_scale(word: str, scale: float | None) -> None:
    assert parse_scale(word) == scale


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("1,000", 1000),
        ("2 1/2", 2.5),
        ("a", 1),
        ("an", 1),
        ("single", 1),
        ("half a", 0.5),
        ("a half", 0.5),
        ("a quarter of a", 0.25),
        ("2 and a half", 2.5),
        ("two and a half", 2.5),
        ("twenty-one", 21),
        ("a couple of", 2),
        ("a dozen", 12),
        ("several", None),
        ("a few", None),
        ("dozens of", None),
    ],
)
def test_parse_unit_count(text: str, value: float | None) -> None:
    assert parse_unit_count(text) == value


@pytest.mark.parametrize(
    ("text", "claim_value", "unit_count"),
    [
        # The time grammar's idioms: counts of units, not figures a claim states.
        ("a couple of", None, 2),
        ("2 1/2", None, 2.5),
        ("half a", None, 0.5),
        ("single", None, 1),
        # A claim's scales, currencies and fractions: no count of time units.
        ("1.2 million", 1_200_000, None),
        ("$5bn", 5_000_000_000, None),
        ("two-thirds", 2 / 3, None),
        ("40%", 40, None),
        ("one and a half million", 1_500_000, None),
    ],
)
def test_the_two_parsers_differ_where_their_grammars_do(
    text: str, claim_value: float | None, unit_count: float | None
) -> None:
    assert (parse_number(text), parse_unit_count(text)) == (claim_value, unit_count)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("half a million", 500_000),
        ("half a dozen", 6),
        ("one fourth", 0.25),
        ("two-fifths", 0.4),
        ("sixfold", 6),
        ("10-fold", 10),
        ("3.06mil", 3_060_000),
        ("two and a half", 2.5),
        ("2 and a half thousand", 2_500),
        ("1.2 bln", 1_200_000_000),
    ],
)
def test_parse_number_fractions_multipliers_and_mil(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)
