"""``sitroom serve``: the REST API and web UI."""

from __future__ import annotations

import click

from sitroom.cli.options import db_option, settings_from
from sitroom.store import open_store

__all__ = ["serve"]


@click.command()
@db_option
@click.option("--host", default=None, help="Address to bind [env SITROOM_HOST; default 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [env SITROOM_PORT; default 8000].")
@click.option(
    "--token", default=None, help="Token that writes (uploads) must carry [env SITROOM_TOKEN]."
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="Also answer requests for this host name (repeatable) [env SITROOM_ALLOWED_HOSTS].",
)
def serve(
    db: str | None,
    host: str | None,
    port: int | None,
    token: str | None,
    allowed_hosts: tuple[str, ...],
) -> None:
    """Serve the web UI and the REST API (/api, schema at /api/openapi.json).

    Reads are open; writes (POST /api/ingest) need `Authorization: Bearer TOKEN` and are
    refused entirely when no token is set.

    \b
    Example:
      sitroom serve --db war.db
      SITROOM_TOKEN=s3cret sitroom serve --db war.db --port 8080
    """
    # Imported here, not at the top: FastAPI, uvicorn and (through the upload route) spaCy
    # take seconds to import, which every other command would pay for.
    import uvicorn

    from sitroom.api import create_app

    settings = settings_from(
        db,
        host=host,
        port=port,
        token=token,
        allowed_hosts=",".join(allowed_hosts) or None,
    )
    # Without a token nothing can ever be written, so a missing database is a mistyped path
    # (refused, exit 1); with one, uploads fill a new database, created here.
    with open_store(settings.db, settings=settings, readonly=settings.token is None):
        pass
    app = create_app(settings)
    click.echo(
        f"sitroom: serving {settings.db_label} at http://{settings.host}:{settings.port}/",
        err=True,
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
