"""A big input is committed in batches: progress as it goes, memory bounded by
``ingest_batch_chars``, and a kill or a failure midway keeps what was committed and
doubles nothing on resume (issue 12, item 12)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import cli, progress
from sitroom.config import Settings
from sitroom.jobs.ingest import IngestStep, ingest
from sitroom.jobs.synthetic import synthetic_story
from sitroom.records import Article, Extraction, Failure
from sitroom.store import open_store
from tests.cli.test_ingest import _content
from tests.jobs.test_ingest import _one_quote, write_inputs

# About 12 articles a batch: each row's body is about 600 characters.
BATCH_CHARS = 7_000


def write_rows(path: Path, count: int) -> Path:
    """A JSON Lines file of ``count`` made-up articles, each different from the others."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            title, _, body = synthetic_story(5_000 + i, paragraphs=2).partition("\n")
            row = {
                "title": title,
                "text": body.strip(),
                "outlet": "Desk",
                "published": "2025-03-03",
            }
            out.write(json.dumps(row) + "\n")
    return path


def _sources(db_path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(
            "SELECT path, status, error, article_count FROM sources ORDER BY path"
        ).fetchall()
    finally:
        conn.close()


def _articles(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0
    finally:
        conn.close()


@pytest.mark.issue(12)
def test_a_big_input_commits_in_batches_and_reports_progress_after_each(tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "rows.jsonl", 120)
    steps: list[IngestStep] = []
    report = ingest(
        [rows],
        db=tmp_path / "x.db",
        settings=Settings(ingest_batch_chars=BATCH_CHARS),
        progress=steps.append,
    )
    assert (report.read, report.new, report.failed) == (1, 120, 0)
    # Progress after each batch (the input not done yet), then once for the input.
    batches = [s for s in steps if s.in_batches]
    assert len(batches) >= 5 and all(s.done == 0 and s.path == rows for s in batches)
    assert [s.new for s in batches] == sorted({s.new for s in batches})
    assert steps[-1].done == 1 and steps[-1].new == 120
    assert _sources(tmp_path / "x.db") == [(str(rows), "ok", None, 120)]
    # The same store as one transaction for the whole input.
    whole = ingest([rows], db=tmp_path / "whole.db")
    assert whole.new == 120
    assert _ids(tmp_path / "x.db") == _ids(tmp_path / "whole.db")


def _ids(db_path: Path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT id, source_index, text FROM articles ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.mark.issue(12)
def test_a_small_input_stays_one_transaction(tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "rows.jsonl", 5)
    steps: list[IngestStep] = []
    ingest([rows], db=tmp_path / "x.db", progress=steps.append)
    assert [(s.done, s.in_batches) for s in steps] == [(1, False)]


@pytest.mark.issue(12)
def test_a_failure_midway_keeps_the_committed_batches_and_a_rerun_finishes(
    tmp_path: Path,
) -> None:
    rows = write_rows(tmp_path / "rows.jsonl", 100)
    settings = Settings(ingest_batch_chars=BATCH_CHARS)
    calls = []

    def crashes_on_the_third_batch(
        articles: Sequence[Article], *, failures: list[Failure]
    ) -> Iterator[Extraction]:
        calls.append(len(articles))
        if len(calls) == 3:
            raise RuntimeError("extractor crashed")
        yield from (_one_quote(a) for a in articles)

    db_path = tmp_path / "x.db"
    report = ingest(
        [rows], db=db_path, settings=settings, extract=crashes_on_the_third_batch,
        pipeline_version="t-1",
    )  # fmt: skip
    committed = sum(calls[:2])
    assert (report.read, report.new, report.failed) == (0, committed, 1)
    assert report.failures[-1].stage == "extract"
    [(_, status, error, count)] = _sources(db_path)
    assert (status, count) == ("failed", committed) and "extractor crashed" in error
    with open_store(db_path) as db:
        assert db.stats()["articles"] == committed and db.stats()["quotes"] == committed

    rerun = ingest(
        [rows], db=db_path, settings=settings, extract=lambda a, *, failures: map(_one_quote, a),
        pipeline_version="t-1",
    )  # fmt: skip
    assert (rerun.read, rerun.new, rerun.duplicate, rerun.failed) == (
        1,
        100 - committed,
        committed,
        0,
    )
    clean = tmp_path / "clean.db"
    ingest(
        [rows], db=clean, settings=settings, extract=lambda a, *, failures: map(_one_quote, a),
        pipeline_version="t-1",
    )  # fmt: skip
    assert _ids(db_path) == _ids(clean)
    assert _sources(db_path) == _sources(clean) == [(str(rows), "ok", None, 100)]


_KILLED_RUN = """
import sys
from pathlib import Path
from sitroom.config import Settings
from sitroom.jobs.ingest import ingest
ingest([Path(sys.argv[1])], db=sys.argv[2], settings=Settings(ingest_batch_chars=int(sys.argv[3])))
"""


@pytest.mark.slow
@pytest.mark.issue(12)
def test_sigkill_inside_a_big_input_then_resume_gives_the_clean_store(tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "rows.jsonl", 1500)
    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_RUN, str(rows), str(killed), str(BATCH_CHARS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _articles(killed) < 100 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    stored = _articles(killed)
    assert 100 <= stored < 1500
    # What was committed says so: the input is not marked read, so a rerun reads it again.
    [(_, status, error, count)] = _sources(killed)
    assert status == "failed" and "interrupted after" in error and count == stored

    settings = Settings(ingest_batch_chars=BATCH_CHARS)
    resumed = ingest([rows], db=killed, settings=settings)
    assert (resumed.failed, resumed.new, resumed.duplicate) == (0, 1500 - stored, stored)
    clean = tmp_path / "clean.db"
    ingest([rows], db=clean, settings=settings)
    assert _content(killed) == _content(clean)


@pytest.mark.issue(12)
def test_the_cli_shows_progress_inside_one_big_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = write_rows(tmp_path / "rows.jsonl", 60)
    monkeypatch.setenv("SITROOM_INGEST_BATCH_CHARS", str(BATCH_CHARS))
    monkeypatch.setattr(progress, "LOG_EVERY_S", 0.0)  # a line after every step
    result = CliRunner().invoke(
        cli, ["ingest", str(rows), "--no-extract", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("[ingest] 0/1 files")]
    assert lines and all(line.endswith(" · reading rows.jsonl") for line in lines)
    news = [int(line.split(" · ")[2].split()[0]) for line in lines]
    assert len(news) >= 3 and news == sorted(news) and news[-1] < 60
    assert "60 articles new" in result.stderr.splitlines()[-1]


@pytest.mark.issue(12)
def test_with_forked_workers_a_big_input_is_read_here_and_the_store_is_the_same(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    write_inputs(folder, 6)
    write_rows(folder / "story-0003-rows.jsonl", 80)  # between the small ones, in input order
    settings = Settings(ingest_batch_chars=BATCH_CHARS)
    one = ingest([folder], db=tmp_path / "one.db", settings=settings, processes=1)
    two = ingest([folder], db=tmp_path / "two.db", settings=settings, processes=2)
    assert one.new == 86 and two == one
    assert _content(tmp_path / "one.db") == _content(tmp_path / "two.db")
