"""`sitroom quotes / entities / events / claims / graph` and `export` as real subprocesses over a seeded SQLite file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reconcile.reconcile_seed import build_seeded_db

SITROOM = Path(sys.executable).parent / "sitroom"


@pytest.fixture(scope="module")
def seeded_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded_db(tmp_path_factory.mktemp("cli_events") / "war.db")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SITROOM), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_events_json_lists_the_cluster(seeded_db_path: Path) -> None:
    done = _run(
        "events", "--type", "strike", "--place", "Odesa", "--json", "--db", str(seeded_db_path)
    )
    assert done.returncode == 0, done.stderr
    clusters = json.loads(done.stdout)
    assert len(clusters) == 1 and clusters[0]["corroboration"] == 2


def test_events_csv_parses(seeded_db_path: Path) -> None:
    done = _run("events", "--csv", "--db", str(seeded_db_path))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert any(r["event_type"] == "sanction" and r["actor"] == "European Union" for r in rows)


def test_claims_contradictions(seeded_db_path: Path) -> None:
    done = _run("claims", "--contradictions", "--json", "--db", str(seeded_db_path))
    assert done.returncode == 0, done.stderr
    groups = json.loads(done.stdout)
    assert len(groups) == 1 and groups[0]["contradiction"] is True
    assert len(groups[0]["values"]) == 3


def test_graph_text(seeded_db_path: Path) -> None:
    done = _run("graph", "--db", str(seeded_db_path))
    assert done.returncode == 0, done.stderr
    assert "European Union --sanctions--> Russia" in done.stdout


def test_export_acled_file(seeded_db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    done = _run("export", "--format", "acled", "--out", str(out), "--db", str(seeded_db_path))
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and all(r["event_type"] for r in rows)
    assert any(r["location"] == "Odesa" and r["iso"] == "UA" for r in rows)


def test_export_rejects_unknown_format(seeded_db_path: Path) -> None:
    done = _run("export", "--format", "xlsx", "--db", str(seeded_db_path))
    assert done.returncode == 2


def test_quotes_and_entities_list_what_was_extracted(seeded_db_path: Path) -> None:
    quotes = _run("quotes", "--json", "--db", str(seeded_db_path))
    assert quotes.returncode == 0, quotes.stderr
    rows = json.loads(quotes.stdout)
    assert rows and all(r["text"] for r in rows)
    entities = _run("entities", "--type", "GPE", "--db", str(seeded_db_path))
    assert entities.returncode == 0, entities.stderr
    assert any(line.split()[:2] == ["GPE", "Russia"] for line in entities.stdout.splitlines())
