"""``sitroom db migrate``: database maintenance."""

from __future__ import annotations

import click

from sitroom.cli.options import db_option, settings_from
from sitroom.store import open_store

__all__ = ["db_group", "migrate"]


@click.group(name="db")
def db_group() -> None:
    """Database maintenance.

    \b
    Example:
      sitroom db migrate --db war.db
    """


@db_group.command()
@db_option
def migrate(db: str | None) -> None:
    """Create the database or bring its schema up to date (ingest does this too).

    \b
    Example:
      sitroom db migrate --db war.db
    """
    settings = settings_from(db)
    with open_store(settings.db, settings=settings, migrate=False) as store:
        applied = store.migrate()
        versions = store.schema_versions()
    done = f"applied {', '.join(map(str, applied))}" if applied else "nothing to apply"
    click.echo(f"{settings.db_label}: schema version {max(versions, default=0)} ({done})")
