"""API fixtures: one seeded SQLite file per session, and TestClients over it."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import seeding

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "seed.db"
    seeding.build_seed_db(path)
    return path


@pytest.fixture(scope="session")
def seeded(seed_db: Path) -> dict:
    """The stored seed articles by title."""
    from sitroom import store as st

    with st.open_store(seed_db) as db:
        return {a.title: st.get_article(db, a.id) for a in (seeding._article(d) for d in seeding.corpus())}


def make_client(db: Path, **settings: object):
    with warnings.catch_warnings():
        # starlette 1.x warns that its TestClient prefers `httpx2`; httpx is what we pin.
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from sitroom.api import create_app
    from sitroom.config import Settings

    return TestClient(create_app(Settings(db=str(db), **settings)), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(seed_db: Path):
    with make_client(seed_db, token=TOKEN) as c:
        yield c
