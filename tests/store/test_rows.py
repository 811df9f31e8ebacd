"""Rows <-> records follow the dataclass fields: a new field needs a column, nothing else."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import pytest

from sitroom.store.rows import decode, encode, field_names, record_from_row


@dataclass(frozen=True, slots=True, kw_only=True)
class Sighting:
    id: int
    label: str | None
    confirmed: bool = False
    tags: tuple[str, ...] = ()
    counts: dict[str, float] = field(default_factory=dict)
    pairs: tuple[tuple[str, float], ...] = ()
    note: str | None = None  # "added later": no code lists it


def _table(conn: sqlite3.Connection) -> None:
    columns = ", ".join(f'"{name}"' for name in field_names(Sighting))
    conn.execute(f"CREATE TABLE sightings ({columns})")


@pytest.mark.issue(8)
def test_a_record_round_trips_through_its_columns() -> None:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    _table(conn)
    record = Sighting(
        id=1,
        label=None,
        confirmed=True,
        tags=("drone", "night"),
        counts={"drones": 4.0},
        pairs=(("a", 1.0), ("b", 2.0)),
        note="seen from the ridge",
    )
    names = field_names(Sighting)
    conn.execute(
        f"INSERT INTO sightings VALUES ({', '.join('?' for _ in names)})",
        [encode(getattr(record, name)) for name in names],
    )
    row = conn.execute("SELECT * FROM sightings").fetchone()
    assert record_from_row(Sighting, row) == record
    assert record_from_row(Sighting, row, note="given") == Sighting(
        **{**{n: getattr(record, n) for n in names}, "note": "given"}
    )


@pytest.mark.parametrize(
    ("hint", "stored", "expected"),
    [
        (bool, 0, False),
        (bool | None, None, None),
        (tuple[str, ...], '["x", "y"]', ("x", "y")),
        (tuple[str, ...], None, ()),
        (tuple[tuple[str, float], ...], '{"b": 2, "a": 1}', (("a", 1), ("b", 2))),
        (dict[str, float], '{"k": 1.5}', {"k": 1.5}),
        (str | None, "text", "text"),
        (int, 7, 7),
    ],
)
def test_decode_follows_the_type_hint(hint: object, stored: object, expected: object) -> None:
    assert decode(hint, stored) == expected  # type: ignore[arg-type]


def test_encode_refuses_what_sqlite_cannot_hold() -> None:
    with pytest.raises(TypeError, match="cannot store a set"):
        encode({"a"})
