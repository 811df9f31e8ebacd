"""The PostgreSQL backend: a :class:`~sitroom.store.connection.Connection` over psycopg 3.

A team shares one server (``--db postgresql://user@host:5432/sitroom``). Statements are the
query modules' own, with ``?`` turned into psycopg's ``%s`` here; rows read by position and
by column name, as ``sqlite3.Row`` does, so :mod:`sitroom.store.rows` builds records from
either backend.

Writers: every write transaction first takes one transaction-scoped advisory lock
(``pg_advisory_xact_lock``), so writes queue as they do on SQLite's ``BEGIN IMMEDIATE``.
Why a lock rather than re-checks: a writer looks for near-duplicates among the stored
articles (``minhash_bands``, :mod:`sitroom.store.dedup`) and canonicalizes entity names
(read the names, then insert); taking turns keeps both free of races, so two copies of one
story written at once are still linked.
Readers never wait for the lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.rows import RowMaker

from sitroom.config import DB_URL_SCHEMES, Settings, is_db_url, redact_db_url
from sitroom.errors import StoreError
from sitroom.store.connection import POSTGRES, Connection, Cursor, Params, to_pyformat

__all__ = ["URL_SCHEMES", "WRITE_LOCK", "PostgresConnection", "connect_postgres", "is_url"]

URL_SCHEMES = DB_URL_SCHEMES
# The advisory lock key every sitroom writer takes (any fixed 64-bit number; this one spells
# "sitroom" in ASCII, so it is recognisable in pg_locks).
WRITE_LOCK = 0x73_69_74_72_6F_6F_6D
# Seconds a connection attempt waits for the server before giving up.
CONNECT_TIMEOUT_S = 10

is_url = is_db_url
redact = redact_db_url


class PgRow(tuple[Any, ...]):
    """A row readable by position and by column name, like ``sqlite3.Row``."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: psycopg.Cursor[Any]) -> RowMaker[PgRow]:
    index = {column.name: i for i, column in enumerate(cursor.description or ())}

    def make(values: Sequence[Any]) -> PgRow:
        row = PgRow(values)
        row._index = index
        return row

    return make


class PostgresConnection(Connection):
    """One psycopg connection in autocommit mode; :meth:`transaction` opens real ones."""

    dialect = POSTGRES

    def close(self) -> None:
        self.conn.close()

    def _execute(self, sql: str, params: Params) -> Cursor:
        cursor: Cursor = self.conn.execute(to_pyformat(sql), params)
        return cursor

    def _executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(to_pyformat(sql), rows)

    def _begin(self) -> None:
        self.conn.execute("BEGIN")
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback_driver(self) -> None:
        if self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            self.conn.execute("ROLLBACK")


def connect_postgres(url: str, *, settings: Settings) -> PostgresConnection:
    """Connect to the database ``url`` names; no schema work.

    Raises:
        StoreError: the server cannot be reached or refuses the connection.
    """
    try:
        conn = psycopg.connect(
            url, autocommit=True, row_factory=_row_factory, connect_timeout=CONNECT_TIMEOUT_S
        )
    except psycopg.Error as e:
        raise StoreError(f"cannot open database {redact(url)}: {e}".strip()) from e
    return PostgresConnection(conn, path=redact(url), settings=settings)
