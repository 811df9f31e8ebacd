"""open_store: read-only opens refuse a missing database; a schema newer than the code is refused
for writing and read with a warning."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.errors import StoreError
from sitroom.store import open_store
from sitroom.store.migrations import latest_version


@pytest.mark.issue(8)
def test_readonly_open_of_a_missing_file_names_it_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(StoreError, match=r"no database at .*typo\.db: run `sitroom ingest"):
        open_store(path, readonly=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.issue(8)
def test_readonly_open_reads_an_existing_store(tmp_path: Path, make_article) -> None:
    path = tmp_path / "war.db"
    with open_store(path) as db:
        db.save_articles([make_article("Bridge repaired", ["Crews reopened the river bridge."])])
    with open_store(path, readonly=True) as db:
        assert db.stats()["articles"] == 1


@pytest.mark.issue(8)
@pytest.mark.parametrize(
    "command",
    [
        ["search", "bridge"],
        ["articles"],
        ["stats"],
        ["show", "abcd1234"],
        ["quotes"],
        ["claims"],
        ["entities"],
        ["events"],
    ],
)
def test_read_only_commands_refuse_a_missing_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(cli, [*command, "--db", str(missing)])
    assert result.exit_code == 1, result.output
    assert f"no database at {missing}" in result.stderr
    assert "\n" not in result.stderr.strip()  # one line
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []  # no -wal/-shm either


def _stamp_future_version(path: Path) -> int:
    """Record a migration this code does not know, as a newer sitroom would."""
    future = latest_version() + 1
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _migrations (version, name, description, applied_at)"
            " VALUES (?, 'm999_future', 'from a newer sitroom', '2030-01-01T00:00:00Z')",
            (future,),
        )
    conn.close()
    return future


@pytest.fixture
def future_db(tmp_path: Path, make_article) -> Path:
    path = tmp_path / "future.db"
    with open_store(path) as db:
        db.save_articles([make_article("Harbour opens", ["Ships returned to the harbour."])])
    _stamp_future_version(path)
    return path


@pytest.mark.issue(12)
@pytest.mark.parametrize("migrate", [True, False])
def test_schema_newer_than_the_code_is_refused_for_writing(future_db: Path, migrate: bool) -> None:
    with pytest.raises(StoreError, match=r"schema version \d+, newer than this sitroom knows"):
        open_store(future_db, migrate=migrate)


@pytest.mark.issue(12)
def test_schema_newer_than_the_code_is_read_with_a_warning(future_db: Path) -> None:
    with pytest.warns(UserWarning, match="newer than this sitroom knows"):
        db = open_store(future_db, readonly=True)
    with db:
        assert db.stats()["articles"] == 1
        assert db.search("harbour")[0].title == "Harbour opens"


@pytest.mark.issue(12)
def test_cli_writer_refuses_a_newer_schema_and_reader_warns(future_db: Path) -> None:
    runner = CliRunner()
    migrate = runner.invoke(cli, ["db", "migrate", "--db", str(future_db)])
    assert migrate.exit_code == 1
    assert "newer than this sitroom knows" in migrate.stderr
    with pytest.warns(UserWarning, match="newer than this sitroom knows"):
        search = runner.invoke(cli, ["search", "harbour", "--db", str(future_db)])
    assert search.exit_code == 0, search.output
    assert "Harbour opens" in search.stdout
