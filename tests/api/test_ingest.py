"""POST /api/ingest: refused without the right token, 413 over the size limit, else ingests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.apitools import TOKEN, make_client

ARTICLE = (
    b"Title: Ferry service resumes on the Dnipro\n"
    b"Date: 2025-03-01\n\n"
    b"A river ferry near Kherson resumed service on Saturday after a week of shelling, "
    b'local officials said. "We are running two crossings a day," the captain said.\n'
)


def _upload(client, headers=None, body=ARTICLE):
    return client.post(
        "/api/ingest", files=[("files", ("ferry.txt", body, "text/plain"))], headers=headers or {}
    )


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    return tmp_path / "upload.db"


def test_writes_refused_when_no_token_is_configured(fresh_db):
    with make_client(fresh_db) as client:
        response = _upload(client, {"Authorization": "Bearer anything"})
    assert response.status_code == 401
    assert "disabled" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}]
)
def test_writes_refused_without_the_right_token(fresh_db, headers):
    with make_client(fresh_db, token=TOKEN) as client:
        response = _upload(client, headers)
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "Unauthorized"


def test_upload_over_the_limit_gets_413(fresh_db):
    with make_client(fresh_db, token=TOKEN, max_upload_bytes=1000) as client:
        response = _upload(client, {"Authorization": f"Bearer {TOKEN}"}, body=b"x" * 5000)
    assert response.status_code == 413
    body = response.json()
    assert body["error"]["type"] == "InputTooLarge"
    assert "1,000-byte limit" in body["error"]["message"]


def test_upload_with_token_ingests_and_the_article_is_readable(fresh_db):
    with make_client(fresh_db, token=TOKEN) as client:
        response = _upload(client, {"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["new"] == 1 and report["failed"] == 0
        article = client.get(f"/api/articles/{report['article_ids'][0]}").json()
        assert "Kherson" in article["text"]
        for kind in ("mentions", "quotes", "claims", "places", "events"):
            for record in article[kind]:
                assert article["text"][record["start"] : record["end"]] == record["text"]
        again = _upload(client, {"Authorization": f"Bearer {TOKEN}"}).json()
        assert again["new"] == 0


@pytest.mark.issue(12)
def test_failed_extraction_is_counted_and_named(fresh_db, monkeypatch):
    from sitroom.nlp import extract as nlp_extract

    def broken(doc, *, article_id, published):
        raise KeyError("no such component")

    monkeypatch.setattr(nlp_extract, "doc_to_records", broken)
    with make_client(fresh_db, token=TOKEN) as client:
        report = _upload(client, {"Authorization": f"Bearer {TOKEN}"}).json()
    assert (report["new"], report["failed"], report["extract_failed"]) == (1, 0, 1)
    (failure,) = report["failures"]
    assert failure["stage"] == "extract" and failure["source"].endswith("ferry.txt")
    assert (
        failure["message"] == f"article {report['article_ids'][0]}: KeyError: 'no such component'"
    )


@pytest.mark.issue(12)
def test_openapi_declares_the_bearer_token_on_writes_only(client):
    spec = client.get("/api/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert [scheme for scheme in schemes.values() if scheme["type"] == "http"] == [
        {"type": "http", "scheme": "bearer", "description": schemes["writeToken"]["description"]}
    ]
    secured = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    }
    assert secured == {("POST", "/api/ingest")}
    assert spec["paths"]["/api/ingest"]["post"]["security"] == [{"writeToken": []}]
