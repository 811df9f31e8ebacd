"""Canonical actor of every stored name: quote speakers and event actors share one index.

Reconcile writes one row per name it saw (a quote's speaker, an event's actor or target)
with the canonical actor it stands for ("Putin" -> "Vladimir Putin"), so listings can show
and filter quotes by the person while the records keep the text's own spelling (issue 10).
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 11
DESCRIPTION = "actor_names: stored name -> canonical actor (written by reconcile)"

SCHEMA = """
CREATE TABLE actor_names (
    name TEXT PRIMARY KEY,
    actor TEXT NOT NULL
);
CREATE INDEX actor_names_actor ON actor_names(actor);
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
