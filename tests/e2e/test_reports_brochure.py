"""The brochure page of the Stockport example in Chromium: axe-core finds nothing, it has one
h1 and a heading per big thing, its charts have alt text and are drawn (the site's SVGs), and
without JavaScript it shows everything and its PDF link downloads a PDF."""

from __future__ import annotations

import pytest

from onefuture.framework.models import BigThing
from tests.browser import assert_no_axe_violations
from tests.reports.stockport_world import stockport_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stockport(live_server) -> str:
    stockport_load()
    return live_server.url


def test_the_brochure_page_passes_axe(stockport, page) -> None:
    response = page.goto(stockport + "/brochure/")
    assert response is not None and response.ok
    assert page.locator("main h1").count() == 1
    titles = list(BigThing.objects.order_by("order").values_list("title", flat=True))
    headings = page.locator("main section[data-big-thing] h2").all_inner_texts()
    assert len(headings) == len(titles) == 5
    for heading, title in zip(headings, titles, strict=True):
        assert title in heading
    page.wait_for_load_state("networkidle")
    images = page.locator("main img")
    assert images.count() > 0
    for i in range(images.count()):
        image = images.nth(i)
        assert (image.get_attribute("alt") or "").strip()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert_no_axe_violations(page)


def test_the_brochure_works_without_javascript(stockport, page_no_js) -> None:
    page = page_no_js
    response = page.goto(stockport + "/brochure/")
    assert response is not None and response.ok
    assert page.get_by_role("heading", name="Commit to the plan with us").is_visible()
    link = page.get_by_role("link", name="Download the brochure (PDF)")
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
