"""The ``sitroom`` command line: thin click commands over the library.

Each submodule registers its commands on :data:`cli`; this module holds the group and
the shared option bundles. Data goes to stdout, messages to stderr; exit 0 on success,
1 when something failed, 2 on usage errors.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from sitroom.config import Settings, load_settings
from sitroom.errors import SitroomError

__all__ = ["cli", "db_option", "emit_json", "emit_jsonl", "json_option", "run_guarded", "settings_from"]

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="sitroom")
def cli() -> None:
    """sitroom: turn raw conflict news into a sourced, queryable record.

    \b
    Example:
      sitroom ingest news/ --db war.db
      sitroom search "air defence" --db war.db
    """


def db_option(func: F) -> F:
    """Add ``--db FILE`` (else $SITROOM_DB, else ./sitroom.db)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="SQLite database file [env SITROOM_DB; default ./sitroom.db].",
    )(func)


def json_option(func: F) -> F:
    """Add ``--json`` to a listing."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def settings_from(db: str | None, **overrides: object) -> Settings:
    return load_settings(db=db, **overrides)


def _plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


def emit_json(obj: Any) -> None:
    """Print records (dataclasses, lists of them, dicts) as indented JSON on stdout."""
    click.echo(json.dumps(_plain(obj), ensure_ascii=False, indent=2))


def emit_jsonl(rows: Iterable[Any]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(_plain(row), ensure_ascii=False) + "\n")


def run_guarded(call: Callable[[], Any]) -> Any:
    """Run one library call, turning a SitroomError into a message and its exit code."""
    try:
        return call()
    except SitroomError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)


def _register() -> None:
    # Each module adds its commands to `cli` on import.
    import importlib
    import pkgutil

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


_register()
