"""Shared fixtures: the real spaCy pipeline, the shared/ folder, temporary stores."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from sitroom.nlp.pipeline import load_nlp

    return load_nlp()
