"""The ``sitroom`` command line: thin click commands over the library.

:mod:`sitroom.cli.main` holds the group (and the one place errors become exit codes) and
adds every command by name; the command modules are named for what their commands do:
``ingest`` (ingest, read), ``browse`` (articles, show, search, stats), ``records``
(quotes, claims, entities, events, graph), ``extract`` (extract, reprocess), ``report``
(brief, export), ``serve``, ``db`` (db migrate). Shared options live in ``options``.
"""

from __future__ import annotations

from sitroom.cli.main import cli

__all__ = ["cli"]
