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


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Close to a quarter of a million refugees crossed in May.", "a quarter of a million", 250_000, None),
        ("Officials expect half million more to leave.", "half million", 500_000, None),
        ("The convoy held a 1/4 mile gap between trucks.", "1/4 mile", 0.25, "mile"),
        ("Militias hold 3/4 of the ridge.", "3/4", 0.75, None),
        ("The mill ground ½ tonne of flour a day.", "½ tonne", 0.5, "tonne per day"),
    ],
)  # fmt: skip
def test_shares_of_scale_words_and_written_fractions(
    nlp, text: str, span: str, value: float, unit: str | None
) -> None:
    claim = next(c for c in claims_of(nlp, text) if c.value is not None)
    assert (text[claim.start : claim.end].endswith(span), claim.value, claim.unit) == (
        True,
        pytest.approx(value),
        unit,
    )


def test_a_date_with_a_slash_is_not_a_fraction(nlp) -> None:
    assert claims_of(nlp, "The talks resume on 3/4 in Geneva.") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The ministry lost 8 B dollars on the contract.", 8e9, "USD"),
        ("The district received 25 lakh rupees in aid.", 2_500_000, None),
        ("The deficit widened to -$4bn last quarter.", -4e9, "USD"),
        ("The refit cost PS2.7m, the navy said.", 2_700_000, "GBP"),
        ("Border fees came to c $ 300 million a year.", 300_000_000, "CAD per year"),
        ("Imports reached hk $ 10 billion.", 10e9, "HKD"),
    ],
)
def test_scales_and_currencies_written_loosely(
    nlp, text: str, value: float, unit: str | None
) -> None:
    claim = next(c for c in claims_of(nlp, text) if c.value is not None)
    assert (claim.value, claim.unit) == (value, unit)


def test_a_games_console_is_not_pounds(nlp) -> None:
    assert all(c.unit != "GBP" for c in claims_of(nlp, "Soldiers shared a PS5 in the barracks."))


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("At noon it was 41 degrees C at the checkpoint.", 41, "celsius"),
        ("At night it fell to 20 deg f in the hills.", 20, "fahrenheit"),
        ("Water in the canal stood at 4° Celsius.", 4, "celsius"),
        ("The thermometer read 12 celcius inside the shelter.", 12, "celsius"),
        ("The pilot was a 32 yo reservist.", 32, "years old"),
        ("The foal was three weeks old when the barn burned.", 3, "weeks old"),
        ("The tractor makes 450 lb-ft of torque.", 450, "lb-ft"),
        ("The truck engine is rated at 300 PS.", 300, "PS"),
        ("The reservoir held 18 cubic kilometres of water.", 18, "km3"),
        ("Gas traded at $2.24 per mmBtu at the hub.", 2.24, "USD per mmBtu"),
    ],
)
def test_more_units(nlp, text: str, value: float, unit: str) -> None:
    claim = next(c for c in claims_of(nlp, text) if c.value is not None)
    assert (claim.value, claim.unit) == (value, unit)


def test_a_dollar_amount_with_its_country_before_a_rate_joins_a_from_to_pair(nlp) -> None:
    text = "Diesel slid from $75 U.S. per barrel to $46 by winter."
    assert values_of(nlp, text) == [(None, 46, 75)]


@pytest.mark.parametrize(
    "text",
    [
        "The new tank has a six-speed gearbox.",
        "Officers rented a three-bed flat near the base.",
        "Diplomats revived talk of a two-state solution.",
        "The envoy stayed at a four-star hotel.",
        "The sniper finished (4) in the national contest.",
        "The army ordered Leopard 2 tanks from Germany.",
        "Cargo arrived on Boeing 737 jets overnight.",
    ],
)
def test_compound_modifiers_ranks_and_model_names_are_not_counts(nlp, text: str) -> None:
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A 2,500-strong battalion reached the river.", 2500),
        ("A 300-man unit held the bridge.", 300),
        ("A five-member delegation flew in.", 5),
        ("Kyiv received 40 tanks in March.", 40),
    ],
)
def test_sizes_of_forces_and_counts_after_names_stay(nlp, text: str, value: float) -> None:
    assert [c.value for c in claims_of(nlp, text)] == [value]


@pytest.mark.parametrize(
    ("text", "unit", "what"),
    [
        ("The army fired 20,000 shells a day in June.", "per day", "shells"),
        ("Russia launched 12 drones per night over the port.", "per night", "drones"),
        ("About 300 refugees a week cross at the bridge.", "per week", "refugees"),
        ("The raid killed 12 people a day earlier.", None, "people"),
    ],
)
def test_a_count_over_a_period_is_a_rate(nlp, text: str, unit: str | None, what: str) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.unit, claim.what) == (unit, what)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The ferry ticket costs 500 CHF each way.", 500, "CHF"),
        ("The deal is valued at SEK 2 billion.", 2e9, "SEK"),
        ("A room near the port costs 400 AED per night.", 400, "AED per night"),
        ("The miners sold 6.25 BTC on Monday.", 6.25, "BTC"),
        ("The agency spent 300 MUSD on vaccines.", 300e6, "USD"),
        ("The fund lost 75 USD million last year.", 75e6, "USD"),
        ("Rent in Gdansk is 2,400 zloty a month.", 2400, "PLN per month"),
        ("A meal costs 90 baht in the market.", 90, "THB"),
        ("The fine came to 800 rand.", 800, "ZAR"),
        ("The court froze 3.4 trillion won in assets.", 3.4e12, "KRW"),
        ("The guesthouse charges 120₾ a night.", 120, "GEL per night"),
        ("The grant was 10,000 Danish kroner.", 10_000, "DKK"),
        ("Sony slipped 1.5 percent to Y=9,150.", 9150, "JPY"),
    ],
)
def test_currencies_by_code_sign_and_name(nlp, text: str, value: float, unit: str) -> None:
    claim = next(c for c in claims_of(nlp, text) if c.value == value)
    assert claim.unit == unit


def test_an_ambiguous_currency_name_stays_a_count(nlp) -> None:
    (claim,) = claims_of(nlp, "The farmer was paid 40,000 pesos for the harvest.")
    assert (claim.value, claim.unit, claim.what) == (40_000, None, "pesos")


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Bread cost 3 dollars and 50 cents in the camp.", "3 dollars and 50 cents", 3.5, "USD"),
        ("The fare is 12 euros 40 cents.", "12 euros 40 cents", 12.4, "EUR"),
        ("The toll was 15 dollars and 50.", "15 dollars and 50", 15.5, "USD"),
    ],
)
def test_an_amount_and_its_cents_are_one_claim(
    nlp, text: str, span: str, value: float, unit: str
) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.text, claim.value, claim.unit) == (span, pytest.approx(value), unit)


def test_a_count_after_an_amount_keeps_its_own_value(nlp) -> None:
    claims = claims_of(nlp, "Each crate held 20 dollars, 15 of them in coins.")
    assert [c.value for c in claims] == [20, 15]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The messaging app has 2m users in the region.", 2e6, None),
        ("The province has 1.3m people.", 1.3e6, None),
        ("The sea wall is 5m tall.", 5, "m"),
        ("She won the 400m race twice.", 400, "m"),
        ("Exports reached 12 mln tonnes.", 12e6, "tonne"),
        ("Sales hit 1.2 bln dollars.", 1.2e9, "USD"),
        ("The firm expects $1-2 billion in savings.", None, "USD"),
    ],
)
def test_more_scale_suffixes(nlp, text: str, value: float | None, unit: str | None) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.value, claim.unit) == (value, unit)


def test_a_currency_written_once_before_a_range_with_a_scale(nlp) -> None:
    assert values_of(nlp, "Repairs will cost $1-2 billion.") == [(None, 1e9, 2e9)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Shares closed at 245p in London.", 245, "pence"),
        ("Diesel rose 6p a litre.", 6, "pence per litre"),
        ("Ground floor flats are 850 sq ft.", 850, "square foot"),
        ("The plot covers 500 square feet.", 500, "square foot"),
        ("Tests found 37 micrograms per litre of lead.", 37, "μg per litre"),
        ("The recipe needs 3 tablespoons of oil.", 3, "tablespoon"),
        ("Gusts reached 25 m/s on the ridge.", 25, "m per second"),
        ("The convoy moved at 40kmph.", 40, "km/h"),
        ("Night temperatures fell to 4 C in the tents.", 4, "celsius"),
        ("Each radio runs on a 12 V battery.", 12, "V"),
    ],
)
def test_units_news_writes_loosely(nlp, text: str, value: float, unit: str) -> None:
    claim = next(c for c in claims_of(nlp, text) if c.value is not None)
    assert (claim.value, claim.unit) == (value, unit)


def test_a_video_format_is_not_a_price(nlp) -> None:
    assert claims_of(nlp, "The drone records 1080p video at night.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It was –20C in the trenches.", -20),
        ("Output fell to –0.4 per cent.", -0.4),
    ],
)
def test_an_en_dash_against_the_digits_is_a_minus(nlp, text: str, value: float) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.value == value


@pytest.mark.parametrize(
    "text",
    [
        "Clinics ran short of COVID -19 vaccines.",
        "The refinery filed for Chapter 11 protection.",
        "Investors poured money into Web 3 startups.",
        "Workers can save in a 401(k) account.",
        "The shop sells the iPhone 12 Mini model.",
        "On one hand, the truce holds.",
        "On the one hand, the truce holds.",
        "The command post streams 4K video from the drones.",
        "Fuel is the one thing the garrison lacks.",
    ],
)
def test_more_numbers_in_names_and_fillers_are_not_claims(nlp, text: str) -> None:
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("One and a half million people fled.", "One and a half million", 1.5e6, None),
        ("Two and a half thousand troops arrived.", "Two and a half thousand", 2500, None),
        ("The trench was 2 and a half metres deep.", "2 and a half metres", 2.5, "m"),
    ],
)
def test_a_whole_number_and_a_half(
    nlp, text: str, span: str, value: float, unit: str | None
) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.text, claim.value, claim.unit) == (span, value, unit)


def test_what_of_a_number_the_parser_left_without_a_head(nlp) -> None:
    claim = next(
        c
        for c in claims_of(nlp, "Half of the combined 4.3M digital and physical sales were CDs.")
        if c.value == 4.3e6
    )
    assert claim.what is not None and claim.what.endswith("sales")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The ministry cut the ration by a third.", "a third", 1 / 3),
        ("Grain exports fell by half in the spring.", "half", 0.5),
        ("Fuel stocks grew by two-thirds.", "two-thirds", 2 / 3),
    ],
)
def test_a_share_after_by_is_the_size_of_a_change(nlp, text: str, span: str, value: float) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.text, claim.value) == (span, pytest.approx(value))


def test_a_bare_number_after_and_shares_the_counted_noun(nlp) -> None:
    claims = claims_of(nlp, "The shelling killed 9 civilians and injured 14.")
    assert [(c.value, c.what) for c in claims] == [(9, "civilians"), (14, "civilians")]


def test_a_magnitude_is_kept_and_energy_prices_take_words(nlp) -> None:
    assert [c.value for c in claims_of(nlp, "A 5.8-magnitude quake shook the valley.")] == [5.8]
    (price,) = claims_of(nlp, "Power traded at €210 per megawatt hour in Kyiv.")
    assert price.unit == "EUR per MWh"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The village elder died aged 81.", 81, "years old"),
        ("She enlisted at age 19.", 19, "years old"),
        ("Output grew 4 pct in May.", 4, "percent"),
        ("The central bank raised rates by 50bp.", 50, "basis point"),
        ("A 25 basis-point cut is priced in.", 25, "basis point"),
    ],
)
def test_ages_after_aged_and_percent_and_basis_point_short_forms(
    nlp, text: str, value: float, unit: str
) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.value, claim.unit) == (value, unit)


def test_superscript_digits_are_no_age_and_no_crash(nlp) -> None:
    # "1¹" passes str.isdigit() but not int(): a footnote mark, not a number to read as an age.
    from sitroom.nlp.extract import doc_to_records

    text = "Olena Kovalenko, 1¹, said the shelling lasted 40 minutes."
    extraction = doc_to_records(nlp(text), article_id="s1", published="2024-05-01")
    assert extraction.failures == ()
    assert all(text[c.start : c.end] == c.text for c in extraction.claims)


@pytest.mark.parametrize(
    "text",
    [
        "The files sat on the Windows 10 C drive of the laptop.",
        "Units of Group 2 C Company held the ridge.",
        "The Type 2 C Charger ships with the radio.",
        "The ceasefire began on May 5 C time.",
    ],
)
def test_a_capital_letter_after_a_name_number_is_no_unit(nlp, text: str) -> None:
    assert [c.unit for c in claims_of(nlp, text)] == []


def test_a_west_longitude_is_not_watts(nlp) -> None:
    claims = claims_of(nlp, "The ship was last seen at 44 N 33 E, then 34 W of the cape.")
    assert "W" not in [c.unit for c in claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At noon it was 31 C/88 F in the shade.", [(31, "celsius"), (88, "fahrenheit")]),
        ("Convert 20 C to fahrenheit for the report.", [(20, "celsius")]),
        ("The forecast high is 30 C today.", [(30, "celsius")]),
    ],
)
def test_spaced_temperature_symbols(nlp, text: str, expected: list[tuple[float, str]]) -> None:
    assert [(c.value, c.unit) for c in claims_of(nlp, text)] == expected


def test_a_unit_written_at_the_first_end_of_a_between_range(nlp) -> None:
    (claim,) = claims_of(nlp, "Nights in the camp stay between 40 F and 50 all winter.")
    assert (claim.low, claim.high, claim.unit) == (40, 50, "fahrenheit")


def test_a_rate_written_at_the_first_end_of_a_from_to_pair(nlp) -> None:
    (claim,) = claims_of(nlp, "Urals crude fell from $92 per barrel to $81.")
    assert (claim.low, claim.high, claim.unit) == (81, 92, "USD per barrel")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He will be 35 by the end of the year.", 35),
        ("She turned 40 last week.", 40),
        ("Life expectancy in the region is around 68.", 68),
        ("The average age of the recruits is 23.", 23),
    ],
)
def test_an_age_after_be_or_turn(nlp, text: str, value: float) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.value, claim.unit) == (value, "years old")


@pytest.mark.parametrize(
    "text", ["The toll was 35 by Friday.", "It will be 35 by the end of the year."]
)
def test_a_level_after_be_is_no_age(nlp, text: str) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.unit is None


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Colonel Hrytsenko will be 61 in May.", None),
        ("The gauge read 68 F and the bunker 20 C.", None),
    ],
)
def test_a_time_phrase_or_a_letter_is_not_what_is_counted(nlp, text: str, what: str | None) -> None:
    assert claims_of(nlp, text)[-1].what == what


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("A neutron star packs about 2×10−30 kilograms per grain.", 2e-30, "kg"),
        ("Radio waves travel at 3×10⁸ m/s.", 3e8, "m per second"),
        ("The sample held 6.02 x 10^23 atoms.", 6.02e23, None),
    ],
)
def test_scientific_notation_is_one_number(nlp, text: str, value: float, unit: str | None) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_sub_before_a_number_is_a_bound(nlp) -> None:
    (claim,) = claims_of(nlp, "The plant will make sub-5 nanometre chips.")
    assert (claim.text, claim.value, claim.bound, claim.unit) == (
        "sub-5 nanometre",
        5,
        "less than",
        "nm",
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The farmer repaid Rs 12,34,567.89 to the bank.", 1_234_567.89),
        ("Each family received 1,50,000 rupees in aid.", 150_000),
    ],
)
def test_the_indian_grouping_of_digits(nlp, text: str, value: float) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.value == value


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The pipeline carries 55 billion cubic metres of gas a year.", "m3 per year"),
        ("The port shipped 200,000 tonnes of grain a month.", "tonne per month"),
        ("The mill burned 300 tonnes of coal a day earlier.", "tonne"),
        ("The depot held 12.5 tonnes of fuel.", "tonne"),
    ],
)
def test_a_measure_of_a_material_over_a_period_is_a_rate(nlp, text: str, unit: str) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.unit == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gold rose $12 to $1,950 an ounce.", [(12, None, None), (1950, None, None)]),
        ("Shares fell 15p to 245p at the open.", [(15, None, None), (245, None, None)]),
        ("Prices rose $10 to $20 a tonne.", [(None, 10, 20)]),
        ("Wages rose 10 to 20 percent.", [(None, 10, 20)]),
    ],
)
def test_a_move_and_the_level_it_reached_are_not_a_range(
    nlp, text: str, expected: list[tuple[float | None, float | None, float | None]]
) -> None:
    assert values_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    ["Rainfall reached 150mm in 24 hours.", "The bond traded at 245p in early trading."],
)
def test_a_time_unit_after_in_is_not_what_a_measure_counts(nlp, text: str) -> None:
    assert claims_of(nlp, text)[0].what is None


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("The brigade needs between 1.5m and 2m shells.", 1.5e6, 2e6, None),
        ("The wall is 2m to 3m high.", 2, 3, "m"),
        ("The trench is 1.5m-2m deep.", 1.5, 2, "m"),
        ("The detour is 5km-10km long.", 5, 10, "km"),
    ],
)
def test_ranges_with_attached_units_or_scales(
    nlp, text: str, low: float, high: float, unit: str | None
) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.low, claim.high, claim.unit) == (low, high, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The drone camera records at 60fps.", 60, "fps"),
        ("The rugged phone has a 48MP camera.", 48, "MP"),
        ("The courier rides a 125cc scooter.", 125, "cc"),
        ("The grid lost 12 TWh of supply.", 12, "TWh"),
        ("Each battery pack stores 74Wh.", 74, "Wh"),
        ("The probe is 4 light years from the star.", 4, "light year"),
        ("The sight offers 4x magnification.", 4, "times"),
    ],
)
def test_more_units_of_tech_and_science_news(nlp, text: str, value: float, unit: str) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(
    "text", ["The unit drove a 4x4 pickup.", "Twelve MP voted for the bill today."]
)
def test_an_x_between_numbers_and_a_spaced_mp_are_no_units(nlp, text: str) -> None:
    assert [c.unit for c in claims_of(nlp, text) if c.unit is not None] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The chipmaker earned NT$5bn in the quarter.", 5e9, "TWD"),
        ("A bus ticket costs S$2.", 2, "SGD"),
        ("The dairy deal is worth NZ$40m.", 40e6, "NZD"),
        ("The county paid KSh 100m for the road.", 100e6, "KES"),
        ("The fare is us$ 5 each way.", 5, "USD"),
    ],
)
def test_dollars_and_shillings_named_by_their_prefix(
    nlp, text: str, value: float, unit: str
) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Support for the mayor rose 2pp on the month.", 2), ("The lead grew 3 ppts.", 3)],
)
def test_pp_and_ppts_are_percentage_points(nlp, text: str, value: float) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.value, claim.unit) == (value, "percentage point")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The blast wall is 10 m high.", 10, "m"),
        ("The shelter lies 30 m underground.", 30, "m"),
        ("About 2 m people lost power.", 2e6, None),
        ("Sales reached 5 m in 2020.", 5, None),
    ],
)
def test_a_spaced_m_is_metres_before_a_size_and_millions_before_a_count(
    nlp, text: str, value: float, unit: str | None
) -> None:
    (claim,) = claims_of(nlp, text)
    assert (claim.value, claim.unit) == (value, unit)


def test_what_money_buys_follows_worth_of(nlp) -> None:
    (claim,) = claims_of(nlp, "The allies sent $2.5 billion-worth of shells.")
    assert (claim.value, claim.what) == (2.5e9, "shells")
