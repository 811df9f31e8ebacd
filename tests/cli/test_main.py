"""The group: every command is there with its help, and errors become exit codes in one place."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.errors import BadRequest, NotFound
from sitroom.store import Store, open_store

COMMANDS = [
    "articles", "brief", "claims", "db", "entities", "events", "export", "extract", "graph",
    "ingest", "quotes", "read", "reprocess", "search", "serve", "show", "stats",
]  # fmt: skip


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _existing_db(folder: Path) -> str:
    """A migrated, empty database: read commands refuse a missing one."""
    path = folder / "x.db"
    open_store(path).close()
    return str(path)


def test_every_command_is_registered() -> None:
    # Each command's module is imported on first use (issue 13): the group lists them all
    # before any is loaded, and each name gives the command of that name.
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == COMMANDS
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
    assert cli.get_command(ctx, "no-such-command") is None
    db_group = cli.get_command(ctx, "db")
    assert isinstance(db_group, click.Group) and sorted(db_group.commands) == ["migrate"]


@pytest.mark.parametrize("command", [[c] for c in COMMANDS] + [["db", "migrate"]], ids=" ".join)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "-h"])
    assert result.exit_code == 0, result.output
    assert "Example:\n" in result.output
    assert "sitroom " in result.output.split("Example:")[1]


def test_group_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["-h"])
    assert result.exit_code == 0
    listed = result.output.split("Commands:")[1].split()
    assert all(name in listed for name in COMMANDS)
    assert "--debug" in result.output


@pytest.mark.parametrize(
    ("error", "code"), [(NotFound("no such thing here"), 1), (BadRequest("bad limit 0"), 2)]
)
def test_sitroom_errors_become_one_line_and_their_exit_code(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    error: Exception,
    code: int,
) -> None:
    def fail(self: Store) -> dict[str, int]:
        raise error

    monkeypatch.setattr(Store, "stats", fail)
    result = runner.invoke(cli, ["stats", "--db", _existing_db(tmp_path)])
    assert result.exit_code == code
    assert result.stderr == f"error: {error}\n"


def _crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: Store) -> dict[str, int]:
        raise ZeroDivisionError("the counter broke")

    monkeypatch.setattr(Store, "stats", crash)


def test_unexpected_error_is_one_line_and_exit_1(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _crash(monkeypatch)
    monkeypatch.delenv("SITROOM_DEBUG", raising=False)
    result = runner.invoke(cli, ["stats", "--db", _existing_db(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: unexpected ZeroDivisionError: the counter broke"
        " (run with --debug for the traceback)\n"
    )


@pytest.mark.parametrize("how", ["flag", "env"])
def test_debug_shows_the_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, how: str
) -> None:
    _crash(monkeypatch)
    args = ["stats", "--db", _existing_db(tmp_path)]
    if how == "flag":
        result = runner.invoke(cli, ["--debug", *args])
    else:
        result = runner.invoke(cli, args, env={"SITROOM_DEBUG": "1"})
    assert result.exit_code == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert 'raise ZeroDivisionError("the counter broke")' in result.stderr
    assert (
        result.stderr.splitlines()[-1] == "error: unexpected ZeroDivisionError: the counter broke"
    )


def test_usage_errors_stay_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["search"])
    assert result.exit_code == 2 and "Missing argument" in result.stderr
    assert runner.invoke(cli, ["no-such-command"]).exit_code == 2
