"""Build small deterministic WARC files for tests and for the bundled demo corpus.

Run ``python tests/ingest/warc_builder.py`` to regenerate
``src/sitroom/data/demo/cc-news-2025-03-20.warc.gz`` from ``demo_warc_pages/``;
``test_demo_warc_is_reproducible`` checks the committed file matches.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
DEMO_PAGES = HERE / "demo_warc_pages"
DEMO_WARC = HERE.parents[1] / "src" / "sitroom" / "data" / "demo" / "cc-news-2025-03-20.warc.gz"

# (page file, URL, crawl time) for the demo archive, in record order.
DEMO_RECORDS = (
    (
        "southern-courier-odesa.html",
        "https://southern-courier.example/news/odesa-drone-attack",
        "2025-03-02T10:00:00Z",
    ),
    (
        "dnipro-ledger-patriot-kyiv.html",
        "https://dnipro-ledger.example/frontline/patriot-kyiv",
        "2025-03-20T08:30:00Z",
    ),
)


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    date: str  # WARC-Date
    body: bytes
    content_type: str = "text/html; charset=utf-8"


def _record_id(url: str, kind: str) -> str:
    digest = hashlib.sha256(f"{kind}:{url}".encode()).hexdigest()
    return f"<urn:uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}>"


def build_warc(pages: Iterable[Page], *, gzip: bool = True) -> bytes:
    """A WARC with a warcinfo record, then a request and a response record per page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    info = writer.create_warcinfo_record(
        "sitroom-demo.warc.gz", {"software": "sitroom tests", "format": "WARC File Format 1.0"}
    )
    info.rec_headers.replace_header("WARC-Record-ID", _record_id("warcinfo", "info"))
    info.rec_headers.replace_header("WARC-Date", "2025-03-20T00:00:00Z")
    writer.write_record(info)
    for page in pages:
        request = writer.create_warc_record(
            page.url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", page.url.split("/")[2])], is_http_request=True
            ),
            warc_headers_dict={
                "WARC-Record-ID": _record_id(page.url, "request"),
                "WARC-Date": page.date,
            },
        )
        writer.write_record(request)
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Type", page.content_type), ("Content-Length", str(len(page.body)))],
            protocol="HTTP/1.1",
        )
        response = writer.create_warc_record(
            page.url,
            "response",
            payload=io.BytesIO(page.body),
            http_headers=http,
            warc_headers_dict={
                "WARC-Record-ID": _record_id(page.url, "response"),
                "WARC-Date": page.date,
            },
        )
        writer.write_record(response)
    return out.getvalue()


def demo_warc_bytes() -> bytes:
    return build_warc(
        Page(url=url, date=date, body=(DEMO_PAGES / file).read_bytes())
        for file, url, date in DEMO_RECORDS
    )


if __name__ == "__main__":
    DEMO_WARC.write_bytes(demo_warc_bytes())
    print(f"wrote {DEMO_WARC}")
