"""The claims page in a real Chromium (issue 10): a chart stays readable whatever the spread
(log scale, the outlier ringed) and a long list of groups comes a page at a time.

Its own `sitroom serve` over a store of invented claims: 30 groups, one with an outlier.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitroom.reconcile import reconcile_store
from sitroom.records import Article, Claim, Extraction, article_id_for
from sitroom.store import open_store
from tests.web.webtools import Watched, serve

pytestmark = [pytest.mark.slow, pytest.mark.issue(10)]

PER_PAGE = 25  # web/templates/claims.html
SMALL = (10.0, 12.0, 15.0, 9.0)  # drones downed per night, four outlets
OUTLIER = 90_000.0  # a misread figure: over 100 times the smallest, 10 times the median
OUTLETS = ("Riga Morning", "Daugava Post", "Baltic Wire", "Jelgava Herald", "Liepaja News")


def _article(outlet: str, day: int, sentences: list[str]) -> Article:
    text = " ".join(sentences)
    return Article(
        id=article_id_for(outlet, text), title=f"Night report {day}", text=text, outlet=outlet,
        published=f"2025-03-{day:02d}",
    )  # fmt: skip


def _claim(article: Article, figure: str, value: float, what: str) -> Claim:
    start = article.text.index(f" {figure} ") + 1
    return Claim(
        article_id=article.id, start=start, end=start + len(figure), text=figure, value=value,
        what=what,
    )  # fmt: skip


def _build(path: Path) -> None:
    """Five outlets; each reports the night's downed drones and 29 zone counts of its own."""
    records = []
    for i, outlet in enumerate(OUTLETS):
        drones = ([*SMALL, OUTLIER])[i]
        figure = f"{drones:,.0f}"
        sentences = [f"Air defence downed {figure} Latvian drones overnight."]
        zones = [(f"{100 + 10 * z + i}", f"Latvian reservists in zone {z}") for z in range(1, 30)]
        sentences += [f"Officials counted {n} Latvian reservists in zone {z}." for z, (n, _) in
                      enumerate(zones, start=1)]  # fmt: skip
        article = _article(outlet, 3 + i // 3, sentences)
        claims = [_claim(article, figure, drones, "Latvian drones")]
        claims += [_claim(article, n, float(n), what) for n, what in zones]
        records.append((article, Extraction(article_id=article.id, claims=tuple(claims))))
    with open_store(path) as db:
        db.save_articles([a for a, _ in records])
        for _, extraction in records:
            db.save_extraction(extraction, pipeline_version="test-claims-page")
        reconcile_store(db)


@pytest.fixture(scope="module")
def claims_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "claims.db"
    _build(path)
    yield from serve(path)


@pytest.fixture
def claims_page(browser, claims_server):
    context = browser.new_context(base_url=claims_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page)
    context.close()


def test_chart_with_an_outlier_goes_log_scale_and_rings_it(claims_page) -> None:
    page = claims_page.page
    page.goto("/claims?about=drones")
    chart = page.locator("svg.claim-chart").first
    chart.wait_for()
    page.wait_for_selector("svg.claim-chart.log-scale")
    assert chart.locator(".outlier-ring").count() == 1
    assert "log scale" in page.locator(".log-note").first.inner_text()
    # The four ordinary figures are spread apart, not squashed on the axis by the outlier.
    ys = sorted(
        box["y"] + box["height"] / 2
        for box in (chart.locator(".point").nth(i).bounding_box() for i in range(5))
        if box is not None
    )
    assert len(ys) == 5
    # On a linear axis 9-15 under 90,000 would lie within 0.02 px of the axis; on the log
    # axis they sit apart and well above it, and the outlier far above them.
    axis = chart.locator("line.axis").first.bounding_box()
    assert axis is not None
    assert ys[-1] - ys[1] > 5
    assert axis["y"] + axis["height"] - ys[-1] > 20
    assert ys[1] - ys[0] > 80
    labels = [(t.text_content() or "").strip() for t in chart.locator(".ytick").all()]
    assert "10" in labels and "100,000" in labels  # powers of ten, whole and unclipped
    for tick in chart.locator(".ytick").all():
        box = tick.bounding_box()
        assert box is not None and box["x"] >= chart.bounding_box()["x"]
    claims_page.assert_clean()


def test_long_claims_page_comes_a_page_at_a_time(claims_page) -> None:
    page = claims_page.page
    page.goto("/claims")
    groups = page.locator("section.claim-group")
    assert groups.count() == PER_PAGE
    pager = page.locator("nav.pager").first
    assert re.search(r"page 1 of 2 · 30 groups", pager.inner_text())
    first_page = set(page.locator("section.claim-group h2").all_inner_texts())
    pager.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert groups.count() == 30 - PER_PAGE
    second_page = set(page.locator("section.claim-group h2").all_inner_texts())
    assert not first_page & second_page
    assert page.locator("nav.pager a[rel=prev]").count() >= 1
    assert page.locator("nav.pager a[rel=next]").count() == 0
    claims_page.assert_clean()
