"""The ``sitroom`` group: every command added by name, and the one place errors become exit codes.

Exit codes: 0 success; 1 when something failed (a :class:`~sitroom.errors.SitroomError`
says which code it wants, an unexpected exception gives 1); 2 usage errors (click's own,
and :class:`~sitroom.errors.BadRequest`). A failure is one ``error: ...`` line on stderr;
the traceback only with ``--debug`` (or ``SITROOM_DEBUG=1``), which also shows sitroom's
debug log (tracebacks of articles whose extraction failed, for one).

Each command's module is imported when the command is run (or its help shown), not when
the group is: ``sitroom extract`` must not load the store, the HTML reader, Jinja and the
reconciler that other commands use (issue 13: start-up). ``COMMANDS`` names them all.
"""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import click

from sitroom.errors import SitroomError

__all__ = ["COMMANDS", "SitroomGroup", "cli"]

# Command name -> the module of sitroom.cli that defines it, and the command's name there.
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("ingest", "ingest"),
    "read": ("ingest", "read"),
    "articles": ("browse", "articles"),
    "show": ("browse", "show"),
    "search": ("browse", "search"),
    "stats": ("browse", "stats"),
    "quotes": ("records", "quotes"),
    "claims": ("records", "claims"),
    "entities": ("records", "entities"),
    "events": ("records", "events"),
    "graph": ("records", "graph"),
    "extract": ("extract", "extract"),
    "reprocess": ("extract", "reprocess"),
    "brief": ("report", "brief"),
    "export": ("report", "export"),
    "serve": ("serve", "serve"),
    "db": ("db", "db_group"),
}

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class SitroomGroup(click.Group):
    """A click group that turns errors raised by its commands into messages and exit codes.

    Its commands are those of ``COMMANDS``, each imported on first use.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f"sitroom.cli.{module}"), name)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug"))
        try:
            with _debug_log() if debug else nullcontext():
                return super().invoke(ctx)
        except SitroomError as e:
            _report(f"error: {e}", debug=debug)
            ctx.exit(e.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own: usage errors (2), explicit exits, Ctrl-C
        except Exception as e:  # noqa: BLE001 - the one place unexpected errors become exit 1
            hint = "" if debug else " (run with --debug for the traceback)"
            _report(f"error: unexpected {type(e).__name__}: {e}{hint}", debug=debug)
            ctx.exit(1)


def _report(message: str, *, debug: bool) -> None:
    if debug:
        click.echo(traceback.format_exc().rstrip(), err=True)
    click.echo(message, err=True)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the stderr of the moment (click's test runner swaps it), once per logger."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


@contextmanager
def _debug_log() -> Iterator[None]:
    """Show sitroom's log down to DEBUG on stderr for the block (one command run)."""
    logger = logging.getLogger("sitroom")
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@click.group(cls=SitroomGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="sitroom")
@click.option(
    "--debug",
    is_flag=True,
    envvar="SITROOM_DEBUG",
    help="Show tracebacks and sitroom's debug log on stderr [env SITROOM_DEBUG=1].",
)
def cli(debug: bool) -> None:
    """sitroom: turn raw conflict news into a sourced, queryable record.

    \b
    Example:
      sitroom ingest news/ --db war.db
      sitroom search "air defence" --db war.db
    """
