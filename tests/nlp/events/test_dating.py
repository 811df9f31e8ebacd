"""Event dates read every TIMEX3 period the time extractor gives (one parser: timex_days)."""

from __future__ import annotations

import pytest

from tests.nlp.events.extracted import events_in


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Navy drones struck the depot near Sevastopol in the first quarter of 2021.", "2021-Q1"),
        ("Border guards clashed with smugglers in the second half of 2020.", "2020-H2"),
    ],
)
def test_an_old_quarter_or_half_year_dates_the_event_as_history(nlp, text: str, value: str) -> None:
    (event,) = [e for e in events_in(nlp, text, published="2024-03-14") if e.date == value]
    assert event.status == "historical"
    assert event.date_precision in {"quarter", "half"}


def test_a_period_of_this_year_dates_the_event_and_stays_news(nlp) -> None:
    text = "Russia shelled Kharkiv in the first quarter of 2024."
    events = events_in(nlp, text, published="2024-05-20")
    assert [(e.event_type, e.date, e.status) for e in events] == [("strike", "2024-Q1", "reported")]
