"""The `sitroom extract` contract: its fields come from the records and match the README."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from sitroom.export.contract import (
    CONTRACT_EXCLUDED,
    CONTRACT_FIELDS,
    RECORD_TYPES,
    extraction_rows,
)
from sitroom.records import Claim, Event, Extraction, Mention, Place, Quote, Timex

README = Path(__file__).resolve().parents[2] / "README.md"


def _extraction() -> Extraction:
    span = {"article_id": "a1", "start": 15, "end": 17, "text": "40"}
    return Extraction(
        article_id="a1",
        mentions=(Mention(**span, label="GPE", entity="Odesa"),),
        quotes=(Quote(**span, kind="indirect"),),
        claims=(Claim(**span, value=40.0),),
        timexes=(Timex(**span, timex_type="DATE", value="XXXX-WXX-1"),),
        places=(Place(**span, name="Odesa", kind="city"),),
        events=(Event(**span, event_type="strike", plover="ASSAULT", weapons=("drone",)),),
    )


def test_contract_fields_are_the_records_fields() -> None:
    for kind, (record, _) in RECORD_TYPES.items():
        names = [f.name for f in fields(record)]
        expected = [n for n in names[4:] if n not in CONTRACT_EXCLUDED.get(kind, frozenset())]
        assert names[:4] == ["article_id", "start", "end", "text"]
        assert list(CONTRACT_FIELDS[kind]) == expected


def test_rows_hold_the_common_and_the_record_fields() -> None:
    rows = list(extraction_rows(_extraction(), doc=3))
    assert [r["type"] for r in rows] == ["mention", "quote", "claim", "timex", "place", "event"]
    for row in rows:
        assert list(row) == ["doc", "type", "start", "end", "text", *CONTRACT_FIELDS[row["type"]]]
        assert row["doc"] == 3 and row["text"] == "40"
    event = rows[-1]
    assert event["weapons"] == ["drone"] and "trigger" not in event


@pytest.mark.parametrize("kind", sorted(CONTRACT_FIELDS))
def test_readme_documents_every_contract_field(kind: str) -> None:
    table = README.read_text(encoding="utf-8").split("## Output contract", 1)[1]
    line = next(x for x in table.splitlines() if x.startswith(f"| `{kind}` |"))
    documented = re.findall(r"`([a-z_][a-z0-9_]*)`", line.split("|")[2])  # not `P3D`, `2024-06`
    assert documented == list(CONTRACT_FIELDS[kind])
