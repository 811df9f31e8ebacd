"""The ``sitroom`` group: every command added by name, and the one place errors become exit codes.

Exit codes: 0 success; 1 when something failed (a :class:`~sitroom.errors.SitroomError`
says which code it wants, an unexpected exception gives 1); 2 usage errors (click's own,
and :class:`~sitroom.errors.BadRequest`). A failure is one ``error: ...`` line on stderr;
the traceback only with ``--debug`` (or ``SITROOM_DEBUG=1``), which also shows sitroom's
debug log (tracebacks of articles whose extraction failed, for one).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import click

from sitroom.cli import browse, db, extract, ingest, records, report, serve
from sitroom.errors import SitroomError

__all__ = ["SitroomGroup", "cli"]

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class SitroomGroup(click.Group):
    """A click group that turns errors raised by its commands into messages and exit codes."""

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


for command in (
    ingest.ingest,
    ingest.read,
    browse.articles,
    browse.show,
    browse.search,
    browse.stats,
    records.quotes,
    records.claims,
    records.entities,
    records.events,
    records.graph,
    extract.extract,
    extract.reprocess,
    report.brief,
    report.export,
    serve.serve,
    db.db_group,
):
    cli.add_command(command)
