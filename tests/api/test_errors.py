"""One error shape for every failure, and cursor pagination that visits every row once."""

from __future__ import annotations

import pytest

from tests.api.apitools import TOKEN


@pytest.mark.parametrize(
    ("url", "status", "kind"),
    [
        ("/api/articles/0000000000000000", 404, "NotFound"),
        ("/api/entities/Nobody%20At%20All", 404, "NotFound"),
        ("/api/no-such-thing", 404, "NotFound"),
        ("/api/claims?limit=0", 400, "BadRequest"),
        ("/api/claims?limit=abc", 400, "BadRequest"),
        ("/api/quotes?cursor=not-a-cursor", 400, "BadRequest"),
        ("/api/search", 400, "BadRequest"),
    ],
)
def test_errors_share_one_shape(client, url, status, kind):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["type"] == kind
    assert body["error"]["message"]


def test_html_pages_get_an_html_error(client):
    response = client.get("/articles/0000000000000000", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "NotFound" in response.text


@pytest.mark.parametrize(
    "url", ["/api/claims", "/api/quotes", "/api/events", "/api/articles", "/api/places"]
)
def test_cursor_pages_cover_the_listing_once(client, url):
    everything = client.get(url, params={"limit": 500}).json()["items"]
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = client.get(url, params=params).json()
        assert len(body["items"]) <= 2
        seen += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == everything
    assert pages == max(1, -(-len(everything) // 2))


def test_search_pages(client):
    first = client.get("/api/search", params={"q": "Kharkiv", "limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = client.get(
        "/api/search", params={"q": "Kharkiv", "limit": 1, "cursor": first["next_cursor"]}
    ).json()
    assert second["items"][0]["article_id"] != first["items"][0]["article_id"]


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8000", 200),
        ("localhost", 200),
        ("[::1]:8000", 200),
        ("evil.example:8000", 400),
        ("127.0.0.1.evil.example", 400),
        ("", 400),
    ],
)
def test_only_the_hosts_served_are_answered(tmp_path, host: str, status: int) -> None:
    """DNS rebinding: a Host header naming another site gets 400 in the one error shape."""
    from sitroom.store import open_store
    from tests.api.apitools import make_client

    open_store(tmp_path / "h.db").close()
    with make_client(tmp_path / "h.db") as client:
        response = client.get("/api/stats", headers={"host": host})
    assert response.status_code == status, response.text
    if status == 400:
        assert response.json()["error"]["type"] == "BadRequest"
        assert "--allowed-host" in response.json()["error"]["message"]


@pytest.mark.issue(12)
def test_allowed_hosts_setting_adds_names(tmp_path) -> None:
    from sitroom.store import open_store
    from tests.api.apitools import make_client

    open_store(tmp_path / "h.db").close()
    with make_client(tmp_path / "h.db", allowed_hosts="sitroom.lan, Analyst.Box") as client:
        assert client.get("/api/stats", headers={"host": "analyst.box:8000"}).status_code == 200
        assert client.get("/api/stats", headers={"host": "other.lan"}).status_code == 400


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("TRACE", "/api/stats", "GET"),
        ("PUT", "/api/articles/0000000000000000", "GET"),
        ("DELETE", "/api/events/map", "GET"),
        ("GET", "/api/ingest", "POST"),
    ],
)
def test_a_method_a_route_does_not_take_is_405_naming_the_allowed_ones(
    client, method, url, allowed
):
    # schemathesis: TRACE answered 405 without the Allow header RFC 9110 requires.
    response = client.request(method, url)
    assert response.status_code == 405
    assert response.headers["allow"] == allowed
    assert response.json()["error"]["type"] == "MethodNotAllowed"


@pytest.mark.issue(12)
def test_a_405_page_for_a_browser_names_the_allowed_methods_too(client):
    response = client.request("TRACE", "/search", headers={"accept": "text/html"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.headers["content-type"].startswith("text/html")


def _operations(client):
    spec = client.get("/api/openapi.json").json()
    return spec, [
        (f"{method.upper()} {path}", op)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
    ]


@pytest.mark.issue(12)
def test_openapi_documents_the_errors_each_route_answers(client):
    spec, operations = _operations(client)
    for name, op in operations:
        responses = op["responses"]
        # Invalid requests are 400 in the one error shape, never FastAPI's 422.
        assert "422" not in responses, name
        for status in ("400", "500"):
            body = responses[status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/ErrorPublic"}, name
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    documented = {name: set(op["responses"]) for name, op in operations}
    assert "404" in documented["GET /api/articles/{article_id}"]
    assert "404" in documented["GET /api/entities/{name}"]
    assert {"401", "413"} <= documented["POST /api/ingest"]


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("route", "url", "headers", "status"),
    [
        ("/api/articles/{article_id}", "/api/articles/0000000000000000", {}, 404),
        ("/api/claims", "/api/claims?limit=0", {}, 400),
        ("/api/stats", "/api/stats", {"host": "elsewhere.example"}, 400),  # Host not served
    ],
)
def test_each_error_answered_is_documented_for_its_route(client, route, url, headers, status):
    response = client.get(url, headers=headers)
    assert response.status_code == status
    _, operations = _operations(client)
    assert str(status) in dict(operations)[f"GET {route}"]["responses"]


@pytest.mark.issue(12)
def test_an_upload_without_files_is_a_400_as_the_schema_says(client):
    spec, _ = _operations(client)
    ref = spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]["multipart/form-data"]
    body = spec["components"]["schemas"][ref["schema"]["$ref"].rsplit("/", 1)[1]]
    assert body["properties"]["files"]["minItems"] == 1
    response = client.post(
        "/api/ingest",
        data={"other": "x"},
        files=[("other", ("a.txt", b"x", "text/plain"))],
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400
    assert "files" in response.json()["error"]["message"]
