"""The low-level connection every store module works on: pragmas, one-writer transactions,
small query helpers, and objects that follow its transactions (the near-duplicate index).

This module imports no other store module: the query modules (``articles``, ``search``, ...)
take a :class:`Connection`, and :class:`sitroom.store.facade.Store` ties them together.
Why a class: the connection, the settings the store needs (the near-duplicate threshold)
and the in-memory MinHash LSH index must roll back together when a transaction fails.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, Self, TypeVar, cast

from sitroom.config import Settings
from sitroom.errors import StoreError

__all__ = ["BUSY_TIMEOUT_MS", "Connection", "Params", "SQLValue", "TransactionListener", "connect"]

# Writers wait this long for the lock before failing: several CLI/API processes may share one
# file; 30 s covers a long ingest transaction of one big input on a slow disk.
BUSY_TIMEOUT_MS = 30_000

# What sqlite3 accepts as bound parameters: a sequence (``?``) or a mapping (``:name``).
Params = tuple[object, ...] | list[object] | dict[str, object]
# What SQLite hands back for one column.
SQLValue = int | float | str | bytes | None


class TransactionListener(Protocol):
    """In-memory state that must follow the SQL: kept on commit, undone on rollback."""

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


L = TypeVar("L", bound=TransactionListener)


class Connection:
    """One SQLite connection with its settings. Use as a context manager or call :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, *, path: str, settings: Settings) -> None:
        self.conn = conn
        self.path = path
        self.settings = settings
        self._depth = 0
        self._lock = threading.RLock()
        self._attached: dict[Callable[[Connection], TransactionListener], TransactionListener] = {}

    # -- lifecycle ---------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one write transaction; nested calls join the outer one.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so two writers queue on the busy
        timeout instead of failing later with "database is locked" on upgrade.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self._depth = 0
                self._rollback()
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                # A failed COMMIT (disk full, I/O error) leaves the transaction open: end it,
                # so the connection and the attached in-memory state stay consistent.
                self._rollback()
                raise
            for listener in self._attached.values():
                listener.commit()

    def _rollback(self) -> None:
        if self.conn.in_transaction:  # SQLite may have rolled back already (SQLITE_FULL)
            self.conn.execute("ROLLBACK")
        for listener in self._attached.values():
            listener.rollback()

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # -- state that follows the transactions (built lazily) ------------------------------
    def attached(self, build: Callable[[Connection], L]) -> L:
        """The object ``build(self)`` returns, built on first use and kept for this connection.

        It is told of every commit and rollback, so in-memory state (the near-duplicate
        index of :mod:`sitroom.store.dedup`) never keeps rows a rollback took back.
        """
        found = self._attached.get(build)
        if found is None:
            found = self._attached[build] = build(self)
        return cast(L, found)

    # -- small query helpers -------------------------------------------------------------
    def query(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def scalar(self, sql: str, params: Params = ()) -> SQLValue:
        row = self.one(sql, params)
        value: SQLValue = None if row is None else row[0]
        return value

    def count(self, sql: str, params: Params = ()) -> int:
        """The integer a ``SELECT count(...)``-like query returns (0 for no row or NULL)."""
        value = self.scalar(sql, params)
        return int(value) if isinstance(value, int | float) else 0


def connect(path: str, *, settings: Settings) -> Connection:
    """Open ``path`` with sitroom's pragmas (WAL, foreign keys, busy timeout); no schema work.

    Raises:
        StoreError: SQLite cannot open the file.
    """
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable across application crashes (kill -9) in WAL mode; only an OS crash
        # or power loss can drop the last commits, never corrupt the file (sqlite.org/wal.html).
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as e:
        raise StoreError(f"cannot open database {path}: {e}") from e
    return Connection(conn, path=path, settings=settings)
