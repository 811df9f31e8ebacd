"""`sitroom ingest`, `read`, `articles`, `show`, `search`, `stats`, `db migrate`: the store side of the CLI."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from sitroom.cli import cli, db_option, emit_json, json_option, run_guarded, settings_from
from sitroom.records import (
    Article,
    Claim,
    Extraction,
    Failure,
    IngestReport,
    Mention,
    Place,
    Quote,
    Timex,
)

# Show a progress bar past this many inputs even when stderr is not a terminal (logs of
# long batch runs); below it a batch finishes before a bar would say anything.
PROGRESS_MIN_INPUTS = 20
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _ISO_DATE.match(value):
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    return value


# Same as sitroom.readers.FORMATS (a test checks): not imported, so `sitroom -h` does not load
# the readers and their parsers.
FORMATS = ("text", "html", "rss", "warc", "jsonl")


def _format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        help="Read every input as this format (default: detect).",
    )(func)


def _open(db: str | None) -> Any:
    from sitroom.store import open_store

    settings = settings_from(db)
    return run_guarded(lambda: open_store(settings.db_path, settings=settings))


def _extractor(
    failures: list[Failure],
) -> tuple[Callable[[Iterable[Article]], Iterable[Extraction]] | None, str | None]:
    """The NLP extraction callable and its pipeline version."""
    # Imported here, not at the top: loading spaCy would slow every other command's start.
    from sitroom.nlp.extract import PIPELINE_VERSION, extract_articles

    def extract(articles: Iterable[Article]) -> Iterable[Extraction]:
        # Forgiving per article: one that fails extraction is stored without records and
        # stays stale, so `sitroom reprocess` picks it up later.
        return extract_articles(articles, failures=failures)

    return extract, PIPELINE_VERSION


def summary_line(report: IngestReport) -> str:
    return (
        f"read {report.read} · new {report.new} · duplicate {report.duplicate}"
        f" · near-duplicate {report.near_duplicate} · failed {report.failed} · links {report.links}"
    )


class _Progress:
    """A click progress bar on stderr, started once the number of inputs is known."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int, path: Path) -> None:
        if self.bar is None:
            if not (sys.stderr.isatty() or total > PROGRESS_MIN_INPUTS):
                self.bar = False
                return
            self.bar = click.progressbar(length=total, label="ingesting", file=sys.stderr)
            self.bar.__enter__()
        if self.bar:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar:
            self.bar.__exit__(None, None, None)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@_format_option
@click.option(
    "--published",
    callback=_check_date,
    help="Publication date for inputs without one (YYYY-MM-DD).",
)
@click.option("--outlet", help="Outlet name for inputs without one.")
@click.option("--demo", is_flag=True, help="Also ingest the demo corpus shipped with sitroom.")
@click.option(
    "--no-extract", is_flag=True, help="Store articles only; run `sitroom reprocess` later."
)
@json_option
def ingest(
    paths: tuple[Path, ...],
    db: str | None,
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    demo: bool,
    no_extract: bool,
    as_json: bool,
) -> None:
    """Read files and folders (text dumps, HTML, RSS/Atom, WARC, JSON Lines) into the database.

    Each input is stored in its own transaction: an interrupted run resumes where it
    stopped, and inputs already read are skipped. Failed inputs are listed on stderr and
    make the exit status 1.

    \b
    Example:
      sitroom ingest news/ feeds/war.xml --db war.db
      sitroom ingest dump.txt --published 2024-11-21 --outlet "Kyiv Daily" --no-extract
      sitroom ingest --demo --db demo.db
    """
    from sitroom.jobs.ingest import ingest as run_ingest
    from sitroom.readers import demo_corpus_dir

    inputs = list(paths) + ([demo_corpus_dir()] if demo else [])
    if not inputs:
        raise click.UsageError("give at least one PATH, or --demo")
    settings = settings_from(db, extract=False if no_extract else None)
    extract_failures: list[Failure] = []
    extract, version = _extractor(extract_failures) if settings.extract else (None, None)
    progress = _Progress()
    try:
        report = run_guarded(
            lambda: run_ingest(
                inputs,
                db=settings.db_path,
                settings=settings,
                fmt=fmt,
                published=published,
                outlet=outlet,
                extract=extract,
                pipeline_version=version,
                progress=progress,
            )
        )
    finally:
        progress.close()
    for failure in (*report.failures, *extract_failures):
        # Reader messages already start with the input's name; don't say it twice.
        reason = failure.message.removeprefix(f"{failure.source}: ")
        click.echo(f"{failure.source}: {failure.stage} failed: {reason}", err=True)
    if as_json:
        emit_json(report)
    click.echo(summary_line(report), err=True)
    sys.exit(1 if report.failed else 0)


def _article_json(article: Article) -> dict[str, Any]:
    from sitroom.cli import _plain

    return dict(
        _plain(article), headings=list(article.headings), paragraphs=list(article.paragraphs)
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_format_option
@click.option(
    "--published",
    callback=_check_date,
    help="Publication date for inputs without one (YYYY-MM-DD).",
)
@click.option("--outlet", help="Outlet name for inputs without one.")
@json_option
def read(
    paths: tuple[Path, ...],
    fmt: str | None,
    published: str | None,
    outlet: str | None,
    as_json: bool,
) -> None:
    """Print the articles the readers make from the inputs, without storing anything.

    \b
    Example:
      sitroom read dump.txt
      sitroom read page.html --json
    """
    from sitroom.errors import IngestError
    from sitroom.readers import iter_input_paths, read_path

    articles: list[Article] = []
    failed = 0
    for path in iter_input_paths(paths):
        try:
            result = read_path(path, fmt=fmt, published=published, outlet=outlet)
        except IngestError as e:
            click.echo(f"error: {e}", err=True)
            failed += 1
            continue
        for message in result.skipped:
            click.echo(f"skipped: {message}", err=True)
        articles += result.articles
        if not as_json:
            for article in result.articles:
                click.echo(
                    f"{article.id}  {article.published or '????-??-??'}  {article.title or '(untitled)'}"
                    f"  [{result.format}, {len(article.paragraphs)} paragraphs, {len(article.text)} chars]"
                )
    if as_json:
        emit_json([_article_json(a) for a in articles])
    sys.exit(1 if failed else 0)


@cli.command()
@db_option
@json_option
@click.option("--limit", default=50, show_default=True, help="Articles per page.")
@click.option(
    "--cursor", help="Continue after this position (the next_cursor of the previous page)."
)
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", callback=_check_date, help="Published on or after (YYYY-MM-DD).")
@click.option("--until", callback=_check_date, help="Published on or before (YYYY-MM-DD).")
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
    store = _open(db)
    page = run_guarded(
        lambda: store.list_articles(
            limit=limit, cursor=cursor, outlet=outlet, since=since, until=until
        )
    )
    if as_json:
        emit_json({"items": page.items, "next_cursor": page.next_cursor})
        return
    for item in page.items:
        dup = f"  (copy of {item.duplicate_of})" if item.duplicate_of else ""
        click.echo(
            f"{item.id}  {item.published or '????-??-??'}  {item.outlet or '-'}  {item.title or '(untitled)'}{dup}"
        )
    if page.next_cursor:
        click.echo(f"more: --cursor '{page.next_cursor}'", err=True)


def _detail(record: Any) -> str:
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
    for kind, records in (
        ("mention", extraction.mentions),
        ("quote", extraction.quotes),
        ("claim", extraction.claims),
        ("timex", extraction.timexes),
        ("place", extraction.places),
        ("event", extraction.events),
    ):
        for r in records:
            yield f"  {kind:<7} [{r.start}:{r.end}] {r.text!r}  {_detail(r)}"


@cli.command()
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
    from sitroom.store import get_article, get_extraction, resolve_article_id

    store = _open(db)
    full_id = run_guarded(lambda: resolve_article_id(store, article_id))
    article = run_guarded(lambda: get_article(store, full_id))
    extraction = run_guarded(lambda: get_extraction(store, full_id))
    if as_json:
        emit_json({"article": _article_json(article), "extraction": extraction})
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


@cli.command()
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
    from sitroom.store import MARK_CLOSE, MARK_OPEN

    store = _open(db)
    hits = run_guarded(lambda: store.search(query, limit=limit, raw=raw))
    if as_json:
        emit_json([dict(vars_of(hit), snippet=hit.marked("[", "]")) for hit in hits])
        return
    if not hits:
        click.echo("no matches", err=True)
    tty = sys.stdout.isatty()
    for hit in hits:
        # On a terminal matches are bold; in a pipe or file (no colours) they are [bracketed].
        snippet = re.sub(
            f"{MARK_OPEN}(.*?){MARK_CLOSE}",
            lambda m: click.style(m.group(1), bold=True, fg="yellow") if tty else f"[{m.group(1)}]",
            hit.snippet.replace("\n", " "),
        )
        click.echo(
            f"{hit.article_id}  {hit.published or '????-??-??'}  {hit.title or '(untitled)'}"
            f"  (bm25 {hit.score:.3g})"
        )
        click.echo(f"    {snippet}")


def vars_of(record: Any) -> dict[str, Any]:
    from sitroom.cli import _plain

    return dict(_plain(record))


@cli.command()
@db_option
@json_option
def stats(db: str | None, as_json: bool) -> None:
    """Count articles, sources, near-duplicates, links and extracted records.

    \b
    Example:
      sitroom stats --db war.db
      sitroom stats --json
    """
    store = _open(db)
    counts = run_guarded(store.stats)
    if as_json:
        emit_json(counts)
        return
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {value:>8,}")


@cli.group(name="db")
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
    from sitroom.store import migrate_store, open_store, schema_versions

    settings = settings_from(db)
    store = run_guarded(lambda: open_store(settings.db_path, settings=settings, migrate=False))
    applied = run_guarded(lambda: migrate_store(store))
    versions = schema_versions(store)
    done = f"applied {', '.join(map(str, applied))}" if applied else "nothing to apply"
    click.echo(f"{settings.db_path}: schema version {max(versions, default=0)} ({done})")
