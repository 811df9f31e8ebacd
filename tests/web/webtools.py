"""Helpers shared by the browser tests (a uniquely named module: conftest is not importable)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TOKEN = "browser-test-token"
# Seconds to wait for the server to answer: startup imports FastAPI and opens the store.
SERVER_START_TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sitroom_command() -> str:
    return str(Path(sys.executable).with_name("sitroom"))


def serve(db_path: Path) -> Iterator[str]:
    """Run `sitroom serve` over a store on a free 127.0.0.1 port; yields its base URL."""
    import httpx

    port = _free_port()
    env = dict(os.environ, SITROOM_TOKEN=TOKEN)
    proc = subprocess.Popen(
        [
            sitroom_command(),
            "serve",
            "--db",
            str(db_path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while True:
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out = proc.stdout.read().decode() if proc.stdout else ""
            pytest.fail(f"sitroom serve did not start: {out}")
        time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    if proc.stdout:
        proc.stdout.close()


def load_seeding() -> ModuleType:
    from tests.api import seeding

    return seeding


class Watched:
    """A page plus everything it tried to do that it must not: dialogs and console errors."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))  # the viewport: what a README reader needs to see
        return path

    def assert_clean(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        assert self.page.evaluate("() => window.__pwned === undefined")


def publish(path: Path, name: str) -> None:
    """Copy a screenshot into docs/ for the README, when ``SITROOM_UPDATE_DOCS=1``.

    A plain test run leaves the tracked docs/ alone (every run would otherwise rewrite the
    PNGs); the screenshots are always kept under artifacts/screenshots/.
    """
    if os.environ.get("SITROOM_UPDATE_DOCS") != "1":
        return
    docs = REPO / "docs"
    docs.mkdir(exist_ok=True)
    shutil.copyfile(path, docs / name)
