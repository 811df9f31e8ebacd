"""The PostgreSQL backend beyond the shared store tests: its migrations, two writers at once,
and the CLI and API on a ``postgresql://`` URL."""

from __future__ import annotations

import json
import multiprocessing
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import cli
from sitroom.config import Settings, load_settings
from sitroom.errors import StoreError
from sitroom.jobs.ingest import ingest
from sitroom.store import Store, migrations, open_store
from sitroom.store.migrations import Migration, discover
from tests.pg import PgServer
from tests.store.test_dedup import EDITED, ORIGINAL


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    return pg_server.create_database()


def _tables(db: Store) -> set[str]:
    rows = db.connection.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return {row[0] for row in rows}


# -- migrations ---------------------------------------------------------------------------------


def test_migrations_create_the_schema_once_with_text_search(pg_url: str) -> None:
    with open_store(pg_url) as db:
        first = db.schema_versions()
        assert first == [m.version for m in discover()]
        assert {"sources", "articles", "blocks", "quotes", "events", "_migrations"} <= _tables(db)
        indexes = {
            row["indexname"]: row["indexdef"]
            for row in db.connection.query("SELECT indexname, indexdef FROM pg_indexes")
        }
        assert "USING gin (fts)" in indexes["articles_fts"]
        assert "USING gin (fts)" in indexes["quotes_fts"]
    with open_store(pg_url) as db:
        assert db.migrate() == []
        assert db.connection.count("SELECT count(*) FROM _migrations") == len(first)


def test_upgrade_from_an_older_schema_keeps_data(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, make_article
) -> None:
    everything = discover()
    monkeypatch.setattr(migrations, "discover", lambda: everything[:1])
    with open_store(pg_url, migrate=False) as db:
        assert db.migrate() == [1]
        db.connection.execute(
            "INSERT INTO articles (id, title, text, ingested_at) VALUES (?, ?, ?, ?)",
            ("abc", "Old one", "Body text about a ferry.", "x"),
        )
    monkeypatch.undo()
    with open_store(pg_url) as db:
        assert db.schema_versions() == [m.version for m in everything]
        assert db.get_article("abc").pipeline_version is None
        db.save_articles([make_article("New one", ["Fresh paragraph about a convoy."])])
        assert db.stats()["articles"] == 2
        assert [h.article_id for h in db.search("ferry")] == ["abc"]


def test_failing_migration_rolls_back_whole(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        @staticmethod
        def apply(conn) -> None:
            conn.execute("CREATE TABLE half_done (x TEXT)")
            raise RuntimeError("boom in migration")

    broken = Migration(version=999, name="m999_broken", description="broken", module=Broken)  # type: ignore[arg-type]
    everything = discover()
    monkeypatch.setattr(migrations, "discover", lambda: [*everything, broken])
    with pytest.raises(RuntimeError, match="boom"):
        open_store(pg_url)
    monkeypatch.undo()
    with open_store(pg_url) as db:  # DDL is transactional on PostgreSQL: nothing half done
        assert "half_done" not in _tables(db)
        assert 999 not in db.schema_versions()


def test_unreachable_server_is_a_store_error_without_the_password(pg_server: PgServer) -> None:
    url = f"postgresql://someone:s3cret@127.0.0.1:{pg_server.port}/no_such_database"
    with pytest.raises(StoreError, match="cannot open database") as caught:
        open_store(url)
    assert "s3cret" not in str(caught.value)
    assert "no_such_database" in str(caught.value)


def test_settings_take_a_url_from_the_environment(pg_url: str, tmp_path: Path) -> None:
    settings = load_settings(cwd=tmp_path, env={"SITROOM_DB": pg_url})
    assert settings.db == pg_url and settings.db_is_url
    secret = Settings(db="postgresql://me:pw@db.example:5432/war")
    assert secret.db_label == secret.db_key == "postgresql://me:***@db.example:5432/war"


# -- two writers at once --------------------------------------------------------------------------


def _write_inputs(folder: Path) -> list[Path]:
    """Twelve JSON Lines inputs of three articles each; input 10 holds a re-edited copy of an
    article of input 0 (a near-duplicate across inputs)."""
    folder.mkdir()
    paths = []
    for i in range(12):
        rows = [
            {
                "title": f"Report {i}-{j}",
                "text": f"Dispatch {i}-{j}: crews repaired line {i * 7 + j} near depot {j}."
                f" Volunteers counted {i + j + 3} trucks on road {i}.",
                "outlet": f"Wire {j}",
                "published": f"2025-03-{i + 1:02d}",
            }
            for j in range(3)
        ]
        if i == 0:
            rows.append({"title": "Night of rescue", "text": "\n\n".join(ORIGINAL)})
        if i == 10:
            rows.append({"title": "Rewritten", "text": "\n\n".join(EDITED)})
        path = folder / f"in{i:02d}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _ingest_in_child(url: str, paths: list[str], start: object) -> None:
    start.wait(60)  # type: ignore[attr-defined]  # a multiprocessing Event
    ingest(paths, db=url)


def _state(url: str) -> dict[str, object]:
    """The store's content, up to which copy of a near-duplicate pair was stored first."""
    with open_store(url) as db:
        c = db.connection
        return {
            "articles": sorted(
                tuple(r) for r in c.query("SELECT id, title, text, outlet, published FROM articles")
            ),
            "near_pairs": sorted(
                tuple(sorted((r[0], r[1])))
                for r in c.query(
                    "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL"
                )
            ),
            "blocks": c.count("SELECT count(*) FROM blocks"),
            "sources": sorted(
                tuple(r)
                for r in c.query("SELECT sha256, status, article_count, format FROM sources")
            ),
            "article_sources": sorted(
                tuple(r)
                for r in c.query(
                    "SELECT a.id, s.sha256 FROM articles a JOIN sources s ON s.id = a.source_id"
                )
            ),
        }


def test_two_concurrent_ingests_equal_one_clean_run(pg_server: PgServer, tmp_path: Path) -> None:
    paths = [str(p) for p in _write_inputs(tmp_path / "in")]
    clean = pg_server.create_database("clean")
    ingest(paths, db=clean)

    shared = pg_server.create_database("shared")
    open_store(shared).close()  # migrated once; the writers race on data, not on the schema
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    # Two writers read the same inputs in the same order, so they meet on every input; a
    # third starts with the copy (input 10) while the others store its original (input 0).
    orders = [paths, paths, paths[10:] + paths[:10]]
    writers = [
        context.Process(target=_ingest_in_child, args=(shared, order, start)) for order in orders
    ]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join(120)
    assert [writer.exitcode for writer in writers] == [0, 0, 0]

    state = _state(shared)
    assert state == _state(clean)
    assert len(state["articles"]) == 12 * 3 + 2  # type: ignore[arg-type]
    assert len(state["near_pairs"]) == 1  # type: ignore[arg-type]  # the copy found its original


def test_writers_take_turns(pg_url: str, make_article) -> None:
    """A second writer waits for the first one's transaction (the advisory lock), so it sees
    the first one's articles when it looks for near-duplicates."""
    import threading

    with open_store(pg_url) as first, open_store(pg_url) as second:
        second.stats()
        entered = threading.Event()
        result: dict[str, object] = {}

        def write_second() -> None:
            entered.set()
            result["saved"] = second.save_articles([make_article("Rewritten", EDITED)])

        with first.transaction():
            first.save_articles([make_article("Night of rescue", ORIGINAL)])
            thread = threading.Thread(target=write_second)
            thread.start()
            entered.wait(10)
            thread.join(0.5)
            assert thread.is_alive()  # blocked on the lock until the first commits
        thread.join(30)
        saved = result["saved"]
        assert saved.near_duplicate == saved.new  # type: ignore[attr-defined]


# -- the CLI and the API on a URL ---------------------------------------------------------------


BODY = (
    "Russian drones struck a fuel depot near Odesa on Tuesday, regional governor Oleh Kiper said."
    ' "Three people were injured," Kiper said. At least 12 drones were shot down overnight,'
    " the air force said."
)


@pytest.fixture(scope="module")
def cli_url(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> str:
    server: PgServer = request.getfixturevalue("pg_server")
    url = server.create_database("cli")
    folder = tmp_path_factory.mktemp("cli-in")
    rows = [
        {"title": "Drones hit depot near Odesa", "text": BODY, "outlet": "Coast Wire",
         "published": "2025-03-11"},
        {"title": "Ferry resumes", "text": "The harbour ferry sailed again after mine clearing.",
         "outlet": "Harbour Herald", "published": "2025-03-12"},
    ]  # fmt: skip
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", url, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 2
    return url


def test_cli_search_on_postgresql(cli_url: str) -> None:
    result = CliRunner().invoke(cli, ["search", "drone", "--db", cli_url, "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    hits = hits["items"] if isinstance(hits, dict) else hits
    assert [h["title"] for h in hits] == ["Drones hit depot near Odesa"]


@pytest.mark.parametrize(
    "command",
    [
        ["articles"],
        ["stats"],
        ["quotes"],
        ["claims"],
        ["claims", "--groups"],
        ["entities"],
        ["events"],
        ["graph"],
        ["graph", "--low-confidence", "--json"],
        ["brief"],
        ["export", "--format", "acled"],
        ["search", "--raw", '"fuel depot" or ferry'],
        ["db", "migrate"],
        ["reprocess", "--all"],
    ],
)
def test_every_command_runs_on_postgresql(cli_url: str, command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--db", cli_url])
    assert result.exit_code == 0, result.output


def test_cli_records_come_back_from_postgresql(cli_url: str) -> None:
    quotes = CliRunner().invoke(cli, ["quotes", "--db", cli_url, "--json"])
    assert quotes.exit_code == 0, quotes.output
    assert "Three people were injured" in quotes.stdout
    stats = json.loads(CliRunner().invoke(cli, ["stats", "--db", cli_url, "--json"]).stdout)
    assert stats["articles"] == 2 and stats["quotes"] >= 1 and stats["claims"] >= 1


def test_show_by_id_prefix_on_postgresql(cli_url: str) -> None:
    listed = CliRunner().invoke(cli, ["articles", "--db", cli_url, "--json"])
    assert listed.exit_code == 0, listed.output
    body = json.loads(listed.stdout)
    items = body["items"] if isinstance(body, dict) else body
    article_id = next(a["id"] for a in items if a["title"] == "Ferry resumes")
    shown = CliRunner().invoke(cli, ["show", article_id[:8], "--db", cli_url, "--json"])
    assert shown.exit_code == 0, shown.output
    assert "harbour ferry" in shown.stdout


@pytest.fixture(scope="module")
def api_client(cli_url: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from sitroom.api import create_app

    with TestClient(create_app(Settings(db=cli_url)), base_url="http://127.0.0.1") as client:
        yield client


def test_api_search_on_postgresql(api_client) -> None:
    response = api_client.get("/api/search", params={"q": "ferry"})
    assert response.status_code == 200, response.text
    body = response.json()
    items = body["items"] if isinstance(body, dict) else body
    assert [item["title"] for item in items] == ["Ferry resumes"]
    assert items[0]["snippet"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles",
        "/api/quotes",
        "/api/claims",
        "/api/claim-groups",
        "/api/entities",
        "/api/events",
        "/api/events/map",
        "/api/places",
        "/api/graph",
        "/api/graph?low_confidence=true",
        "/api/stats",
        "/",
        "/search?q=drone",
        "/claims",
        "/events",
        "/graph",
        "/graph?low_confidence=true",
        "/brief",
    ],
)
def test_api_and_ui_pages_answer_on_postgresql(api_client, path: str) -> None:
    response = api_client.get(path)
    assert response.status_code == 200, f"{path}: {response.text[:500]}"
