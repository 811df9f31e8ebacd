"""Option bundles shared by the commands (``@db_option``, ``@json_option`` ...) and output helpers.

Data goes to stdout (tables, JSON), messages to stderr. Errors are not handled here: the
group in :mod:`sitroom.cli.main` turns every :class:`~sitroom.errors.SitroomError` into
``error: message`` and its exit code.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from sitroom.config import Settings, load_settings
from sitroom.readers import FORMATS

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from sitroom.store import Store

__all__ = [
    "JSONValue",
    "check_date",
    "date_option",
    "db_option",
    "emit_json",
    "emit_jsonl",
    "format_option",
    "index_option",
    "json_option",
    "open_db",
    "plain",
    "record_json",
    "settings_from",
]

F = TypeVar("F", bound=Callable[..., object])
JSONValue = object  # what json.dumps takes after plain(): dicts, lists, str, numbers, None

# YYYY, YYYY-MM or YYYY-MM-DD: the precisions a published date may have.
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def db_option(func: F) -> F:
    """Add ``--db FILE`` (else $SITROOM_DB, else ./sitroom.db)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="SQLite database file or postgresql://user@host:port/name URL"
        " [env SITROOM_DB; default ./sitroom.db].",
    )(func)


def json_option(func: F) -> F:
    """Add ``--json`` to a listing."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )


def index_option(func: F) -> F:
    """Add ``--index FILE``: a sidecar mapping file names to outlet, url, date and title."""
    return click.option(
        "--index",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="CSV or JSON Lines file giving each file's outlet, url, published date and title "
        "(columns file, outlet, url, published, title; see sitroom.readers.index).",
    )(func)


def format_option(func: F) -> F:
    """Add ``--format`` (one of the reader formats) to commands that read inputs."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        help="Read every input as this format (default: detect).",
    )(func)


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback: ``value`` must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)."""
    if value is not None and not _ISO_DATE.fullmatch(value):
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


def date_option(name: str, help: str) -> Callable[[F], F]:
    """Add an ISO date option such as ``--since`` (checked before the command runs)."""
    return click.option(name, callback=check_date, help=help)


def settings_from(
    db: str | None,
    *,
    extract: bool | None = None,
    host: str | None = None,
    port: int | None = None,
    token: str | None = None,
    allowed_hosts: str | None = None,
) -> Settings:
    """Settings from defaults < sitroom.toml < SITROOM_* env < the flags given (None: not given)."""
    return load_settings(
        db=db, extract=extract, host=host, port=port, token=token, allowed_hosts=allowed_hosts
    )


def open_db(db: str | None) -> Store:
    """Open the existing store ``--db`` names, for commands that read; use it in a ``with`` block.

    A path with no database is refused (``StoreError``), never created empty.
    """
    # Imported here, not at the top: `sitroom extract` uses these options and no store.
    from sitroom.store import open_store

    settings = settings_from(db)
    return open_store(settings.db, settings=settings, readonly=True)


def record_json(record: DataclassInstance) -> dict[str, JSONValue]:
    """One record (a dataclass) as a JSON-ready dict."""
    return {f.name: plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def plain(obj: object) -> JSONValue:
    """Records (dataclasses, lists and dicts of them) as JSON-ready values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return record_json(obj)
    if isinstance(obj, list | tuple):
        return [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    return obj


def emit_json(obj: object) -> None:
    """Print records (dataclasses, lists of them, dicts) as indented JSON on stdout."""
    click.echo(json.dumps(plain(obj), ensure_ascii=False, indent=2))


def emit_jsonl(rows: Iterable[object]) -> None:
    """Print one JSON object per line on stdout."""
    for row in rows:
        sys.stdout.write(json.dumps(plain(row), ensure_ascii=False) + "\n")
