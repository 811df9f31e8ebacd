"""`sitroom articles`, `show`, `search`, `stats` and `db migrate` over a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from tests.jobs.test_ingest import story, write_inputs


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def filled(tmp_path: Path, runner: CliRunner) -> tuple[Path, list[Path]]:
    paths = write_inputs(tmp_path / "in", 5)
    db_path = tmp_path / "cli.db"
    result = runner.invoke(
        cli, ["ingest", str(tmp_path / "in"), "--db", str(db_path), "--no-extract"]
    )
    assert result.exit_code == 0, result.output
    return db_path, paths


def test_articles_and_show(filled, runner: CliRunner) -> None:
    db_path, _ = filled
    listed = runner.invoke(cli, ["articles", "--db", str(db_path), "--json", "--limit", "2"])
    page = json.loads(listed.stdout)
    assert len(page["items"]) == 2 and page["next_cursor"]
    rest = json.loads(
        runner.invoke(
            cli, ["articles", "--db", str(db_path), "--json", "--cursor", page["next_cursor"]]
        ).stdout
    )
    assert len(rest["items"]) == 3
    article_id = page["items"][0]["id"]
    shown = runner.invoke(cli, ["show", article_id[:8], "--db", str(db_path), "--json"])
    assert shown.exit_code == 0
    data = json.loads(shown.stdout)
    assert data["article"]["id"] == article_id and data["extraction"]["article_id"] == article_id
    text = data["article"]["text"]
    assert all(text[b["start"] : b["end"]] == b["text"] for b in data["article"]["blocks"])
    human = runner.invoke(cli, ["show", article_id, "--db", str(db_path)])
    assert (
        human.exit_code == 0
        and article_id in human.stdout
        and data["article"]["title"] in human.stdout
    )
    missing = runner.invoke(cli, ["show", "ffffffff", "--db", str(db_path)])
    assert missing.exit_code == 1 and "no article" in missing.stderr
    table = runner.invoke(cli, ["articles", "--db", str(db_path)])
    assert table.exit_code == 0 and len(table.stdout.splitlines()) == 5


def test_search_command(filled, runner: CliRunner) -> None:
    db_path, _ = filled
    word = story(3).split()[3].strip(":").lower()
    result = runner.invoke(cli, ["search", word, "--db", str(db_path), "--json"])
    hits = json.loads(result.stdout)
    assert result.exit_code == 0 and hits
    assert any(f"[{word}" in hit["snippet"].lower() for hit in hits)
    assert set(hits[0]) >= {"article_id", "title", "snippet", "score", "published", "outlet"}
    for query in ['"', "NEAR(", "-x*", "a:b"]:
        assert runner.invoke(cli, ["search", "--db", str(db_path), "--", query]).exit_code == 0
    bad = runner.invoke(cli, ["search", 'drone "', "--raw", "--db", str(db_path)])
    assert bad.exit_code == 2 and "bad search syntax" in bad.stderr
    plain = runner.invoke(cli, ["search", word, "--db", str(db_path), "--limit", "1"])
    assert plain.exit_code == 0 and "Dispatch" in plain.stdout
    assert f"[{word}]" in plain.stdout.lower()  # no terminal: matches are bracketed, not lost


def test_stats_and_db_migrate(filled, runner: CliRunner, tmp_path: Path) -> None:
    db_path, _ = filled
    counts = json.loads(runner.invoke(cli, ["stats", "--db", str(db_path), "--json"]).stdout)
    assert counts["articles"] == 5 and counts["sources_ok"] == 5 and counts["quotes"] == 0
    assert "articles" in runner.invoke(cli, ["stats", "--db", str(db_path)]).stdout
    fresh = tmp_path / "fresh.db"
    first = runner.invoke(cli, ["db", "migrate", "--db", str(fresh)])
    assert first.exit_code == 0 and "applied 1, 2" in first.stdout
    second = runner.invoke(cli, ["db", "migrate", "--db", str(fresh)])
    assert "nothing to apply" in second.stdout
