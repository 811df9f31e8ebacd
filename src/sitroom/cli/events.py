"""``sitroom events``, ``sitroom graph`` and ``sitroom export``: the cross-article event record."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitroom.cli import cli, db_option, emit_json, json_option, run_guarded, settings_from


def _open(db: str | None):  # type: ignore[no-untyped-def]
    from sitroom.store import open_store

    return run_guarded(lambda: open_store(settings_from(db).db_path, readonly=True))


@cli.command()
@click.option(
    "--type", "event_type", default=None, help="Event type: strike, interception, aid, vote ..."
)
@click.option("--actor", default=None, help="Actor or target name (substring).")
@click.option("--place", default=None, help="Place name (substring).")
@click.option("--since", default=None, help="Only clusters dated on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Only clusters dated on or before YYYY-MM-DD.")
@click.option("--limit", default=100, show_default=True, help="Most clusters to list.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of a table.")
@json_option
@db_option
def events(event_type, actor, place, since, until, limit, as_csv, as_json, db) -> None:  # type: ignore[no-untyped-def]
    """List events, one row per real-world happening with its reports (reconciles first).

    \b
    Example:
      sitroom events --type strike --place Dnipro --since 2024-11-01 --db war.db
    """
    from sitroom.export.events import safe_cell
    from sitroom.reconcile import list_event_clusters, reconcile_store

    store = _open(db)
    with store:
        run_guarded(lambda: reconcile_store(store, if_stale=True))
        found = run_guarded(
            lambda: list_event_clusters(
                store,
                type=event_type,
                actor=actor,
                place=place,
                since=since,
                until=until,
                limit=limit,
            )
        )
    if as_json:
        emit_json(found)
        return
    if as_csv:
        import csv

        writer = csv.writer(sys.stdout, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(
            [
                "date_first",
                "event_type",
                "actor",
                "target",
                "place",
                "status",
                "corroboration",
                "outlets",
                "evidence",
            ]
        )
        for c in found:
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        c.date_first,
                        c.event_type,
                        c.actor,
                        c.target,
                        c.place,
                        c.status,
                        c.corroboration,
                        "; ".join(c.outlets),
                        c.reports[0].text,
                    )
                ]
            )
        return
    for c in found:
        click.echo(
            f"{c.date_first or '?':<10}  {c.event_type:<13} {c.status:<11} {c.actor or '-'} -> {c.target or '-'}"
            f"  @ {c.place or '-'}  [{c.corroboration} source(s)]"
        )
        click.echo(f"            {c.reports[0].text[:120]}")
    click.echo(f"{len(found)} event(s)", err=True)


@cli.command()
@json_option
@db_option
def graph(as_json, db) -> None:  # type: ignore[no-untyped-def]
    """Show the actor graph: who attacks, aids, threatens, condemns, meets, sanctions whom.

    \b
    Example:
      sitroom graph --json --db war.db
    """
    from sitroom.reconcile import get_graph, reconcile_store

    store = _open(db)
    with store:
        run_guarded(lambda: reconcile_store(store, if_stale=True))
        found = get_graph(store)
    if as_json:
        emit_json(found)
        return
    for e in found.edges:
        click.echo(
            f"{e.source} --{e.relation}--> {e.target}  ({e.count}x, {e.first_date or '?'} .. {e.last_date or '?'})"
        )
    click.echo(f"{len(found.nodes)} actor(s), {len(found.edges)} edge(s)", err=True)


@cli.command()
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
def export(fmt, out_path, db) -> None:  # type: ignore[no-untyped-def]
    """Export every stored event (CSV is UTF-8 with BOM, fully quoted, formula-safe).

    \b
    Example:
      sitroom export --format acled --out events.csv --db war.db
    """
    from sitroom.export.events import export_events

    store = _open(db)
    with store:
        rows = store.load_event_rows()
        places = store.place_coordinates()
    if out_path is None:
        n = export_events(rows, sys.stdout, format=fmt, places=places)
    else:
        with out_path.open("w", encoding="utf-8", newline="") as handle:
            n = export_events(rows, handle, format=fmt, places=places)
    click.echo(f"exported {n} event(s)", err=True)
