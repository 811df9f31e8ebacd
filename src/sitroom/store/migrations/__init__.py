"""Numbered schema migrations: discover ``mNNN_*.py`` modules, apply the missing ones in order.

Each module exposes ``VERSION: int``, ``DESCRIPTION: str`` and ``apply(conn)``, where ``conn``
is the store's :class:`~sitroom.store.connection.Connection` on either backend: a migration
whose SQL differs between SQLite and PostgreSQL picks by ``conn.dialect`` (shared tables are
written once, in SQLite types, and ``conn.dialect.ddl`` converts them). The runner
applies each in its own transaction and records it in ``_migrations``, like sqlite-utils'
``migrations.py``. Never edit an applied migration: add the next number instead.

``apply`` must not call ``conn.executescript`` (it commits the open transaction first, so
a failing migration would be half applied); use :func:`execute_script` instead.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sqlite3
import time
from dataclasses import dataclass
from types import ModuleType

from sitroom.store.connection import Connection

__all__ = [
    "Migration",
    "applied_versions",
    "discover",
    "execute_script",
    "latest_version",
    "migrate",
]

_NAME = re.compile(r"^m(\d{3})_\w+$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    version: int
    name: str
    description: str
    module: ModuleType


def discover() -> list[Migration]:
    """Every migration module in this package, ordered by version."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _NAME.match(info.name)
        if not match:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        version = int(module.VERSION)
        if version != int(match.group(1)):
            raise RuntimeError(f"migration {info.name} declares VERSION {version}")
        found.append(
            Migration(
                version=version,
                name=info.name,
                description=str(getattr(module, "DESCRIPTION", "")),
                module=module,
            )
        )
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a version: {versions}")
    return found


def execute_script(conn: Connection, script: str) -> None:
    """Run each statement of ``script`` with ``execute`` (inside the caller's transaction)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                conn.execute(pending)
            pending = ""
    if pending.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement: {pending[:80]!r}")


def _ensure_table(db: Connection) -> None:
    sql = (
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )
    if not db.dialect.is_postgres:
        db.execute(sql)
        return
    if db.scalar("SELECT to_regclass('_migrations')") is None:
        # Under the write lock: two processes creating it at once would collide on PostgreSQL
        # (CREATE ... IF NOT EXISTS is not atomic there).
        with db.transaction():
            db.execute(sql)


def applied_versions(db: Connection) -> list[int]:
    _ensure_table(db)
    return [int(row[0]) for row in db.query("SELECT version FROM _migrations ORDER BY version")]


def latest_version() -> int:
    """The highest migration version this code knows (0 when there is none)."""
    return max((m.version for m in discover()), default=0)


def migrate(db: Connection) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied now."""
    done = set(applied_versions(db))
    applied = []
    for migration in discover():
        if migration.version in done:
            continue
        with db.transaction() as conn:
            # Re-check under the write lock: another process may have migrated meanwhile.
            if conn.execute(
                "SELECT 1 FROM _migrations WHERE version = ?", (migration.version,)
            ).fetchone():
                continue
            migration.module.apply(conn)
            conn.execute(
                "INSERT INTO _migrations (version, name, description, applied_at)"
                " VALUES (?, ?, ?, ?)",
                (
                    migration.version,
                    migration.name,
                    migration.description,
                    time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                ),
            )
        applied.append(migration.version)
    return applied
