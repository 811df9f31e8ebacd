"""Event clusters get the first and last day their dates cover, to sort and filter by.

``date_first``/``date_last`` keep the TIMEX3 values as found ("2025-W10", "2025-03-20");
as strings they neither sort nor compare across precisions. Filled by the next reconcile
(the m004 fingerprint is cleared so it happens on first use).
"""

from __future__ import annotations

from sitroom.store.connection import Connection
from sitroom.store.migrations import execute_script

VERSION = 5
DESCRIPTION = "event clusters: day_first/day_last (ISO days) for ordering and date filters"

SCHEMA = """
ALTER TABLE event_clusters ADD COLUMN day_first TEXT;
ALTER TABLE event_clusters ADD COLUMN day_last TEXT;
CREATE INDEX event_clusters_day ON event_clusters(day_first);
DELETE FROM reconcile_state;
"""


def apply(conn: Connection) -> None:
    execute_script(conn, conn.dialect.ddl(SCHEMA))
