"""`sitroom ingest` and `sitroom read`: counts, failures, progress, kill -9 mid-ingest, two writers."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import cli, progress
from sitroom.cli.progress import ProgressReporter
from tests.jobs.test_ingest import story, write_inputs


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_ingest_reports_failures_and_exits_1(tmp_path: Path, runner: CliRunner) -> None:
    write_inputs(tmp_path / "in", 3)
    (tmp_path / "in" / "broken.bin").write_bytes(b"\x00\xff\x00 binary junk")
    db_path = tmp_path / "x.db"
    result = runner.invoke(
        cli, ["ingest", str(tmp_path / "in"), "--db", str(db_path), "--no-extract"]
    )
    assert result.exit_code == 1
    assert "broken.bin" in result.stderr and "read failed" in result.stderr
    assert (
        "3 files read · 1 files failed · 3 articles new · 0 duplicate · 0 near-duplicate"
        " · 0 extraction failed · 0 links"
    ) in result.stderr
    assert result.stdout == ""
    again = runner.invoke(
        cli,
        [
            "ingest",
            str(tmp_path / "in" / "story-0000.txt"),
            "--db",
            str(db_path),
            "--no-extract",
            "--json",
        ],
    )
    assert again.exit_code == 0
    report = json.loads(again.stdout)
    assert (report["read"], report["new"], report["duplicate"], report["failed"]) == (1, 0, 1, 0)


def test_ingest_uses_env_db_and_options(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_inputs(tmp_path / "in", 2)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITROOM_DB", str(tmp_path / "env.db"))
    result = runner.invoke(
        cli, ["ingest", "in", "--no-extract", "--published", "2024-02-03", "--outlet", "Test Desk"]
    )
    assert result.exit_code == 0, result.stderr
    listed = json.loads(runner.invoke(cli, ["articles", "--json"]).stdout)
    assert {(a["published"], a["outlet"]) for a in listed["items"]} == {("2024-02-03", "Test Desk")}
    bad = runner.invoke(cli, ["ingest", "in", "--published", "last week"])
    assert bad.exit_code == 2 and "ISO date" in bad.stderr
    assert runner.invoke(cli, ["ingest"]).exit_code == 2


def test_read_prints_without_storing(tmp_path: Path, runner: CliRunner) -> None:
    paths = write_inputs(tmp_path / "in", 2)
    result = runner.invoke(cli, ["read", str(paths[0]), "--json"])
    assert result.exit_code == 0
    (article,) = json.loads(result.stdout)
    assert article["title"].startswith("Dispatch 0")
    for block in article["blocks"]:
        assert article["text"][block["start"] : block["end"]] == block["text"]
    assert article["paragraphs"] == [
        b["text"] for b in article["blocks"] if b["kind"] == "paragraph"
    ]
    plain = runner.invoke(cli, ["read", str(tmp_path / "in")])
    assert plain.exit_code == 0 and plain.stdout.count("Dispatch") == 2
    assert not list(tmp_path.glob("*.db"))
    missing = runner.invoke(cli, ["read", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "nope.txt" in missing.stderr


# ------------------------------------------------------------------ kill -9 mid-ingest


def _sitroom_command() -> list[str]:
    script = Path(sys.executable).with_name("sitroom")
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from sitroom.cli import cli; cli()"]
    )


def _count(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0
    finally:
        conn.close()


def _content(db_path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "articles": conn.execute(
                "SELECT id, title, text, source, source_index, duplicate_of, minhash FROM articles ORDER BY id"
            ).fetchall(),
            "sources": conn.execute(
                "SELECT path, sha256, status, article_count FROM sources ORDER BY path"
            ).fetchall(),
            "blocks": conn.execute(
                'SELECT article_id, seq, kind, start, "end", text FROM blocks ORDER BY 1, 2'
            ).fetchall(),
            "per_source": conn.execute(
                "SELECT s.path, s.article_count, count(a.id) FROM sources s LEFT JOIN articles a ON a.source_id = s.id"
                " GROUP BY s.id ORDER BY s.path"
            ).fetchall(),
            "fts": conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'dispatch'"
            ).fetchall(),
        }
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_mid_ingest_then_resume_equals_one_clean_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    total = 300
    for i in range(total):
        # Three articles per input, separated the way text dumps separate stories.
        (inputs / f"{i:04d}.txt").parent.mkdir(exist_ok=True)
        (inputs / f"{i:04d}.txt").write_text(
            "\n\n* * *\n\n".join(story(i * 3 + k) for k in range(3)), encoding="utf-8"
        )
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"
    command = [*_sitroom_command(), "ingest", str(inputs), "--no-extract"]
    env = {**os.environ, "SITROOM_DB": str(killed_db)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while _count(killed_db) < 30 and process.poll() is None:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    partial = _content(killed_db)
    assert 30 <= len(partial["articles"]) < total * 3
    assert all(
        expected == found for _, expected, found in partial["per_source"]
    )  # only whole inputs

    resumed = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "0 files failed" in resumed.stderr
    clean = subprocess.run(
        command,
        env={**os.environ, "SITROOM_DB": str(clean_db)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert clean.returncode == 0, clean.stderr
    after, reference = _content(killed_db), _content(clean_db)
    assert len(reference["articles"]) == total * 3 and len(reference["sources"]) == total
    assert after == reference


def test_demo_corpus_ingests_cleanly(tmp_path: Path, runner: CliRunner) -> None:
    db_path = tmp_path / "demo.db"
    result = runner.invoke(
        cli, ["ingest", "--demo", "--db", str(db_path), "--no-extract", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["failed"] == 0 and report["new"] >= 1
    counts = json.loads(runner.invoke(cli, ["stats", "--db", str(db_path), "--json"]).stdout)
    assert counts["articles"] == report["new"] + report["near_duplicate"]
    assert counts["duplicates"] == report["near_duplicate"]


def test_progress_lines_when_stderr_is_not_a_terminal(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_inputs(tmp_path / "in", 3)
    monkeypatch.setattr(progress, "LOG_EVERY_S", 0.0)  # a line after every input
    result = runner.invoke(
        cli, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "p.db"), "--no-extract"]
    )
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("[ingest]")]
    assert [line.split(" · ")[0] for line in lines] == [f"[ingest] {i}/3 files" for i in (1, 2, 3)]
    assert lines[-1].endswith(" · 3 articles new") and "files/s" in lines[-1]
    assert "3 files read" in result.stderr.splitlines()[-1]


def test_no_progress_lines_before_the_interval(tmp_path: Path, runner: CliRunner) -> None:
    write_inputs(tmp_path / "in", 2)
    quick = runner.invoke(
        cli, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "q.db"), "--no-extract"]
    )
    assert quick.exit_code == 0 and "[ingest]" not in quick.stderr


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    stream.isatty = lambda: True  # type: ignore[method-assign]
    with ProgressReporter("ingest", unit="files", stream=stream) as reporter:
        for done in (1, 2, 3, 4):
            reporter.update(done, 4)
    assert "ingest" in stream.getvalue() and "100%" in stream.getvalue()
    assert "files/s" not in stream.getvalue()


def test_database_in_missing_folder_is_a_clear_error(tmp_path: Path, runner: CliRunner) -> None:
    paths = write_inputs(tmp_path / "in", 1)
    result = runner.invoke(
        cli, ["ingest", str(paths[0]), "--db", str(tmp_path / "no" / "x.db"), "--no-extract"]
    )
    assert result.exit_code == 1 and "does not exist" in result.stderr
    stats = runner.invoke(cli, ["stats", "--db", str(tmp_path / "no" / "x.db")])
    assert stats.exit_code == 1 and "error:" in stats.stderr


@pytest.mark.slow
def test_two_concurrent_ingests_store_everything_once(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_inputs(inputs, 60)
    shared_db, clean_db = tmp_path / "shared.db", tmp_path / "clean.db"
    command = [*_sitroom_command(), "ingest", str(inputs), "--no-extract"]
    env = {**os.environ, "SITROOM_DB": str(shared_db)}
    runs = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    clean = subprocess.run(
        command,
        env={**os.environ, "SITROOM_DB": str(clean_db)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert clean.returncode == 0, clean.stderr
    assert _content(shared_db) == _content(clean_db)


@pytest.mark.issue(12)
def test_progress_line_rate_and_detail() -> None:
    stream = io.StringIO()
    ticks = iter([100.0, 102.0, 104.0, 110.0])  # created, then three updates
    reporter = ProgressReporter("ingest", unit="files", stream=stream, clock=lambda: next(ticks))
    reporter.update(1, 447, detail="1 articles new")  # 2 s after the start: too soon
    reporter.update(2, 447, detail="2 articles new")  # 4 s: too soon
    reporter.update(31, 447, detail="95 articles new")  # 10 s: a line
    assert stream.getvalue() == "[ingest] 31/447 files · 3.1 files/s · 95 articles new\n"
