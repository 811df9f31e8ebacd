"""Web fixtures: a real `sitroom serve` subprocess over the demo corpus plus the seed corpus,
and a headless Debian Chromium driven by Playwright (skipped only if Chromium is absent)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

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
_SEEDING = REPO / "tests" / "api" / "seeding.py"
# Seconds to wait for the server to answer: startup imports FastAPI and opens the store.
SERVER_START_TIMEOUT = 60


def load_seeding():
    if "sitroom_test_seeding" not in sys.modules:
        spec = importlib.util.spec_from_file_location("sitroom_test_seeding", _SEEDING)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["sitroom_test_seeding"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _sitroom() -> str:
    return str(Path(sys.executable).with_name("sitroom"))


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.db"
    done = subprocess.run(
        [_sitroom(), "ingest", "--demo", "--db", str(path)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    load_seeding().build_seed_db(path)
    return path


@pytest.fixture(scope="session")
def server(web_db: Path):
    """Base URL of a live `sitroom serve` on a free 127.0.0.1 port."""
    import httpx

    port = _free_port()
    env = dict(os.environ, SITROOM_TOKEN=TOKEN)
    proc = subprocess.Popen(
        [_sitroom(), "serve", "--db", str(web_db), "--host", "127.0.0.1", "--port", str(port)],
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


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page plus everything it tried to do that it must not: dialogs and console errors."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
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


@pytest.fixture
def watched(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page)
    context.close()


def publish(path: Path, name: str) -> None:
    """Copy a screenshot into docs/ for the README."""
    docs = REPO / "docs"
    docs.mkdir(exist_ok=True)
    shutil.copyfile(path, docs / name)
