"""Time expressions: spans, TIMEX3 values against a published date, tense from the real parse."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.nlp.timex.extract import extract_timexes, find_timexes, timex_spans
from sitroom.nlp.timex.lexicon import MONTH, MONTH_NAMES, MONTH_WORDS, WEEKDAY_NAMES
from sitroom.records import Timex

# A Thursday: weekday and week arithmetic below depend on it.
DCT = "2024-11-21"


def _only(text: str, expected: str, *, published: str | None = DCT):
    """The one match whose text is ``expected``, after checking every span's provenance."""
    found = find_timexes(text, published=published)
    for t in found:
        assert text[t.start : t.end] == t.text
    hits = [t for t in found if t.text == expected]
    assert hits, f"{expected!r} not found in {[t.text for t in found]}"
    return hits[0]


# fmt: off
RESOLVED = [  # (text, expected span, type, value with published=DCT, granularity)
    ("Missiles hit the port on November 21, 2024, officials said.", "November 21, 2024", "DATE", "2024-11-21", "day"),
    ("The convoy left on 21 November 2024 at dawn.", "21 November 2024", "DATE", "2024-11-21", "day"),
    ("The ministry report is dated 2024-11-19.", "2024-11-19", "DATE", "2024-11-19", "day"),
    ("The order was signed 11/18/2024 in the capital.", "11/18/2024", "DATE", "2024-11-18", "day"),
    ("Troops crossed the river on Nov. 19 under fire.", "Nov. 19", "DATE", "2024-11-19", "day"),
    ("The bridge was first built in 1944 by engineers.", "1944", "DATE", "1944", "year"),
    ("The border was redrawn in the 1990s after independence.", "the 1990s", "DATE", "199", "decade"),
    ("Elections are planned for March 2025 if fighting stops.", "March 2025", "DATE", "2025-03", "month"),
    ("The fortress dates from the 17th century.", "the 17th century", "DATE", "16", "century"),
    ("Sirens sounded at 3 p.m. across the region.", "3 p.m.", "TIME", "2024-11-21T15:00", "minute"),
    ("The strike came at 0300 GMT near the airfield.", "0300 GMT", "TIME", "2024-11-21T03:00Z", "minute"),
    ("Drones attacked the depot Thursday morning.", "Thursday morning", "DATE", "2024-11-21TMO", "part_of_day"),
    ("Shelling resumed yesterday in the east.", "yesterday", "DATE", "2024-11-20", "day"),
    ("The envoy arrives tomorrow for talks.", "tomorrow", "DATE", "2024-11-22", "day"),
    ("Officials will brief reporters tonight.", "tonight", "TIME", "2024-11-21TNI", "part_of_day"),
    ("Power was cut last month in three regions.", "last month", "DATE", "2024-10", "month"),
    ("Parliament debated the aid bill this week.", "this week", "DATE", "2024-W47", "week"),
    ("The alliance plans a summit next year in the capital.", "next year", "DATE", "2025", "year"),
    ("The offensive began last June with heavy losses.", "last June", "DATE", "2024-06", "month"),
    ("Counterattacks stalled by mid-October as rain fell.", "mid-October", "DATE", "2024-10", "month"),
    ("Deliveries are expected in early 2025 at the latest.", "early 2025", "DATE", "2025", "year"),
    ("The front barely moved late last year.", "late last year", "DATE", "2023", "year"),
    ("Two villages changed hands over the weekend.", "the weekend", "DATE", "2024-W46-WE", "weekend"),
    ("The general was dismissed earlier this year.", "earlier this year", "DATE", "2024", "year"),
    ("The hospital was struck two days ago.", "two days ago", "DATE", "2024-11-19", "day"),
    ("Casualties doubled over the past three years.", "the past three years", "DURATION", "P3Y", "year"),
    ("The city was besieged for 18 months before it fell.", "18 months", "DURATION", "P18M", "month"),
    ("They signed a three-year security pact.", "three-year", "DURATION", "P3Y", "year"),
    ("Rescue crews worked for 24 hours straight.", "24 hours", "DURATION", "PT24H", "hour"),
    ("Talks dragged on for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", "month"),
    ("Air-raid alerts sound daily in the capital.", "daily", "SET", "P1D", "day"),
    ("Inspectors visit the plant every week.", "every week", "SET", "P1W", "week"),
    ("The power plant is now under occupation.", "now", "DATE", "PRESENT_REF", None),
    ("Mobilisation was recently extended.", "recently", "DATE", "PAST_REF", None),
    ("Nobody can predict the future of the region.", "the future", "DATE", "FUTURE_REF", None),
    ("Arms exports fell in the third quarter.", "the third quarter", "DATE", "2024-Q3", "quarter"),
    ("A new offensive is feared this summer.", "this summer", "DATE", "2024-SU", "season"),
    ("Parades are held on Victory Day each year.", "Victory Day", "DATE", "2024-05-09", "day"),
    ("Drones hit the grid overnight, officials said.", "overnight", "TIME", "2024-11-20TNI", "part_of_day"),
    ("The war passed 1,000 days this week.", "1,000 days", "DURATION", "P1000D", "day"),
    ("The town held out for a year and a half.", "a year and a half", "DURATION", "P1Y6M", "month"),
    ("Markets ended the day lower after the strike.", "the day", "DATE", "2024-11-21", "day"),
    ("The port has not been this quiet since '82.", "'82", "DATE", "1982", "year"),
    ("Songs from the '80s played at the rally.", "the '80s", "DATE", "198", "decade"),
    ("Output fell in the past quarter, officials said.", "the past quarter", "DATE", "2024-Q3", "quarter"),
    ("The lease runs until October of next year.", "October of next year", "DATE", "2025-10", "month"),
    ("Drone output doubled in Q3 2024, the ministry said.", "Q3 2024", "DATE", "2024-Q3", "quarter"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected", "timex_type", "value", "granularity"), RESOLVED)
def test_find_timexes_resolves_against_published_date(
    text, expected, timex_type, value, granularity
):
    t = _only(text, expected)
    assert (t.timex_type, t.value, t.granularity) == (timex_type, value, granularity)
    assert t.anchored == (
        timex_type in ("DATE", "TIME") and "X" not in value and not value.endswith("_REF")
    )


@pytest.mark.parametrize(
    ("text", "expected", "value"),
    [
        ("The envoy arrived on Thursday.", "Thursday", "XXXX-WXX-4"),
        ("Grain exports resumed in June.", "June", "XXXX-06"),
        ("Losses were heavy last year.", "last year", "XXXX"),
        ("Shelling resumed yesterday.", "yesterday", "XXXX-XX-XX"),
        ("The vote is due on Nov. 30.", "Nov. 30", "XXXX-11-30"),
        ("The bridge opened in 1944.", "1944", "1944"),
        ("The treaty was signed on February 29.", "February 29", "XXXX-02-29"),
    ],
)
def test_without_published_date_relative_values_stay_unresolved(text, expected, value):
    t = _only(text, expected, published=None)
    assert t.value == value
    assert t.anchored is ("X" not in value)


@pytest.mark.parametrize(
    "text",
    [
        "The ministers may meet again, officials said.",
        "The brigade lost some 2000 soldiers in the assault.",
        "A 6-year-old boy was pulled from the rubble.",
        "The region imports three-quarters of its fuel.",
        "Aid will flow as soon as the corridor opens.",
        "Forces fired 1,944 shells and 12 missiles.",
    ],
)
def test_non_time_expressions_are_left_alone(text):
    assert find_timexes(text, published=DCT) == []


def test_a_year_earlier_follows_the_quarter_in_focus():
    text = "Revenue rose in the third quarter, compared with a year earlier. A year ago it fell."
    found = {t.text: t.value for t in find_timexes(text, published=DCT)}
    assert found["the third quarter"] == "2024-Q3"
    assert found["a year earlier"] == "2023-Q3"
    assert found["A year ago"] == "2023-Q3"  # does not drift to 2022 off the previous anaphor


def test_february_29_resolves_to_the_leap_year():
    found = _only("The treaty was signed on February 29.", "February 29", published="2024-07-01")
    assert found.value == "2024-02-29"


def test_weekday_without_tense_takes_the_nearest_day():
    # DCT is a Thursday: Tuesday is two days back, Saturday two days ahead.
    assert _only("Strikes hit the grid Tuesday.", "Tuesday").value == "2024-11-19"
    assert _only("Strikes hit the grid Saturday.", "Saturday").value == "2024-11-23"


def test_timex_spans_cover_years_but_not_counts():
    text = "In 2023, troops fired 1,200 drones and 300 shells on Nov. 5."
    spans = timex_spans(text)
    assert [text[s:e] for s, e in spans] == ["2023", "Nov. 5"]


# ---------------------------------------------------------------- through the real spaCy pipeline

FRIDAY = "2024-11-22"


@pytest.mark.parametrize(
    ("text", "expected", "value"),
    [
        ("The defence ministers met on Thursday in Brussels.", "Thursday", "2024-11-21"),
        ("The defence ministers will meet on Thursday in Brussels.", "Thursday", "2024-11-28"),
        ("Russian forces struck the substation on Monday.", "Monday", "2024-11-18"),
        ("The delegation is going to fly out on Monday.", "Monday", "2024-11-25"),
        ("The parliament approved the budget on March 30.", "March 30", "2024-03-30"),
        ("The parliament will vote on the budget on March 30.", "March 30", "2025-03-30"),
    ],
)
def test_extract_timexes_uses_the_sentence_tense(nlp, text, expected, value):
    doc = nlp(text)
    found = extract_timexes(doc, article_id="a1", published=FRIDAY)
    hits = [t for t in found if t.text == expected]
    assert hits and hits[0].value == value


def test_extract_timexes_returns_records_with_provenance(nlp):
    text = (
        "KYIV — Air defences shot down 30 drones overnight, the air force said on Sunday.\n\n"
        "Officials said the attacks had intensified over the past two weeks and that repairs "
        "would take until early December. In 2022 the same plant was hit twice."
    )
    doc = nlp(text)
    found = extract_timexes(doc, article_id="art-7", published="2024-11-25")
    assert all(isinstance(t, Timex) and t.article_id == "art-7" for t in found)
    assert all(text[t.start : t.end] == t.text for t in found)
    by_text = {t.text: t for t in found}
    assert by_text["Sunday"].value == "2024-11-24"
    assert by_text["the past two weeks"].value == "P2W"
    assert by_text["early December"].value == "2024-12"
    assert by_text["2022"].value == "2022" and by_text["2022"].granularity == "year"
    assert "30" not in by_text


# ---------------------------------------------------------------- robustness

_WORDS = [
    "on", "Thursday", "Nov.", "21", ",", "2024", "last", "week", "the", "past", "three",
    "years", "at", "3", "p.m.", "Feb", "29", "a", "year", "earlier", "quarter", "third",
    "-", "1,000", "days", "ago", "May", "may", "overnight", "into", "every", "1990s", "'",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=25),
    published=st.sampled_from([None, "2024-02-29", "2023-12-31", "2024-01-01"]),
)
def test_any_mix_of_date_words_gives_consistent_spans(words, published):
    text = " ".join(words)
    found = find_timexes(text, published=published)
    assert [(t.start, t.end) for t in found] == timex_spans(text)
    for before, after in pairwise(found):
        assert before.end <= after.start
    for t in found:
        assert text[t.start : t.end] == t.text and t.value
        assert t.timex_type in ("DATE", "TIME", "DURATION", "SET")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Patrols went out each morning.", "XXXX-XX-XXTMO"),
        ("Talks resumed every afternoon.", "XXXX-XX-XXTAF"),
    ],
)
def test_recurring_part_of_day_is_a_set(text: str, value: str) -> None:
    # Regression: "each morning" raised KeyError in the unit table (parts of day are not units).
    (match,) = find_timexes(text, published="2025-03-14")
    assert (match.timex_type, match.value) == ("SET", value)
    assert text[match.start : match.end] == match.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The school had been closed since the autumn.", "2024-FA"),
        ("The offensive will resume in the summer.", "2025-SU"),
    ],
)
def test_bare_season_follows_the_tense(nlp, text: str, value: str) -> None:
    (timex,) = extract_timexes(nlp(text), article_id="a", published="2025-03-12")
    assert timex.value == value and text[timex.start : timex.end] == timex.text


def test_calendar_names_come_from_one_table() -> None:
    assert MONTH_NAMES <= MONTH_WORDS
    assert {"sept", "sept.", "jan."} <= MONTH_WORDS
    assert len(MONTH_NAMES) == 12 and len(WEEKDAY_NAMES) == 7
    for word in ("Sept.", "Sep", "June", "Jun."):
        assert re.fullmatch(MONTH, word), word


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The wall went up half a millennium ago.", "half a millennium ago", "1524"),
        ("The wall went up a millennium ago.", "a millennium ago", "1024"),
        ("The wall went up two millennia ago.", "two millennia ago", "0024"),
        ("The wall went up three millennia ago.", "three millennia ago", "PAST_REF"),
        ("The bridge opened half a century ago.", "half a century ago", "1974"),
        ("The bridge opened two centuries ago.", "two centuries ago", "1824"),
        ("The bridge opened four decades ago.", "four decades ago", "1984"),
        ("The bridge opened 99999 years ago.", "99999 years ago", "PAST_REF"),
        ("The bridge opened 9999999 days ago.", "9999999 days ago", "PAST_REF"),
        ("The depot burned two weeks ago.", "two weeks ago", "2024-11-07"),
        ("The depot burned 3 quarters ago.", "3 quarters ago", "2024-Q1"),
        ("Crews return several millennia later.", "several millennia later", "FUTURE_REF"),
    ],
)
def test_n_units_ago_for_every_unit(text: str, expression: str, value: str) -> None:
    assert _only(text, expression).value == value


@pytest.mark.issue(12)
def test_centuries_earlier_count_back_from_the_date_in_focus() -> None:
    text = "The fort fell on March 3, 2020. A century earlier it had burned."
    assert _only(text, "A century earlier").value == "1920-03-03"


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The wall went up half a millennium ago.", "half a millennium ago", "XXXX"),
        ("The depot burned two weeks ago.", "two weeks ago", "XXXX-XX-XX"),
    ],
)
def test_n_units_ago_without_a_published_date(text: str, expression: str, value: str) -> None:
    assert _only(text, expression, published=None).value == value


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The depot was rebuilt from 2009 to 2011.", [("2009", "2009"), ("2011", "2011")]),
        (
            "Shelling went on between March and May 2022 near the dam.",
            [("March", "2022-03"), ("May 2022", "2022-05")],
        ),
        (
            "Frost lasted from December to February 2021 in the hills.",
            [("December", "2020-12"), ("February 2021", "2021-02")],
        ),
        # no tense in plain text: each bare month is the nearest to the published date
        (
            "The army holds the bridge from January to March.",
            [("January", "2025-01"), ("March", "2025-03")],
        ),
    ],
)
def test_ranges_are_two_dates_the_first_taking_the_second_year(
    text: str, values: list[tuple[str, str]]
) -> None:
    assert [(t.text, t.value) for t in find_timexes(text, published=DCT)] == values


@pytest.mark.issue(11)
def test_may_and_march_as_verbs_after_to_are_not_months() -> None:
    assert find_timexes("Veterans may march to May Square.", published=DCT) == []


@pytest.mark.issue(11)
def test_the_week_of_a_day_is_its_iso_week() -> None:
    found = find_timexes("Talks are set for the week of March 6, 2023.", published=DCT)
    assert [(t.text, t.timex_type, t.value) for t in found] == [
        ("the week of March 6, 2023", "DATE", "2023-W10")
    ]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "The envoys meet on April 24 and 25 in Vienna.",
            [("April 24", "2024-04-24"), ("25", "2024-04-25")],
        ),
        ("Polls stay open May 3 to 9.", [("May 3", "2024-05-03"), ("9", "2024-05-09")]),
        ("On May 3 and 25 people were hurt.", [("May 3", "2024-05-03")]),
        ("On May 3 and 25% of voters stayed home.", [("May 3", "2024-05-03")]),
    ],
)
def test_a_bare_day_ends_a_range_of_days(text: str, values: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in find_timexes(text, published=DCT)] == values


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a fiscal quarter is named for the calendar quarter holding most of its days
        (
            "The miner lost money in the quarter ended Sept. 30, against a profit a year earlier.",
            [("the quarter", "2024-Q3"), ("Sept. 30", "2024-09-30"), ("a year earlier", "2023-Q3")],
        ),
        (
            "The retailer said the quarter ended July 31 was its weakest.",
            [("the quarter", "2024-Q2"), ("July 31", "2024-07-31")],
        ),
        (
            "Revenue for the quarter ending Jan. 31, 2025, should rise.",
            [("the quarter", "2024-Q4"), ("Jan. 31, 2025", "2025-01-31")],
        ),
    ],
)
def test_the_quarter_ended_a_day_is_named_by_that_day(
    text: str, values: list[tuple[str, str]]
) -> None:
    assert [(t.text, t.value) for t in find_timexes(text, published=DCT)] == values


@pytest.mark.issue(11)
def test_the_day_a_duration_ended_stays_the_reference() -> None:
    text = "Net income for the six months ended Aug. 12 fell from a year earlier."
    assert [(t.text, t.value) for t in find_timexes(text, published=DCT)] == [
        ("the six months", "P6M"),
        ("Aug. 12", "2024-08-12"),
        ("a year earlier", "2023-08-12"),
    ]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "expression", "timex_type", "value"),
    [
        # fractions of a unit: a whole number of years, else of months
        ("The dam was finished a quarter century ago.", "a quarter century ago", "DATE", "1999"),
        ("The pact ended a decade and a half ago.", "a decade and a half ago", "DATE", "2009"),
        (
            "The mine closed two and a half years ago.",
            "two and a half years ago",
            "DATE",
            "2021-09",
        ),
        ("A truce was tried a year and a half ago.", "a year and a half ago", "DATE", "2022-09"),
        ("The dynasty ruled for half a century.", "half a century", "DURATION", "P50Y"),
        (
            "The abbey stood for a millennium and a half.",
            "a millennium and a half",
            "DURATION",
            "P1500Y",
        ),
        ("The siege lasted a quarter-century.", "a quarter-century", "DURATION", "P25Y"),
        (
            "The shelling stopped for a quarter of an hour.",
            "a quarter of an hour",
            "DURATION",
            "PT15M",
        ),
        # "one day" after a modal is a time to come, not a day's length
        ("Refugees hope the town could one day be rebuilt.", "one day", "DATE", "FUTURE_REF"),
        ("The truce held for one day only.", "one day", "DURATION", "P1D"),
    ],
)
def test_fractions_of_units_and_one_day(
    text: str, expression: str, timex_type: str, value: str
) -> None:
    found = _only(text, expression, published="2024-03-20")
    assert (found.timex_type, found.value) == (timex_type, value)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a capitalized season before a capitalized word is a name, not a season
        ("A film about the Winter War opened in Helsinki.", []),
        ("Athletes left for the Summer Games.", []),
        ("The winter was harsh for the garrison.", [("The winter", "2024-WI")]),
        # a bare day number after "or" ends a range of days, like after "and"
        (
            "Officials expect the vote on December 14 or 15.",
            [("December 14", "2024-12-14"), ("15", "2024-12-15")],
        ),
        # a year run into the next sentence ("in 2008.15 years") is no 2008-year duration
        ("The pledge dates from 2008.15 years have passed since.", []),
    ],
)
def test_names_run_on_text_and_day_alternatives(text: str, values: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in find_timexes(text, published=DCT)] == values


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "Today" naming a programme or a paper is no date
        ("The minister told the BBC's Today programme he was hopeful.", []),
        ("An op-ed in USA Today argued for more aid.", []),
        ("Read more in the Today newsletter.", []),
        ("Today, the convoy reached the city.", [("Today", "2024-11-21")]),
        ("The envoy said today that talks resume.", [("today", "2024-11-21")]),
    ],
)
def test_today_as_a_name_is_no_date(text: str, values: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in find_timexes(text, published=DCT)] == values


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # a plural unit counts no units: "a years-long decline" is not one year
        ("The ties suffered a years-long decline.", "a years-long", "PXY"),
        ("The clans ended a decades-long feud.", "a decades-long", "PXE"),
        ("The months-long siege broke the city.", "months-long", "PXM"),
        ("A year-long truce followed.", "A year-long", "P1Y"),
    ],
)
def test_long_adjectives_of_plural_units_are_vague_durations(
    text: str, expression: str, value: str
) -> None:
    found = _only(text, expression)
    assert (found.timex_type, found.value) == ("DURATION", value)


@pytest.mark.issue(11)
@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "text",
    [
        "It happened a year ago.",
        "The talks resume next week.",
        "Shelling went on last night and last month.",
        "Crews return next Monday.",
    ],
)
def test_published_dates_at_the_calendar_edges_leave_the_text_unanchored(
    text: str, published: str
) -> None:
    """Broken metadata ("0001-01-01") must not crash the resolver: no anchor, no value."""
    found = find_timexes(text, published=published)
    assert found
    assert not any(t.anchored for t in found)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        # anaphoric days count from the day last mentioned, not from the published date
        (
            "The bridge was hit on March 3, 2024. The next day, engineers arrived.",
            [("March 3, 2024", "2024-03-03"), ("The next day", "2024-03-04")],
        ),
        (
            # (plain text has no tense: Feb. 10 is the nearest one, 2025)
            "The town fell on Feb. 10; the day before, the garrison had fled.",
            [("Feb. 10", "2025-02-10"), ("the day before", "2025-02-09")],
        ),
        (
            "The envoy landed on Oct. 7 and left the following morning.",
            [("Oct. 7", "2024-10-07"), ("the following morning", "2024-10-08TMO")],
        ),
        (
            "Talks opened on March 3, 2024. The following week, both sides walked out.",
            [("March 3, 2024", "2024-03-03"), ("The following week", "2024-W10")],
        ),
        # no day in focus: unresolved rather than a guess from the published date
        ("The next day was quiet along the river.", [("The next day", "XXXX-XX-XX")]),
        # "the day before the vote" names its own anchor: not this rule's
        ("Crowds gathered the day before the vote.", []),
    ],
)
def test_next_day_and_following_week_count_from_the_day_in_focus(
    text: str, values: list[tuple[str, str]]
) -> None:
    assert [(t.text, t.value) for t in find_timexes(text, published=DCT)] == values


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "a quarter" is a fraction unless a word of time comes before it
        ("Around a quarter of voters agreed with the plan.", []),
        ("Support rose from a quarter in 2015.", [("2015", "2015")]),
        ("Profits doubled in a quarter.", [("a quarter", "P1Q")]),
        # digits with "and a half"
        ("The convoy waited 2 and a half hours.", [("2 and a half hours", "PT2H30M")]),
    ],
)
def test_a_quarter_as_a_fraction_and_digits_and_a_half(
    text: str, values: list[tuple[str, str]]
) -> None:
    assert [(t.text, t.value) for t in find_timexes(text, published=DCT)] == values


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Shelling eased in the early summer, officials said.", "the early summer", "2024-SU"),
        ("Roads froze in the late autumn.", "the late autumn", "2024-FA"),
    ],
)
def test_an_edge_word_inside_a_season(text: str, expression: str, value: str) -> None:
    assert _only(text, expression).value == value
