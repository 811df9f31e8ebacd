"""``sitroom brief`` (cited situation report) and ``sitroom export`` (events as files)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitroom.cli.options import date_option, db_option, settings_from
from sitroom.errors import NotFound
from sitroom.export.events import export_events
from sitroom.reconcile import reconcile_store
from sitroom.report import build_brief, render_html, render_markdown
from sitroom.store import open_store

__all__ = ["brief", "export"]


@click.command()
@db_option
@date_option("--since", "First day (YYYY-MM-DD), inclusive.")
@date_option("--until", "Last day (YYYY-MM-DD), inclusive.")
@click.option("--about", help="Keep records naming this actor, place or speaker.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of stdout.",
)
def brief(
    db: str | None,
    since: str | None,
    until: str | None,
    about: str | None,
    fmt: str,
    out: Path | None,
) -> None:
    """Write a situation report: key events, claim changes and contradictions, quotes.

    Every sentence cites [n] the stored records behind it (outlet, title, date and the
    quoted span). Same database, same report.

    \b
    Example:
      sitroom brief --db war.db --since 2025-02-01 --until 2025-02-07
      sitroom brief --db war.db --about Kharkiv --format html --out kharkiv.html
    """
    settings = settings_from(db)
    if not settings.db_is_url and not settings.db_path.is_file():
        raise NotFound(f"no database at {settings.db_path}: ingest first (sitroom ingest --db ...)")
    with open_store(settings.db, settings=settings, readonly=True) as store:
        reconcile_store(store, if_stale=True)  # speakers as canonical actors (issue 10)
        report = build_brief(store, since=since, until=until, about=about)
    text = render_html(report) if fmt == "html" else render_markdown(report)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "acled", "plover"]),
    default="jsonl",
    show_default=True,
    help="jsonl/csv: every event; acled: ACLED-style CSV; plover: PLOVER JSON.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE instead of stdout.",
)
@db_option
def export(fmt: str, out_path: Path | None, db: str | None) -> None:
    """Export every stored event (CSV is UTF-8 with BOM, fully quoted, formula-safe).

    Each event carries ``corroboration``: the independent sources of its cluster, as
    ``sitroom events`` counts them (copies and one outlet count once).

    \b
    Example:
      sitroom export --format acled --out events.csv --db war.db
    """
    settings = settings_from(db)
    with open_store(settings.db, settings=settings, readonly=True) as store:
        reconcile_store(store, if_stale=True)  # clusters behind corroboration (issue 10)
        rows = store.load_event_rows()
        places = store.place_coordinates()
        sources = store.read_event_corroboration()
    if out_path is None:
        count = export_events(rows, sys.stdout, format=fmt, places=places, corroboration=sources)
    else:
        with out_path.open("w", encoding="utf-8", newline="") as handle:
            count = export_events(rows, handle, format=fmt, places=places, corroboration=sources)
    click.echo(f"exported {count} event(s)", err=True)
