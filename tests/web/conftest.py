"""Web fixtures: a real `sitroom serve` subprocess over the demo corpus plus the seed corpus,
and a headless Debian Chromium driven by Playwright (skipped only if Chromium is absent)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.web.webtools import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Watched,
    load_seeding,
    serve,
    sitroom_command,
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.db"
    done = subprocess.run(
        [sitroom_command(), "ingest", "--demo", "--db", str(path)],
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
    """Base URL of a live `sitroom serve` over the demo and seed corpora."""
    yield from serve(web_db)


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
