"""`sitroom extract`: the JSON Lines contract, end to end through the real pipeline."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.export.contract import CONTRACT_FIELDS

STORY = (
    "Russia launched 48 drones and two Iskander missiles at Kharkiv on Thursday, "
    "Ukraine's air force said. \u201cWe shot down 40 of them,\u201d Yuriy Ihnat said on "
    "national television. He added that at least 12 people were injured.\n\n"
    "Kremlin spokesman Dmitry Peskov said Moscow would respond to any new strikes. "
    "Peskov called the Western aid package of $225 million \u201ca dangerous escalation\u201d."
)

DUMP = (
    "Frontline Report\n"
    "Drones Hit Power Plant Near Odesa\n"
    "Officials said dozens of drones struck the region overnight and 3 workers were hurt.\n"
    "The regional governor said on Monday that repairs would take two weeks.\n"
    "Frontline Report\n"
    "Kyiv Hosts Talks With European Ministers\n"
    "Foreign ministers from five countries met in Kyiv on Tuesday to discuss air defence.\n"
    "\u201cWe need more Patriot systems,\u201d the foreign minister told reporters after the meeting.\n"
)


@pytest.fixture(scope="module")
def whole_rows() -> list[dict]:
    result = CliRunner().invoke(
        cli, ["extract", "--whole", "--published", "2025-03-14"], input=STORY
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_row_has_the_common_fields_and_exact_span(whole_rows: list[dict]) -> None:
    assert whole_rows
    for row in whole_rows:
        assert row["doc"] == 0
        assert STORY[row["start"] : row["end"]] == row["text"]
        for name in CONTRACT_FIELDS[row["type"]]:
            assert name in row, (row["type"], name)


def test_whole_mode_yields_each_record_type(whole_rows: list[dict]) -> None:
    types = {row["type"] for row in whole_rows}
    assert {"mention", "quote", "claim", "timex", "place", "event"} <= types


def test_whole_mode_quote_and_speaker_spans(whole_rows: list[dict]) -> None:
    quotes = [r for r in whole_rows if r["type"] == "quote" and r["kind"] == "direct"]
    shot = next(q for q in quotes if q["text"].startswith("We shot down"))
    assert "Ihnat" in (shot["speaker"] or "")
    assert STORY[shot["speaker_start"] : shot["speaker_end"]] == shot["speaker_text"]


def test_whole_mode_claims_are_normalized(whole_rows: list[dict]) -> None:
    claims = {r["text"]: r for r in whole_rows if r["type"] == "claim"}
    assert claims["48"]["value"] == 48
    assert claims["at least 12"]["bound"] == "at least"
    money = next(r for t, r in claims.items() if "225 million" in t)
    assert money["value"] == 225_000_000 and money["unit"] == "USD"


def test_whole_mode_resolves_thursday_against_published(whole_rows: list[dict]) -> None:
    thursday = next(
        r for r in whole_rows if r["type"] == "timex" and r["text"].endswith("Thursday")
    )
    assert thursday["value"] == "2025-03-13" and thursday["anchored"] is True


def test_dump_is_split_and_offsets_index_each_article() -> None:
    result = CliRunner().invoke(cli, ["extract", "-", "--published", "2025-03-12"], input=DUMP)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    articles = {r["doc"]: r for r in rows if r["type"] == "article"}
    assert len(articles) == 2
    for row in rows:
        assert articles[row["doc"]]["text"][row["start"] : row["end"]] == row["text"]
    assert any(r["type"] == "quote" and r["doc"] == 1 for r in rows)


def test_input_jsonl_keeps_ids(tmp_path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "a1",
                "text": "Ukraine received 30 Leopard tanks last month.",
                "published": "2025-02-10",
            }
        )
        + "\n"
        + json.dumps({"id": "b2", "text": "No numbers here, officials said."})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["extract", "--input-jsonl", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc"] for r in rows} <= {"a1", "b2"}
    month = next(r for r in rows if r["type"] == "timex")
    assert month["doc"] == "a1" and month["value"] == "2025-01"


def test_input_jsonl_bad_line_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--input-jsonl", str(path)])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.output and "'text'" in result.output


# What `sitroom extract` must not load (issue 13: start-up): the store and its drivers, the
# readers of other formats, the reconciler, reports, the API and Dask.
NOT_FOR_EXTRACT = (
    "sitroom.store", "sitroom.readers.read", "sitroom.readers.html", "sitroom.reconcile",
    "sitroom.report", "sitroom.jobs.ingest", "sitroom.api", "sitroom.web", "psycopg",
    "trafilatura", "fastapi", "uvicorn", "distributed", "dask",
)  # fmt: skip


@pytest.mark.issue(13)
def test_extract_whole_loads_only_what_it_needs() -> None:
    script = (
        "import sys\n"
        "from sitroom.cli import cli\n"
        "try:\n"
        "    cli(['extract', '--whole', '-'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    text = "Drones hit a depot in Sumy on Friday, the governor said."
    proc = subprocess.run(
        [sys.executable, "-c", script],
        input=text,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    place = next(r for r in rows if r["type"] == "place")
    assert place["text"] == text[place["start"] : place["end"]] == "Sumy"
    loaded = set(proc.stderr.split())
    assert "sitroom.nlp.extract" in loaded
    assert [m for m in NOT_FOR_EXTRACT if m in loaded] == []
