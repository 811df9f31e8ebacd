"""Remember what the cross-article tables were computed from, so unchanged stores skip it.

One row: the fingerprint of the events and claims tables at the last reconcile.
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 4
DESCRIPTION = "fingerprint of the inputs of the last reconcile"

SCHEMA = """
CREATE TABLE reconcile_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    reconciled_at TEXT NOT NULL
);
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
