"""Schema migrations: created once, recorded, upgraded step by step, atomic."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sitroom.errors import StoreError
from sitroom.store import migrations, open_store
from sitroom.store.migrations import Migration, discover


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        }
    finally:
        conn.close()


def test_discover_finds_numbered_modules_in_order() -> None:
    found = discover()
    assert [m.version for m in found][:2] == [1, 2]
    assert found[0].name == "m001_articles" and found[1].name == "m002_extraction"
    assert all(m.description for m in found)


def test_open_creates_schema_and_records_versions_once(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with open_store(path) as db:
        first = db.schema_versions()
        assert db.connection.scalar("PRAGMA journal_mode") == "wal"
        assert db.connection.scalar("PRAGMA foreign_keys") == 1
    with open_store(path) as db:
        assert db.schema_versions() == first
        assert db.migrate() == []
        assert db.connection.scalar("SELECT count(*) FROM _migrations") == len(first)
    assert first[:2] == [1, 2]
    assert {
        "sources",
        "articles",
        "blocks",
        "links",
        "articles_fts",
        "quotes",
        "quotes_fts",
        "events",
    } <= _tables(path)


def test_upgrade_from_an_older_schema_keeps_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_article
) -> None:
    path = tmp_path / "old.db"
    everything = discover()
    monkeypatch.setattr(migrations, "discover", lambda: everything[:1])
    db = open_store(path, migrate=False)
    assert db.migrate() == [1]
    db.connection.conn.execute(
        "INSERT INTO articles (id, title, text, ingested_at) VALUES ('abc', 'Old one', 'Body text here.', 'x')"
    )
    db.close()
    monkeypatch.undo()
    with open_store(path) as db:
        assert db.schema_versions() == [m.version for m in everything]
        article = db.get_article("abc")
        assert article.text == "Body text here." and article.pipeline_version is None
        db.save_articles([make_article("New one", ["Fresh paragraph about a convoy."])])
        assert db.connection.scalar("SELECT count(*) FROM articles") == 2


def test_failing_migration_rolls_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        @staticmethod
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("CREATE TABLE half_done (x)")
            raise RuntimeError("boom in migration")

    broken = Migration(version=999, name="m999_broken", description="broken", module=Broken)  # type: ignore[arg-type]
    everything = discover()
    monkeypatch.setattr(migrations, "discover", lambda: [*everything, broken])
    with pytest.raises(RuntimeError, match="boom"):
        open_store(tmp_path / "b.db")
    monkeypatch.undo()
    assert "half_done" not in _tables(tmp_path / "b.db")
    with open_store(tmp_path / "b.db") as db:
        assert 999 not in db.schema_versions()


def test_open_in_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.db")


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all " * 200)
    with pytest.raises(StoreError, match=r"junk\.db"):
        open_store(path)
