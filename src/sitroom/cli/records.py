"""``sitroom quotes``, ``claims``, ``entities``, ``events``, ``graph``: extracted and reconciled records."""

from __future__ import annotations

import csv
import sys

import click

from sitroom.cli.options import db_option, emit_json, json_option, open_db, record_json
from sitroom.export.events import safe_cell
from sitroom.reconcile import get_graph, list_speakers, reconcile_store, speaker_actor
from sitroom.records import Quote

__all__ = ["claims", "entities", "events", "graph", "quotes"]

# Columns of `sitroom events --csv`, in order.
EVENT_CSV_COLUMNS = (
    "date_first",
    "event_type",
    "actor",
    "target",
    "place",
    "status",
    "corroboration",
    "outlets",
    "evidence",
)


@click.command()
@db_option
@json_option
@click.option(
    "--speaker", help="Only quotes whose speaker or its canonical actor matches this (substring)."
)
@click.option(
    "--speakers", "by_speaker", is_flag=True, help="List speakers by actor, with their aliases."
)
@click.option("--limit", default=50, show_default=True)
def quotes(
    db: str | None, as_json: bool, speaker: str | None, by_speaker: bool, limit: int
) -> None:
    """List stored quotes with their speakers (canonical actor and the text's spelling) and spans.

    \b
    Example:
      sitroom quotes --speaker Peskov --db war.db
      sitroom quotes --speakers --db war.db
    """
    with open_db(db) as store:
        reconcile_store(store, if_stale=True)
        if by_speaker:
            speakers = list_speakers(store)[:limit]
        else:
            rows = store.list_quotes(speaker=speaker, limit=limit)
            names = store.read_actor_names()
    if by_speaker:
        if as_json:
            emit_json(speakers)
            return
        for s in speakers:
            aliases = ", ".join(a for a in s.aliases if a != s.actor)
            click.echo(f"{s.quotes:>5}  {s.actor}" + (f"  (as {aliases})" if aliases else ""))
        return
    if as_json:
        emit_json(
            [{**record_json(q), "speaker_actor": speaker_actor(q.speaker, names)} for q in rows]
        )
        return
    for q in rows:
        click.echo(f"{q.article_id} [{q.start}:{q.end}] {q.kind:<8} {_who(q, names)}: {q.text}")


def _who(quote: Quote, names: dict[str, str]) -> str:
    """The canonical actor, then the text's own spelling where it differs: 'A (as "Mr A")'."""
    actor = speaker_actor(quote.speaker, names)
    if actor is None:
        return f"({quote.speaker_text})" if quote.speaker_text else "?"
    spelled = quote.speaker_text or quote.speaker
    return actor if spelled in (actor, None) else f'{actor} (as "{spelled}")'


@click.command()
@click.option("--about", default=None, help="What is counted (substring): 'North Korean troops'.")
@click.option("--groups", is_flag=True, help="Group claims about the same thing across sources.")
@click.option(
    "--contradictions", is_flag=True, help="Only groups whose sources disagree (implies --groups)."
)
@click.option(
    "--limit", default=50, show_default=True, help="Most claims to list (without --groups)."
)
@json_option
@db_option
def claims(
    about: str | None,
    groups: bool,
    contradictions: bool,
    limit: int,
    as_json: bool,
    db: str | None,
) -> None:
    """List numeric claims, or claim groups with their spread and contradictions.

    \b
    Example:
      sitroom claims --about "troops" --groups --db war.db
      sitroom claims --contradictions --json --db war.db
    """
    if not (groups or contradictions):
        with open_db(db) as store:
            found = store.list_claims(about=about, limit=limit)
        if as_json:
            emit_json(found)
            return
        for c in found:
            click.echo(f"{c.text:<24} {c.what or '-':<40} {c.claimant or '-'}")
        click.echo(f"{len(found)} claim(s)", err=True)
        return
    with open_db(db) as store:
        reconcile_store(store, if_stale=True)
        found_groups = store.read_claim_groups(about=about, contradictions_only=contradictions)
    if as_json:
        emit_json(found_groups)
        return
    for g in found_groups:
        flag = "  CONTRADICTION" if g.contradiction else ""
        click.echo(f"{g.topic}  [{len(g.values)} values, {g.low:g}..{g.high:g}]{flag}")
        for v in g.values:
            click.echo(
                f"    {v.text:<24} {v.claimant or '-':<32} {v.outlet or '-'} {v.published or ''}"
            )
    click.echo(f"{len(found_groups)} group(s)", err=True)


@click.command()
@db_option
@json_option
@click.option("--type", "label", help="PERSON, ORG, GPE, LOC, NORP, FAC or WEAPON.")
@click.option("--limit", default=100, show_default=True)
def entities(db: str | None, as_json: bool, label: str | None, limit: int) -> None:
    """List canonical entities with their aliases and roles.

    \b
    Example:
      sitroom entities --type PERSON --db war.db
    """
    with open_db(db) as store:
        rows = store.list_entities(label=label, limit=limit)
    if as_json:
        emit_json(rows)
        return
    for e in rows:
        aliases = ", ".join(a for a in e.aliases if a != e.name)
        roles = "; ".join(e.roles)
        click.echo(
            f"{e.label:<7} {e.name}"
            + (f"  aka {aliases}" if aliases else "")
            + (f"  [{roles}]" if roles else "")
        )


@click.command()
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
def events(
    event_type: str | None,
    actor: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_csv: bool,
    as_json: bool,
    db: str | None,
) -> None:
    """List events, one row per real-world happening with its reports (reconciles first).

    \b
    Example:
      sitroom events --type strike --place Dnipro --since 2024-11-01 --db war.db
    """
    with open_db(db) as store:
        reconcile_store(store, if_stale=True)
        found = store.read_event_clusters(
            type=event_type,
            actor=actor,
            place=place,
            since=since,
            until=until,
            limit=limit,
        )
    if as_json:
        emit_json(found)
        return
    if as_csv:
        writer = csv.writer(sys.stdout, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(EVENT_CSV_COLUMNS)
        for c in found:
            row = (
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
            writer.writerow([safe_cell(v) for v in row])
        return
    for c in found:
        click.echo(
            f"{c.date_first or '?':<10}  {c.event_type:<13} {c.status:<11}"
            f" {c.actor or '-'} -> {c.target or '-'}  @ {c.place or '-'}"
            f"  [{c.corroboration} source(s)]"
        )
        click.echo(f"            {c.reports[0].text[:120]}")
    click.echo(f"{len(found)} event(s)", err=True)


@click.command()
@click.option(
    "--low-confidence",
    is_flag=True,
    help="Also the edges of events not stated as fact (below the confidence bar, not"
    " reported or claimed, or with no named actor), drawn ..relation..> and marked.",
)
@json_option
@db_option
def graph(low_confidence: bool, as_json: bool, db: str | None) -> None:
    """Show the actor graph: who attacks, aids, threatens, condemns, meets, sanctions whom.

    Only events stated as fact make edges, as on the overview and in the brief; the rest
    only with --low-confidence ("confident": false in --json).

    \b
    Example:
      sitroom graph --json --db war.db
      sitroom graph --low-confidence --db war.db
    """
    with open_db(db) as store:
        reconcile_store(store, if_stale=True)
        found = get_graph(store, low_confidence=low_confidence)
    if as_json:
        emit_json(found)
        return
    for e in found.edges:
        arrow = f"--{e.relation}-->" if e.confident else f"..{e.relation}..>"
        click.echo(
            f"{e.source} {arrow} {e.target}"
            f"  ({e.count}x, {e.first_date or '?'} .. {e.last_date or '?'})"
            + ("" if e.confident else "  [low confidence]")
        )
    click.echo(f"{len(found.nodes)} actor(s), {len(found.edges)} edge(s)", err=True)
