"""`sitroom export` carries each event's corroboration: its cluster's independent sources (issue 10).

Invented articles, the real pipeline, a real SQLite file left unreconciled (export
reconciles first) and the real command as a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sitroom.records import Article, article_id_for
from tests.cli.test_records import _run

# Two syndicated copies of one Kherson report (one word changed, two outlets), and two
# outlets reporting one Sumy strike in their own words.
ARTICLES = (
    (
        "Harbour Courier",
        "2025-04-09",
        "Warehouse shelled",
        "Russian forces shelled a grain warehouse in Kherson on Tuesday, wounding three workers,"
        " the regional governor said on Wednesday. Firefighters worked through the night.",
    ),
    (
        "Valley Gazette",
        "2025-04-09",
        "Kherson warehouse hit",
        "Russian forces shelled a grain warehouse in Kherson on Tuesday, injuring three workers,"
        " the regional governor said on Wednesday. Repairs are expected to take weeks.",
    ),
    (
        "North Star Daily",
        "2025-05-16",
        "School damaged in Sumy",
        "Russia launched a drone strike on Sumy on Thursday, damaging a school, local officials said.",
    ),
    (
        "Plains Herald",
        "2025-05-16",
        "Drones over Sumy",
        "Russia attacked Sumy with drones on Thursday, the city council reported, and a school"
        " lost its roof.",
    ),
)


def _articles() -> list[Article]:
    return [
        Article(
            id=article_id_for(title, text), title=title, text=text, outlet=outlet, published=day
        )
        for outlet, day, title, text in ARTICLES
    ]


@pytest.fixture(scope="module")
def stale_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles and their extractions stored, never reconciled."""
    from sitroom.jobs.parallel import extract_articles
    from sitroom.store import open_store

    path = tmp_path_factory.mktemp("cli_export") / "war.db"
    articles = _articles()
    with open_store(path) as db:
        db.save_articles(articles)
        for extraction in extract_articles(articles):
            db.save_extraction(extraction, pipeline_version="test")
    return path


def _strikes_by_place(rows: list[dict[str, object]]) -> dict[object, list[object]]:
    found: dict[object, list[object]] = {}
    for row in rows:
        if row["event_type"] == "strike":
            found.setdefault(row["place"], []).append(row["corroboration"])
    return found


def test_jsonl_counts_copies_once_and_outlets_apart(stale_db: Path) -> None:
    done = _run("export", "--format", "jsonl", "--db", str(stale_db))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    texts = {a.id: a.text for a in _articles()}
    assert all(texts[r["article_id"]][r["start"] : r["end"]] == r["text"] for r in rows)
    assert _strikes_by_place(rows) == {"Kherson": [1, 1], "Sumy": [2, 2]}


def test_csv_and_plover_carry_the_same_count(stale_db: Path) -> None:
    done = _run("export", "--format", "csv", "--db", str(stale_db))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.removeprefix("\ufeff"))))
    assert _strikes_by_place(rows) == {"Kherson": ["1", "1"], "Sumy": ["2", "2"]}
    done = _run("export", "--format", "plover", "--db", str(stale_db))
    assert done.returncode == 0, done.stderr
    plover = json.loads(done.stdout)
    assert sorted((e["location"], e["corroboration"]) for e in plover) == [
        ("Kherson", 1),
        ("Kherson", 1),
        ("Sumy", 2),
        ("Sumy", 2),
    ]


def test_export_agrees_with_the_cluster_listing(stale_db: Path) -> None:
    done = _run("events", "--type", "strike", "--json", "--db", str(stale_db))
    assert done.returncode == 0, done.stderr
    listed = {c["place"]: c["corroboration"] for c in json.loads(done.stdout)}
    assert listed == {"Kherson": 1, "Sumy": 2}
