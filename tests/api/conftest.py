"""API fixtures: one seeded SQLite file per session, and TestClients over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.store import open_store
from tests.api import seeding
from tests.api.apitools import TOKEN, make_client


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "seed.db"
    seeding.build_seed_db(path)
    return path


@pytest.fixture(scope="session")
def seeded(seed_db: Path) -> dict:
    """The stored seed articles by title."""
    with open_store(seed_db) as db:
        return {
            a.title: db.get_article(a.id) for a in (seeding._article(d) for d in seeding.corpus())
        }


@pytest.fixture(scope="session")
def client(seed_db: Path):
    with make_client(seed_db, token=TOKEN) as c:
        yield c
