"""Exports: JSON Lines, CSV (BOM, quoting, formula-safe), ACLED-style CSV and PLOVER JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sitroom.export.events import ACLED_COLUMNS, CSV_COLUMNS, export_events, safe_cell
from sitroom.reconcile import EventRow


def _row(i: int, **kw) -> EventRow:
    base = {
        "id": i,
        "article_id": "a1",
        "start": 0,
        "end": 30,
        "text": 'Russia struck Odesa, "officials" said.',
        "event_type": "strike",
        "plover": "ASSAULT",
        "actor": "Russia",
        "target": "Odesa",
        "place": "Odesa",
        "date": "2025-03-09",
        "status": "reported",
        "claimant": None,
        "outlet": "Daily Ledger",
        "published": "2025-03-10",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Air/drone strike",
        "weapons": ("drone",),
        "quantities": (("killed", 4.0),),
    }
    base.update(kw)
    return EventRow(**base)


def _export(rows, fmt: str, places=None) -> str:
    buf = io.StringIO()
    export_events(rows, buf, format=fmt, places=places)
    return buf.getvalue()


def test_csv_has_bom_quotes_and_neutralized_formulas() -> None:
    text = _export(
        [_row(1, actor='=HYPERLINK("http://x")', text="@SUM(A1) line\nbreak, comma")], "csv"
    )
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["actor"].startswith("'=")
    assert record["text"] == "'@SUM(A1) line\nbreak, comma"
    assert json.loads(record["quantities"]) == {"killed": 4.0}


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\tx"])
def test_safe_cell_prefixes_formula_starts(value: str) -> None:
    assert safe_cell(value) == "'" + value


def test_safe_cell_leaves_numbers_and_text() -> None:
    assert safe_cell(-5) == -5 and safe_cell("Odesa") == "Odesa"


def test_acled_csv_columns_and_uncoded_types_left_out() -> None:
    rows = [
        _row(1),
        _row(
            2,
            event_type="meeting",
            plover="CONSULT",
            acled_event_type=None,
            acled_sub_event_type=None,
        ),
    ]
    text = _export(rows, "acled", places={"Odesa": ("UA", 46.48, 30.72)})
    table = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(table[0].keys()) == ACLED_COLUMNS
    assert len(table) == 1
    row = table[0]
    assert (
        row["event_type"] == "Explosions/Remote violence"
        and row["sub_event_type"] == "Air/drone strike"
    )
    assert row["actor1"] == "Russia" and row["iso"] == "UA" and float(row["latitude"]) == 46.48
    assert row["fatalities"] == "4" and row["disorder_type"] == "Political violence"


def test_plover_json_and_jsonl() -> None:
    plover = json.loads(_export([_row(1, status="claimed", claimant="Kyiv officials")], "plover"))
    assert plover[0]["event_type"] == "ASSAULT" and plover[0]["context"] == ["claimed"]
    assert plover[0]["actor"] == "Russia" and plover[0]["recipient"] == "Odesa"
    lines = _export([_row(1), _row(2)], "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        _export([], "xlsx")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled", "plover"])
def test_every_format_carries_corroboration(fmt: str) -> None:
    buf = io.StringIO()
    export_events([_row(1), _row(2)], buf, format=fmt, corroboration={1: 3})
    text = buf.getvalue().removeprefix("\ufeff")
    if fmt == "jsonl":
        values = [json.loads(line)["corroboration"] for line in text.splitlines()]
    elif fmt == "plover":
        values = [event["corroboration"] for event in json.loads(text)]
    else:
        values = [row["corroboration"] for row in csv.DictReader(io.StringIO(text))]
    # An event outside every stored cluster gets a blank, never a guessed count.
    assert values == ([3, None] if fmt in {"jsonl", "plover"} else ["3", ""])


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_jsonl_and_csv_carry_confidence_with_csv_columns_appended(fmt: str) -> None:
    text = _export([_row(1, confidence=0.65), _row(2)], fmt)
    if fmt == "jsonl":
        values = [json.loads(line)["confidence"] for line in text.splitlines()]
        assert values == [0.65, 1.0]
        return
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    # A column added later goes last: the earlier ones keep their places (text, then the
    # corroboration of issue 10).
    assert rows[0][-3:] == ["text", "corroboration", "confidence"]
    assert [r[-1] for r in rows[1:]] == ["0.65", "1.0"]
