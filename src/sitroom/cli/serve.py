"""`sitroom serve` (REST API + web UI) and `sitroom brief` (cited situation report)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitroom.cli import cli, db_option, run_guarded, settings_from

__all__ = ["brief", "serve"]


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import re

    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)")
    return value


@cli.command()
@db_option
@click.option("--host", default=None, help="Address to bind [env SITROOM_HOST; default 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [env SITROOM_PORT; default 8000].")
@click.option("--token", default=None, help="Token that writes (uploads) must carry [env SITROOM_TOKEN].")
def serve(db: str | None, host: str | None, port: int | None, token: str | None) -> None:
    """Serve the web UI and the REST API (/api, schema at /api/openapi.json).

    Reads are open; writes (POST /api/ingest) need `Authorization: Bearer TOKEN` and are
    refused entirely when no token is set.

    \b
    Example:
      sitroom serve --db war.db
      SITROOM_TOKEN=s3cret sitroom serve --db war.db --port 8080
    """
    import uvicorn

    from sitroom.api import create_app

    settings = settings_from(db, host=host, port=port, token=token)
    if not settings.db_path.is_file():
        click.echo(f"note: {settings.db_path} does not exist yet; it will be created empty", err=True)
    app = run_guarded(lambda: create_app(settings))
    click.echo(f"sitroom: serving {settings.db_path} at http://{settings.host}:{settings.port}/", err=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


@cli.command()
@db_option
@click.option("--since", callback=_check_date, help="First day (YYYY-MM-DD), inclusive.")
@click.option("--until", callback=_check_date, help="Last day (YYYY-MM-DD), inclusive.")
@click.option("--about", help="Keep records naming this actor, place or speaker.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
def brief(
    db: str | None, since: str | None, until: str | None, about: str | None, fmt: str, out: Path | None
) -> None:
    """Write a situation report: key events, claim changes and contradictions, quotes.

    Every sentence cites [n] the stored records behind it (outlet, title, date and the
    quoted span). Same database, same report.

    \b
    Example:
      sitroom brief --db war.db --since 2025-02-01 --until 2025-02-07
      sitroom brief --db war.db --about Kharkiv --format html --out kharkiv.html
    """
    from sitroom.report import build_brief, render_html, render_markdown
    from sitroom.store import open_store

    settings = settings_from(db)
    if not settings.db_path.is_file():
        click.echo(f"error: no database at {settings.db_path}: ingest first (sitroom ingest --db ...)", err=True)
        sys.exit(1)

    def build() -> str:
        with open_store(settings.db_path, settings=settings, readonly=True) as store:
            report = build_brief(store, since=since, until=until, about=about)
        return render_html(report) if fmt == "html" else render_markdown(report)

    text = run_guarded(build)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)
