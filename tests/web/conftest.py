"""Web fixtures: a real `sitroom serve` subprocess over the demo corpus plus the seed corpus,
and a headless Debian Chromium driven by Playwright (skipped only if Chromium is absent)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.web.webtools import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SERVER_START_TIMEOUT,
    TOKEN,
    Watched,
    load_seeding,
)


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
        [_sitroom(), "ingest", "--demo", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,  # the return code is asserted with stderr as the message
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


@pytest.fixture
def watched(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page)
    context.close()
