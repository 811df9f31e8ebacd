"""``sitroom extract`` (records as JSON Lines, no store) and ``sitroom reprocess`` (re-extract stored)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import click

from sitroom.cli.options import db_option, emit_jsonl, settings_from
from sitroom.cli.progress import ProgressReporter
from sitroom.errors import BadRequest, IngestError
from sitroom.export.contract import extraction_rows
from sitroom.readers import FORMATS
from sitroom.readers.decode import decode_bytes

__all__ = ["extract", "reprocess"]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Text:
    """One text to extract from (an ``nlp.extract.Document`` once spaCy is imported)."""

    id: str
    text: str
    published: str | None
    label: str | int  # the `doc` field of its rows


def _jsonl_texts(stream: IO[str], *, name: str) -> Iterator[_Text]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            key, text, published = str(item["id"]), item["text"], item.get("published")
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise BadRequest(
                f"{name}:{number}: expected a JSON object with 'id' and 'text' ({e})"
            ) from e
        yield _Text(id=key, text=text, published=published, label=key)


def _read_raw(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as e:
        raise IngestError(f"cannot read {source}: {e.strerror or e}") from e


def _input_jsonl(path: str) -> list[_Text]:
    if path == "-":
        return list(_jsonl_texts(sys.stdin, name=path))
    try:
        stream = open(path, encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as e:
        raise IngestError(f"cannot read {path}: {e.strerror or e}") from e
    with stream:
        return list(_jsonl_texts(stream, name=path))


def _input_whole(source: str, *, published: str | None) -> list[_Text]:
    name = "<stdin>" if source == "-" else source
    text = decode_bytes(_read_raw(source), name=name)
    return [_Text(id="0", text=text, published=published, label=0)]


def _input_articles(source: str, *, published: str | None, fmt: str | None) -> list[_Text]:
    """Read the input like `sitroom read`, print an `article` row per article."""
    # Imported here, not at the top: `--whole` and `--input-jsonl` need no reader (nor
    # trafilatura, which the HTML reader loads).
    from sitroom.readers import read_bytes

    name = "<stdin>" if source == "-" else source
    result = read_bytes(_read_raw(source), name=name, fmt=fmt, published=published)
    emit_jsonl(
        {"doc": i, "type": "article", "start": 0, "end": len(a.text), "text": a.text,
         "id": a.id, "title": a.title, "published": a.published}
        for i, a in enumerate(result.articles)
    )  # fmt: skip
    return [
        _Text(id=a.id, text=a.text, published=a.published or published, label=i)
        for i, a in enumerate(result.articles)
    ]


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option(
    "--published", help="Publication date (YYYY-MM-DD) to resolve relative dates against."
)
@click.option(
    "--whole", is_flag=True, help="Treat the input as one document: offsets index the exact input."
)
@click.option(
    "--input-jsonl",
    "input_jsonl",
    metavar="FILE",
    help='Read {"id", "text", "published"?} lines.',
)
@click.option("--format", "fmt", help=f"Force the input format ({', '.join(FORMATS)}).")
def extract(
    source: str, published: str | None, whole: bool, input_jsonl: str | None, fmt: str | None
) -> None:
    """Print extracted records as JSON Lines, without a store.

    Without --whole the input is read like `sitroom read` (a dump is split into articles)
    and each record's offsets index its article's text; an `article` line per article
    gives that text. With --whole the input is one document and offsets index it exactly.

    \b
    Example:
      sitroom extract news.txt --published 2025-03-14
      echo "Russia launched 48 drones on Thursday, the air force said." | sitroom extract --whole --published 2025-03-14
      sitroom extract --input-jsonl docs.jsonl
    """
    # Imported here, not at the top: spaCy takes seconds to import, and `sitroom -h` and
    # every command that does not extract must not pay for it.
    from sitroom.jobs.parallel import run_extraction
    from sitroom.nlp.extract import Document

    if input_jsonl:
        texts = _input_jsonl(input_jsonl)
    elif whole:
        texts = _input_whole(source, published=published)
    else:
        texts = _input_articles(source, published=published, fmt=fmt)
    documents = [Document(id=t.id, text=t.text, published=t.published) for t in texts]
    for text, extraction in zip(texts, run_extraction(documents), strict=True):
        emit_jsonl(extraction_rows(extraction, doc=text.label))


@click.command()
@db_option
@click.option(
    "--all", "everything", is_flag=True, help="Re-run every article, not only stale ones."
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Fan out over a Dask cluster (tcp://HOST:8786)."
)
@click.option(
    "--workers", type=int, help="Fan out over a local Dask cluster of N worker processes."
)
def reprocess(db: str | None, everything: bool, scheduler: str | None, workers: int | None) -> None:
    """Re-run extraction and replace each article's derived records in one transaction.

    By default only articles processed by another pipeline version (or never, or whose
    extraction failed) are re-run. Articles that fail are listed on stderr, counted in
    `sitroom stats`, and make the exit status 1.

    \b
    Example:
      sitroom reprocess --db war.db
      sitroom reprocess --all --db war.db
      sitroom reprocess --all --workers 2 --db war.db
      sitroom reprocess --scheduler tcp://10.0.0.5:8786 --db war.db
    """
    # Imported here, not at the top: spaCy (and Dask, when asked for) take seconds to import.
    from sitroom.jobs.cluster import close_client, connect
    from sitroom.jobs.reprocess import reprocess_store

    settings = settings_from(db)
    client = connect(scheduler=scheduler, workers=workers) if scheduler or workers else None
    try:
        with ProgressReporter("reprocess", unit="articles") as reporter:
            report = reprocess_store(
                settings.db,
                everything=everything,
                client=client,
                progress=reporter.update,
            )
    finally:
        if client is not None:
            close_client(client)
    for failure in report.failures:
        click.echo(f"article {failure.source}: extract failed: {failure.message}", err=True)
    click.echo(f"reprocessed {report.processed} article(s), {report.failed} failed", err=True)
    sys.exit(1 if report.failed else 0)
