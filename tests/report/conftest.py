"""Report fixtures: the API tests' seed corpus, stored once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api import seeding as seeding_module


@pytest.fixture(scope="session")
def seeding():
    return seeding_module


@pytest.fixture(scope="session")
def report_db(tmp_path_factory, seeding) -> Path:
    path = tmp_path_factory.mktemp("report") / "seed.db"
    seeding.build_seed_db(path)
    return path


@pytest.fixture
def store(report_db):
    from sitroom.store import open_store

    with open_store(report_db) as db:
        yield db
