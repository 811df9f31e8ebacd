"""Open a sitroom SQLite file: pragmas, migrations, and one-writer transactions.

Why a class: callers hold one object (`db`) that owns the connection, the settings the
store needs (the near-duplicate threshold) and the in-memory MinHash LSH index, which
must roll back together with the SQL when an input's transaction fails.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from sitroom.config import Settings
from sitroom.errors import StoreError

if TYPE_CHECKING:
    from sitroom.store.dedup import NearDuplicateIndex

__all__ = ["Store", "open_store"]

log = logging.getLogger(__name__)

# Writers wait this long for the lock before failing: several CLI/API processes may share one
# file; 30 s covers a long ingest transaction of one big input on a slow disk.
BUSY_TIMEOUT_MS = 30_000


class Store:
    """A migrated sitroom database. Use as a context manager or call :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, *, path: str, settings: Settings) -> None:
        self.conn = conn
        self.path = path
        self.settings = settings
        self._depth = 0
        self._lock = threading.RLock()
        self._dedup: NearDuplicateIndex | None = None

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
                if self.conn.in_transaction:  # SQLite may have rolled back already (SQLITE_FULL)
                    self.conn.execute("ROLLBACK")
                if self._dedup is not None:
                    self._dedup.rollback()
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                # A failed COMMIT (disk full, I/O error) leaves the transaction open: end it,
                # so the connection and the near-duplicate index stay consistent.
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if self._dedup is not None:
                    self._dedup.rollback()
                raise
            if self._dedup is not None:
                self._dedup.commit()

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # -- near-duplicate index (built lazily from stored signatures) ----------------------
    @property
    def dedup(self) -> NearDuplicateIndex:
        if self._dedup is None:
            from sitroom.store.dedup import NearDuplicateIndex

            self._dedup = NearDuplicateIndex.from_store(self)
        return self._dedup

    # -- small query helpers (store modules only) ----------------------------------------
    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # -- convenience methods: the store functions bound to this db ------------------------
    def save_articles(self, articles: Any, **kw: Any) -> Any:
        from sitroom.store.articles import save_articles

        return save_articles(self, articles, **kw)

    def get_article(self, article_id: str) -> Any:
        from sitroom.store.articles import get_article

        return get_article(self, article_id)

    def list_articles(self, **kw: Any) -> Any:
        from sitroom.store.articles import list_articles

        return list_articles(self, **kw)

    def search(self, q: str, **kw: Any) -> Any:
        from sitroom.store.search import search

        return search(self, q, **kw)

    def search_quotes(self, q: str, **kw: Any) -> Any:
        from sitroom.store.search import search_quotes

        return search_quotes(self, q, **kw)

    def stats(self) -> dict[str, int]:
        from sitroom.store.stats import stats

        return stats(self)

    def save_extraction(self, extraction: Any, **kw: Any) -> None:
        from sitroom.store.extraction import save_extraction

        save_extraction(self, extraction, **kw)

    def get_extraction(self, article_id: str) -> Any:
        from sitroom.store.extraction import get_extraction

        return get_extraction(self, article_id)

    def list_quotes(self, **kw: Any) -> Any:
        from sitroom.store.extraction import list_quotes

        return list_quotes(self, **kw)

    def list_claims(self, **kw: Any) -> Any:
        from sitroom.store.extraction import list_claims

        return list_claims(self, **kw)

    def list_entities(self, **kw: Any) -> Any:
        from sitroom.store.extraction import list_entities

        return list_entities(self, **kw)

    def list_places(self, **kw: Any) -> Any:
        from sitroom.store.extraction import list_places

        return list_places(self, **kw)

    def list_events(self, **kw: Any) -> Any:
        from sitroom.store.extraction import list_events

        return list_events(self, **kw)

    def articles_needing_processing(self, pipeline_version: str | None, **kw: Any) -> list[str]:
        from sitroom.store.extraction import articles_needing_processing

        return articles_needing_processing(self, pipeline_version, **kw)


def _connect(path: str) -> sqlite3.Connection:
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
    return conn


def open_store(
    path: str | Path | None = None, *, settings: Settings | None = None, migrate: bool = True
) -> Store:
    """Open (creating if needed) and migrate the database at ``path``.

    ``migrate=False`` leaves the schema as it is (for ``sitroom db migrate`` to report).

    ``path`` defaults to ``settings.db``; ``":memory:"`` gives a private in-memory store.

    Raises:
        StoreError: the file cannot be opened or is not a sitroom database.
    """
    from sitroom.store.migrations import migrate as run_migrations

    settings = settings or Settings()
    target = str(path if path is not None else settings.db)
    if target != ":memory:":
        parent = Path(target).parent
        if not parent.is_dir():
            raise StoreError(f"cannot open database {target}: folder {parent} does not exist")
    conn = _connect(target)
    db = Store(conn, path=target, settings=settings)
    try:
        if migrate:
            run_migrations(db)
    except sqlite3.DatabaseError as e:
        conn.close()
        raise StoreError(f"cannot use database {target}: {e}") from e
    return db
