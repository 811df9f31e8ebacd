"""Fixtures for store tests: a migrated SQLite file per test, and an Article factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitroom.records import Article
from sitroom.store import Store, open_store
from tests.store.store_helpers import build_article


@pytest.fixture
def make_article() -> Callable[..., Article]:
    return build_article


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "test.db")
    yield store
    store.close()
