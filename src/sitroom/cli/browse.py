"""``sitroom articles``, ``show``, ``search``, ``stats``: reading what the store holds."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

import click

from sitroom.cli.ingest import article_json
from sitroom.cli.options import (
    date_option,
    db_option,
    emit_json,
    json_option,
    open_db,
    record_json,
)
from sitroom.records import Claim, Event, Extraction, Mention, Place, Quote, Timex
from sitroom.store import MARK_CLOSE, MARK_OPEN

__all__ = ["articles", "search", "show", "stats"]


@click.command()
@db_option
@json_option
@click.option("--limit", default=50, show_default=True, help="Articles per page.")
@click.option(
    "--cursor", help="Continue after this position (the next_cursor of the previous page)."
)
@click.option("--outlet", help="Only this outlet.")
@date_option("--since", "Published on or after (YYYY-MM-DD).")
@date_option("--until", "Published on or before (YYYY-MM-DD).")
def articles(
    db: str | None,
    as_json: bool,
    limit: int,
    cursor: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
) -> None:
    """List stored articles, newest first.

    \b
    Example:
      sitroom articles --db war.db --limit 20
      sitroom articles --since 2024-11-01 --json
    """
    with open_db(db) as store:
        page = store.list_articles(
            limit=limit, cursor=cursor, outlet=outlet, since=since, until=until
        )
    if as_json:
        emit_json({"items": page.items, "next_cursor": page.next_cursor})
        return
    for item in page.items:
        dup = f"  (copy of {item.duplicate_of})" if item.duplicate_of else ""
        click.echo(
            f"{item.id}  {item.published or '????-??-??'}  {item.outlet or '-'}"
            f"  {item.title or '(untitled)'}{dup}"
        )
    if page.next_cursor:
        click.echo(f"more: --cursor '{page.next_cursor}'", err=True)


Record = Mention | Quote | Claim | Timex | Place | Event


def _detail(record: Record) -> str:
    """One line of what a record says besides its span (the normalized fields)."""
    if isinstance(record, Mention):
        return f"{record.label} -> {record.entity}"
    if isinstance(record, Quote):
        return f"{record.kind}, speaker {record.speaker or record.speaker_text or '?'}"
    if isinstance(record, Claim):
        return f"value {record.value} {record.unit or ''} {record.what or ''}".rstrip()
    if isinstance(record, Timex):
        return f"{record.timex_type} {record.value}"
    if isinstance(record, Place):
        return f"{record.kind} {record.country or ''} {record.lat},{record.lon}"
    return (
        f"{record.event_type} actor={record.actor} target={record.target}"
        f" place={record.place} date={record.date}"
    )


def _record_lines(extraction: Extraction) -> Iterable[str]:
    kinds: tuple[tuple[str, tuple[Record, ...]], ...] = (
        ("mention", extraction.mentions),
        ("quote", extraction.quotes),
        ("claim", extraction.claims),
        ("timex", extraction.timexes),
        ("place", extraction.places),
        ("event", extraction.events),
    )
    for kind, records in kinds:
        for r in records:
            yield f"  {kind:<7} [{r.start}:{r.end}] {r.text!r}  {_detail(r)}"


@click.command()
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db: str | None, as_json: bool) -> None:
    """Show one article: its metadata, blocks and extracted records with their spans.

    ARTICLE_ID may be a unique prefix of the id (at least 4 characters).

    \b
    Example:
      sitroom show 3fa2c1 --db war.db
      sitroom show 3fa2c1d07b9e4410 --json
    """
    with open_db(db) as store:
        full_id = store.resolve_article_id(article_id)
        article = store.get_article(full_id)
        extraction = store.get_extraction(full_id)
    if as_json:
        emit_json({"article": article_json(article), "extraction": extraction})
        return
    click.echo(click.style(article.title or "(untitled)", bold=True))
    for label, value in (
        ("id", article.id), ("published", article.published), ("outlet", article.outlet),
        ("byline", article.byline), ("url", article.url), ("source", article.source),
        ("copy of", article.duplicate_of), ("pipeline", article.pipeline_version),
    ):  # fmt: skip
        if value:
            click.echo(f"{label:>10}: {value}")
    if article.dek:
        click.echo(f"\n{article.dek}")
    for block in article.blocks:
        text = click.style(block.text, bold=True) if block.kind == "heading" else block.text
        click.echo(f"\n[{block.start}:{block.end}] {text}")
    lines = list(_record_lines(extraction))
    if lines:
        click.echo("\nrecords:")
        click.echo("\n".join(lines))


@click.command()
@click.argument("query")
@db_option
@json_option
@click.option("--limit", default=20, show_default=True, help="Most hits to show.")
@click.option(
    "--raw", is_flag=True, help='Use FTS5 syntax: AND OR NOT, "phrases", prefix*, NEAR(a b).'
)
def search(query: str, db: str | None, as_json: bool, limit: int, raw: bool) -> None:
    """Full-text search over article titles and bodies, best matches first.

    Without --raw every word is matched literally (punctuation is never syntax).

    \b
    Example:
      sitroom search "air defence" --db war.db
      sitroom search 'drone* NOT shahed' --raw --json
    """
    with open_db(db) as store:
        hits = store.search(query, limit=limit, raw=raw)
    if as_json:
        emit_json([dict(record_json(hit), snippet=hit.marked("[", "]")) for hit in hits])
        return
    if not hits:
        click.echo("no matches", err=True)
    tty = sys.stdout.isatty()

    def mark(match: re.Match[str]) -> str:
        # On a terminal matches are bold; in a pipe or file (no colours) they are [bracketed].
        return click.style(match.group(1), bold=True, fg="yellow") if tty else f"[{match[1]}]"

    for hit in hits:
        snippet = re.sub(f"{MARK_OPEN}(.*?){MARK_CLOSE}", mark, hit.snippet.replace("\n", " "))
        click.echo(
            f"{hit.article_id}  {hit.published or '????-??-??'}  {hit.title or '(untitled)'}"
            f"  (bm25 {hit.score:.3g})"
        )
        click.echo(f"    {snippet}")


@click.command()
@db_option
@json_option
def stats(db: str | None, as_json: bool) -> None:
    """Count articles, sources, near-duplicates, links, failed extractions and records.

    `extract failed` counts articles whose extraction failed (stored without records);
    `sitroom reprocess` retries them.

    \b
    Example:
      sitroom stats --db war.db
      sitroom stats --json
    """
    with open_db(db) as store:
        counts = store.stats()
    if as_json:
        emit_json(counts)
        return
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {value:>8,}")
    if counts.get("extract_failed"):
        click.echo(
            f"{counts['extract_failed']} article(s) failed extraction:"
            " `sitroom reprocess` retries them",
            err=True,
        )
