"""`sitroom quotes` shows each speaker's canonical actor and its aliases (issue 10)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reconcile.speakers_seed import FULL, TITLED, build_speakers_db

SITROOM = Path(sys.executable).parent / "sitroom"
pytestmark = pytest.mark.issue(10)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(build_speakers_db(tmp_path_factory.mktemp("cli_speakers") / "speakers.db"))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SITROOM), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_quotes_show_actor_and_the_texts_spelling(db_path: str) -> None:
    done = _run("quotes", "--speaker", FULL, "--db", db_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 4
    assert any(f'{FULL} (as "Petrenko"): We will rebuild' in line for line in lines)


def test_quotes_json_has_speaker_actor(db_path: str) -> None:
    done = _run("quotes", "--json", "--db", db_path)
    rows = json.loads(done.stdout)
    assert {r["speaker"] for r in rows} == {FULL, TITLED}
    assert {r["speaker_actor"] for r in rows} == {FULL}


def test_speakers_listing_folds_spellings(db_path: str) -> None:
    done = _run("quotes", "--speakers", "--json", "--db", db_path)
    (speaker,) = json.loads(done.stdout)
    assert speaker["actor"] == FULL and speaker["quotes"] == 4
    assert TITLED in speaker["aliases"]
