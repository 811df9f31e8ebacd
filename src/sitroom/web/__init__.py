"""The web UI's assets (templates, static files, map outlines) and its pure view helpers.

Nothing here imports FastAPI: the page routes live in ``sitroom.api.routes.pages`` and
call these helpers, so the same view models can be tested without a server.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC_DIR", "TEMPLATES_DIR"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
