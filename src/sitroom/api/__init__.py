"""The REST API and web UI server (FastAPI). Only this package imports FastAPI/pydantic."""

from __future__ import annotations

from sitroom.api.app import create_app

__all__ = ["create_app"]
