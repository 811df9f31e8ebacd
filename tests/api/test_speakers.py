"""/api/quotes with each speaker's canonical actor, /api/speakers, and the /quotes page (issue 10)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from tests.api.apitools import make_client
from tests.reconcile.speakers_seed import FULL, TITLED, build_speakers_db

pytestmark = pytest.mark.issue(10)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    path = build_speakers_db(tmp_path_factory.mktemp("api_speakers") / "speakers.db")
    with make_client(Path(path)) as c:
        yield c


def test_quotes_carry_the_speakers_canonical_actor(client) -> None:
    got = client.get("/api/quotes", params={"speaker": FULL})
    assert got.status_code == 200, got.text
    items = got.json()["items"]
    assert {q["speaker"] for q in items} == {FULL, TITLED}
    assert {q["speaker_actor"] for q in items} == {FULL}


def test_speakers_list_aliases(client) -> None:
    got = client.get("/api/speakers")
    assert got.status_code == 200, got.text
    first = got.json()["items"][0]
    assert first["actor"] == FULL and first["quotes"] == 4
    assert TITLED in first["aliases"] and set(first["names"]) == {FULL, TITLED}


def test_schema_documents_speaker_actor(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "speaker_actor" in spec["components"]["schemas"]["QuotePublic"]["properties"]
    assert "/api/speakers" in spec["paths"]


def test_quotes_page_filters_by_actor_and_shows_aliases(client) -> None:
    page = client.get("/quotes", params={"speaker": FULL})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert f"{FULL}: 4 quotes, quoted as" in " ".join(text.split())
    assert "We will rebuild the bridge" in text  # an article that says only "Mr Petrenko"
    assert f'{FULL}</a> <span class="muted spelled">(as “Petrenko”)' in text
    other = client.get("/quotes", params={"speaker": "Nobody Known"})
    assert "No quotes by Nobody Known." in html.unescape(other.text)
