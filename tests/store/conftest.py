"""Fixtures for store tests: a migrated store per test on each backend (a SQLite file, and a
fresh database on a PostgreSQL server the tests start themselves), and an Article factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitroom.records import Article
from sitroom.store import Store, open_store
from tests.pg import PgServer, find_bindir, start_server
from tests.store.store_helpers import build_article

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def make_article() -> Callable[..., Article]:
    return build_article


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL server for the whole session; skipped only where none is installed."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL tests need initdb (Debian: apt-get install postgresql); none found"
            " in /usr/lib/postgresql/*/bin or on PATH"
        )
    server = start_server(bindir)
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend this test runs on; each parametrized test runs on both."""
    return str(request.param)


@pytest.fixture
def new_target(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """Makes the address of a new, empty store on this test's backend: a path or a URL."""
    names = iter(range(1000))

    def make() -> str:
        if backend == "postgresql":
            server: PgServer = request.getfixturevalue("pg_server")
            return server.create_database()
        return str(tmp_path / f"test{next(names)}.db")

    return make


@pytest.fixture
def db(new_target: Callable[[], str]) -> Iterator[Store]:
    store = open_store(new_target())
    yield store
    store.close()
