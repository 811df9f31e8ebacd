"""Cursors out of range or malformed answer 400 in the one error shape (issue 12, item 18);
the server refuses to invent a database that is not there (issue 8)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.api.deps import CURSOR_PATTERN, encode_cursor
from sitroom.store import Store
from tests.api.apitools import make_client


def _cursor(payload: object) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


BAD_CURSORS = [
    pytest.param(_cursor({"o": 2**63}), id="offset-2**63"),
    pytest.param(_cursor({"o": 2**64 + 5}), id="offset-2**64"),
    pytest.param(_cursor({"o": -1}), id="negative"),
    pytest.param(_cursor({"o": True}), id="bool"),
    pytest.param(_cursor({"o": 1.5}), id="float"),
    pytest.param(_cursor({"o": "10"}), id="string"),
    pytest.param(_cursor([10]), id="list"),
    pytest.param(_cursor({}), id="no-offset"),
    pytest.param(_cursor({"o": 10**25}), id="huge"),
    pytest.param(_cursor([[[[[[[[[[[[]]]]]]]]]]]]), id="nested"),
    pytest.param("[" * 5000, id="long"),
    pytest.param("%%%", id="not-base64"),
    pytest.param("w6k", id="not-json"),
    pytest.param("9" * 19, id="19-digits"),
    pytest.param("-1", id="minus"),
    pytest.param("1.5", id="decimal"),
    pytest.param(" 12", id="space"),
    pytest.param("12\n", id="newline"),
    pytest.param("\uff11\uff12", id="fullwidth-digits"),
    pytest.param("\u00b2", id="superscript"),
    pytest.param("", id="empty"),
]


@pytest.mark.issue(12)
@pytest.mark.parametrize("cursor", BAD_CURSORS)
@pytest.mark.parametrize(
    ("url", "params"),
    [("/api/articles", {}), ("/api/search", {"q": "Kharkiv"}), ("/api/quotes", {})],
    ids=["articles", "search", "quotes"],
)
def test_bad_cursor_is_a_bad_request(client, url: str, params: dict[str, str], cursor: str):
    response = client.get(url, params={**params, "cursor": cursor})
    assert response.status_code == 400, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["type"] == "BadRequest"
    assert "cursor" in body["error"]["message"]
    assert "\n" not in body["error"]["message"]


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("url", "params"),
    [("/api/articles", {}), ("/api/search", {"q": "Kharkiv"})],
    ids=["articles", "search"],
)
def test_cursor_past_the_end_is_an_empty_page(client, url: str, params: dict[str, str]):
    response = client.get(url, params={**params, "cursor": encode_cursor(10**9)})
    assert response.status_code == 200, response.text
    assert response.json()["items"] == [] and response.json()["next_cursor"] is None


@pytest.mark.issue(12)
def test_schema_states_the_cursor_pattern_the_server_checks(client):
    spec = client.get("/api/openapi.json").json()
    for url in ("/api/articles", "/api/search", "/api/quotes", "/api/claim-groups"):
        params = {p["name"]: p for p in spec["paths"][url]["get"]["parameters"]}
        assert params["cursor"]["schema"]["anyOf"][0]["pattern"] == CURSOR_PATTERN
    # The longest cursor the pattern admits is an offset the store can take (no overflow).
    assert Store.MAX_OFFSET >= 10**18 - 1


@pytest.mark.issue(12)
@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(cursor=st.from_regex(CURSOR_PATTERN.removesuffix("$") + r"\Z", fullmatch=True))
def test_every_cursor_the_schema_admits_is_accepted(client, cursor: str):
    # schemathesis found cursors valid by the schema (any string) that the server refused.
    response = client.get("/api/articles", params={"cursor": cursor, "limit": 1})
    assert response.status_code == 200, response.text
    assert response.json()["items"] == [] or int(cursor) < 10


@pytest.mark.issue(8)
def test_server_on_a_missing_database_says_so_and_creates_nothing(tmp_path: Path):
    missing = tmp_path / "typo.db"
    with make_client(missing, token="t") as client:
        response = client.get("/api/articles")
        assert response.status_code == 500
        error = response.json()["error"]
        assert error["type"] == "StoreError"
        assert f"no database at {missing}" in error["message"]
    assert list(tmp_path.iterdir()) == []
