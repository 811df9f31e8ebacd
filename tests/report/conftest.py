"""Report fixtures: the API tests' seed corpus, stored once per session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SEEDING = Path(__file__).resolve().parents[1] / "api" / "seeding.py"


def load_seeding():
    if "sitroom_test_seeding" not in sys.modules:
        spec = importlib.util.spec_from_file_location("sitroom_test_seeding", _SEEDING)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["sitroom_test_seeding"]


@pytest.fixture(scope="session")
def seeding():
    return load_seeding()


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
