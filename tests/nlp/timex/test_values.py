"""Reading TIMEX3 values: precision, period, anchoring, and the days a value covers."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.nlp.timex.values import (
    granularity_of,
    is_anchored,
    iso_day,
    timex_days,
    unit_of_value,
)


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2025-03-20", date(2025, 3, 20), date(2025, 3, 20)),
        ("2025-03-19TNI", date(2025, 3, 19), date(2025, 3, 19)),
        ("2025-W10", date(2025, 3, 3), date(2025, 3, 9)),
        ("2025-W10-WE", date(2025, 3, 8), date(2025, 3, 9)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31)),
        ("2025-H1", date(2025, 1, 1), date(2025, 6, 30)),
        ("2024-FA", date(2024, 9, 1), date(2024, 11, 30)),
        ("2025-WI", date(2025, 1, 1), date(2025, 2, 28)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("199", date(1990, 1, 1), date(1999, 12, 31)),
    ],
)
def test_days_covered(value: str, first: date, last: date) -> None:
    assert timex_days(value) == (first, last)


@pytest.mark.parametrize(
    "value", [None, "", "XXXX-06", "PRESENT_REF", "P3D", "2025-02-30", "2025-W60"]
)
def test_no_definite_period(value: str | None) -> None:
    assert timex_days(value) is None


@pytest.mark.parametrize(
    ("value", "timex_type", "granularity"),
    [
        ("2025-03-20", "DATE", "day"),
        ("XXXX-WXX-4", "DATE", "day"),
        ("2025-W10", "DATE", "week"),
        ("2025-W10-WE", "DATE", "weekend"),
        ("XXXX-06", "DATE", "month"),
        ("2025-Q4", "DATE", "quarter"),
        ("2025-H1", "DATE", "half"),
        ("2024-FA", "DATE", "season"),
        ("2025", "DATE", "year"),
        ("199", "DATE", "decade"),
        ("2025-03-19TNI", "TIME", "part_of_day"),
        ("P3D", "DURATION", "day"),
        ("PT5H", "DURATION", "hour"),
        ("P5L", "DURATION", "millennium"),
        ("PRESENT_REF", "DATE", None),
    ],
)
def test_granularity_of(value: str, timex_type: str, granularity: str | None) -> None:
    assert granularity_of(value, timex_type) == granularity


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        ("2024-Q3", "quarter"),
        ("2024-11-21", "day"),
        ("2024-11", "month"),
        ("2024-W46", "week"),
        ("2024", "year"),
        ("2024-W46-WE", None),
        ("XXXX-11", None),
        ("2024-11-21TMO", None),
    ],
)
def test_unit_of_value(value: str, unit: str | None) -> None:
    assert unit_of_value(value) == unit


@pytest.mark.parametrize(
    ("value", "timex_type", "anchored"),
    [
        ("2024-11-21", "DATE", True),
        ("XXXX-06", "DATE", False),
        ("PAST_REF", "DATE", False),
        ("P3D", "DURATION", False),
    ],
)
def test_is_anchored(value: str, timex_type: str, anchored: bool) -> None:
    assert is_anchored(value, timex_type) is anchored


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T10:00:00Z", date(2024, 3, 5)),  # a published timestamp
        ("2024-03-05TNI", date(2024, 3, 5)),  # a TIMEX3 part of day
        ("2024-W10-2", date(2024, 3, 5)),  # a day of an ISO week
        # coarser than a day, or no real day: None, whichever module asks
        ("2024-W10", None),
        ("2024-W10-WE", None),
        ("2024-03", None),
        ("2024", None),
        ("PRESENT_REF", None),
        ("2024-02-30", None),
        ("2024-W54-1", None),
        ("2024-03-051", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_day_is_the_one_day_a_value_names(value: str | None, day: date | None) -> None:
    assert iso_day(value) == day


def test_every_iso_day_parser_is_the_one_in_values() -> None:
    """The reconciler, the brief and the charts read days through ``iso_day`` (they once
    had four copies that disagreed on "2024-W10")."""
    from sitroom.reconcile import claim_groups, event_clusters
    from sitroom.report import brief
    from sitroom.web import charts

    for module in (claim_groups, event_clusters, brief):
        assert module.iso_day is iso_day
    assert charts._day("2024-W10") is None
    assert charts._day("2024-W10-2") == date(2024, 3, 5).toordinal()
