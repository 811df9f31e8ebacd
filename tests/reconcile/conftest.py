"""Fixtures: a real store seeded with invented articles, extracted and reconciled once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reconcile.reconcile_seed import build_seeded_db


@pytest.fixture(scope="session")
def seeded_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded_db(tmp_path_factory.mktemp("reconcile") / "war.db")


@pytest.fixture
def seeded_db(seeded_db_path: Path) -> Iterator[object]:
    from sitroom.store import open_store

    with open_store(seeded_db_path) as db:
        yield db
