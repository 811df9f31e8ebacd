"""``sitroom ingest`` (inputs into the store) and ``sitroom read`` (inputs to articles, no store)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sitroom.cli.options import (
    JSONValue,
    date_option,
    db_option,
    emit_json,
    format_option,
    index_option,
    json_option,
    record_json,
    settings_from,
)
from sitroom.cli.progress import ProgressReporter
from sitroom.errors import IngestError
from sitroom.jobs.ingest import Extractor, IngestStep
from sitroom.jobs.ingest import ingest as run_ingest
from sitroom.readers import demo_corpus_dir, iter_input_paths, load_index, read_path
from sitroom.records import Article, IngestReport

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["ingest", "read", "summary_line"]


def summary_line(report: IngestReport) -> str:
    """The last line of ``sitroom ingest``: files (inputs) first, then articles."""
    return (
        f"{report.read} files read · {report.failed} files failed"
        f" · {report.new} articles new · {report.duplicate} duplicate"
        f" · {report.near_duplicate} near-duplicate · {report.extract_failed} extraction failed"
        f" · {report.links} links"
    )


def _extractor() -> tuple[Extractor, str]:
    """The NLP extractor and its pipeline version."""
    # Imported here, not at the top: spaCy takes seconds to import, and `sitroom -h` or
    # `sitroom ingest --no-extract` must not pay for it.
    from sitroom.jobs.parallel import PIPELINE_VERSION, extract_articles

    return extract_articles, PIPELINE_VERSION


def _client(*, scheduler: str | None, workers: int | None) -> Client | None:
    """A Dask client when asked for (Dask is imported only then)."""
    if not (scheduler or workers):
        return None
    from sitroom.jobs.cluster import connect

    return connect(scheduler=scheduler, workers=workers)


def _close(client: Client) -> None:
    from sitroom.jobs.cluster import close_client

    close_client(client)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@format_option
@index_option
@date_option("--published", "Publication date for inputs without one (YYYY-MM-DD).")
@click.option("--outlet", help="Outlet name for inputs without one.")
@click.option("--demo", is_flag=True, help="Also ingest the demo corpus shipped with sitroom.")
@click.option(
    "--no-extract", is_flag=True, help="Store articles only; run `sitroom reprocess` later."
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    help="Read and extract in N forked processes (default: 2 on an idle multi-core machine).",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Fan out over a Dask cluster (tcp://HOST:8786)."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Fan out over a local Dask cluster of N worker processes.",
)
@json_option
def ingest(
    paths: tuple[Path, ...],
    db: str | None,
    fmt: str | None,
    index: Path | None,
    published: str | None,
    outlet: str | None,
    demo: bool,
    no_extract: bool,
    processes: int | None,
    scheduler: str | None,
    workers: int | None,
    as_json: bool,
) -> None:
    """Read files and folders (text dumps, HTML, RSS/Atom, WARC, JSON Lines) into the database.

    Each input is stored in its own transaction (a big one in batches, with progress): an
    interrupted run resumes where it stopped, and inputs already read are skipped. Failed inputs, and articles whose
    extraction failed (stored without records until `sitroom reprocess` succeeds), are
    listed on stderr and make the exit status 1.

    \b
    Example:
      sitroom ingest news/ feeds/war.xml --db war.db
      sitroom ingest dump.txt --published 2024-11-21 --outlet "Kyiv Daily" --no-extract
      sitroom ingest --demo --db demo.db
      sitroom ingest news/ --workers 2 --db war.db
      sitroom ingest news/ --scheduler tcp://10.0.0.5:8786 --db war.db
    """
    inputs = [*paths, *([demo_corpus_dir()] if demo else [])]
    if not inputs:
        raise click.UsageError("give at least one PATH, or --demo")
    settings = settings_from(db, extract=False if no_extract else None)
    extract, version = _extractor() if settings.extract else (None, None)
    entries = load_index(index) if index else None
    client = _client(scheduler=scheduler, workers=workers)
    try:
        with ProgressReporter("ingest", unit="files") as reporter:

            def progress(step: IngestStep) -> None:
                detail = f"{step.new} articles new"
                if step.in_batches:  # one big input: say which, the file count stands still
                    detail += f" · reading {step.path.name}"
                reporter.update(step.done, step.total, detail=detail)

            report = run_ingest(
                inputs,
                db=settings.db,
                settings=settings,
                fmt=fmt,
                published=published,
                outlet=outlet,
                index=entries,
                extract=extract,
                pipeline_version=version,
                progress=progress,
                processes=processes,
                client=client,
            )
    finally:
        if client is not None:
            _close(client)
    for failure in report.failures:
        # Reader messages already start with the input's name; don't say it twice.
        reason = failure.message.removeprefix(f"{failure.source}: ")
        click.echo(f"{failure.source}: {failure.stage} failed: {reason}", err=True)
    if as_json:
        emit_json(report)
    click.echo(summary_line(report), err=True)
    sys.exit(1 if report.failed or report.extract_failed else 0)


def article_json(article: Article) -> dict[str, JSONValue]:
    """An article as JSON, with its headings and paragraphs as lists."""
    return dict(
        record_json(article), headings=list(article.headings), paragraphs=list(article.paragraphs)
    )


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
@index_option
@date_option("--published", "Publication date for inputs without one (YYYY-MM-DD).")
@click.option("--outlet", help="Outlet name for inputs without one.")
@json_option
def read(
    paths: tuple[Path, ...],
    fmt: str | None,
    index: Path | None,
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
    entries = load_index(index) if index else None
    articles: list[Article] = []
    failed = 0
    for path in iter_input_paths(paths):
        try:
            result = read_path(path, fmt=fmt, published=published, outlet=outlet, index=entries)
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
                    f"{article.id}  {article.published or '????-??-??'}"
                    f"  {article.title or '(untitled)'}  [{result.format},"
                    f" {len(article.paragraphs)} paragraphs, {len(article.text)} chars]"
                )
    if as_json:
        emit_json([article_json(a) for a in articles])
    sys.exit(1 if failed else 0)
