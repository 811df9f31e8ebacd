"""`sitroom extract`, `reprocess`, `quotes`, `entities`: the extraction side of the CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sitroom.cli import (
    cli,
    db_option,
    emit_json,
    emit_jsonl,
    json_option,
    run_guarded,
    settings_from,
)
from sitroom.errors import BadRequest


def _read_jsonl_documents(path: str):  # -> list[Document]
    from sitroom.nlp.extract import Document

    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    documents = []
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                documents.append(
                    Document(id=str(item["id"]), text=item["text"], published=item.get("published"))
                )
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise BadRequest(
                    f"{path}:{number}: expected a JSON object with 'id' and 'text' ({e})"
                ) from e
    return documents


@cli.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--published", help="Publication date (YYYY-MM-DD) to resolve relative dates against.")
@click.option("--whole", is_flag=True, help="Treat the input as one document: offsets index the exact input.")
@click.option("--input-jsonl", "input_jsonl", metavar="FILE", help='Read {"id", "text", "published"?} lines.')
@click.option("--format", "fmt", help="Force the input format (text, html, rss, warc, jsonl).")
def extract(source: str, published: str | None, whole: bool, input_jsonl: str | None, fmt: str | None) -> None:
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
    from sitroom.export.contract import extraction_rows
    from sitroom.nlp.extract import Document, extract_documents

    def run() -> None:
        if input_jsonl:
            documents = _read_jsonl_documents(input_jsonl)
            labels: list[str | int] = [d.id for d in documents]
        else:
            raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
            name = "<stdin>" if source == "-" else source
            if whole:
                from sitroom.readers.decode import decode_bytes

                documents = [Document(id="0", text=decode_bytes(raw, name=name), published=published)]
                labels = [0]
            else:
                from sitroom.readers import read_bytes

                result = read_bytes(raw, name=name, fmt=fmt, published=published)
                documents = [
                    Document(id=a.id, text=a.text, published=a.published or published)
                    for a in result.articles
                ]
                labels = list(range(len(documents)))
                emit_jsonl(
                    {"doc": i, "type": "article", "start": 0, "end": len(a.text), "text": a.text,
                     "id": a.id, "title": a.title, "published": a.published}
                    for i, a in enumerate(result.articles)
                )
        for label, extraction in zip(labels, extract_documents(documents), strict=True):
            emit_jsonl(extraction_rows(extraction, doc=label))

    try:
        run_guarded(run)
    except OSError as e:
        click.echo(f"error: cannot read {source}: {e.strerror or e}", err=True)
        sys.exit(1)


@cli.command()
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-run every article, not only stale ones.")
@click.option("--scheduler", metavar="ADDRESS", help="Fan out over a Dask cluster (tcp://HOST:8786).")
@click.option("--workers", type=int, help="Fan out over a local Dask cluster of N worker processes.")
def reprocess(db: str | None, everything: bool, scheduler: str | None, workers: int | None) -> None:
    """Re-run extraction and replace each article's derived records in one transaction.

    By default only articles processed by another pipeline version (or never) are re-run.

    \b
    Example:
      sitroom reprocess --db war.db
      sitroom reprocess --all --db war.db
      sitroom reprocess --all --workers 2 --db war.db
      sitroom reprocess --scheduler tcp://10.0.0.5:8786 --db war.db
    """
    from sitroom.jobs.reprocess import reprocess_store

    settings = settings_from(db)
    client = None
    if scheduler or workers:
        from sitroom.jobs.cluster import connect

        client = connect(scheduler=scheduler, workers=workers)
    try:
        report = run_guarded(lambda: reprocess_store(settings.db_path, everything=everything, client=client))
    finally:
        if client is not None:
            cluster = client.cluster  # None when connected to a remote scheduler
            client.close()
            if cluster is not None:
                cluster.close()
    click.echo(f"reprocessed {report.processed} article(s), {report.failed} failed", err=True)
    sys.exit(1 if report.failed else 0)


@cli.command()
@db_option
@json_option
@click.option("--speaker", help="Only quotes whose speaker matches this name (fuzzy).")
@click.option("--limit", default=50, show_default=True)
def quotes(db: str | None, as_json: bool, speaker: str | None, limit: int) -> None:
    """List stored quotes with their speakers and spans.

    \b
    Example:
      sitroom quotes --speaker Peskov --db war.db
    """
    from sitroom.store import open_store

    store = run_guarded(lambda: open_store(settings_from(db).db_path, readonly=True))
    rows = run_guarded(lambda: store.list_quotes(speaker=speaker, limit=limit))
    if as_json:
        emit_json(rows)
        return
    for q in rows:
        who = q.speaker or (f"({q.speaker_text})" if q.speaker_text else "?")
        click.echo(f"{q.article_id} [{q.start}:{q.end}] {q.kind:<8} {who}: {q.text}")


@cli.command()
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
    from sitroom.store import open_store

    store = run_guarded(lambda: open_store(settings_from(db).db_path, readonly=True))
    rows = run_guarded(lambda: store.list_entities(label=label, limit=limit))
    if as_json:
        emit_json(rows)
        return
    for e in rows:
        aliases = ", ".join(a for a in e.aliases if a != e.name)
        roles = "; ".join(e.roles)
        click.echo(f"{e.label:<7} {e.name}" + (f"  aka {aliases}" if aliases else "") + (f"  [{roles}]" if roles else ""))


