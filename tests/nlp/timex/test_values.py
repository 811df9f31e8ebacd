"""TIMEX3 values to the days they cover, for ordering and filtering events by date."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.nlp.timex.values import timex_days


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


@pytest.mark.parametrize("value", [None, "", "XXXX-06", "PRESENT_REF", "P3D", "2025-02-30", "2025-W60"])
def test_no_definite_period(value: str | None) -> None:
    assert timex_days(value) is None
