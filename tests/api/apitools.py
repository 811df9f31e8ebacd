"""Helpers shared by the API tests (a uniquely named module: conftest is not importable)."""

from __future__ import annotations

import warnings
from pathlib import Path

TOKEN = "test-token-123"


def make_client(db: Path, **settings: object):
    with warnings.catch_warnings():
        # starlette 1.x warns that its TestClient prefers `httpx2`; httpx is what we pin.
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from sitroom.api import create_app
    from sitroom.config import Settings

    return TestClient(
        create_app(Settings(db=str(db), **settings)),
        raise_server_exceptions=False,
        base_url="http://127.0.0.1",
    )
