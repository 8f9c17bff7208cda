"""The search page in a real browser: from the navigation, with and without JavaScript, axe,
320 px with no horizontal scroll, results grouped by kind with illustrative tags."""

from __future__ import annotations

import pytest

from onefuture.search.services import search_reindex
from tests.browser import assert_no_axe_violations
from tests.measures.pages_sample import measures_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server) -> str:
    sample = measures_sample()
    search_reindex(place=sample.place)
    return live_server.url + "/places/riverton/"


def _axe(page, javascript: bool) -> None:
    if javascript:  # axe is a script: it runs only where the page may run scripts
        assert_no_axe_violations(page)


def _no_horizontal_scroll(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 320, f"{page.url} is {wide} px wide at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_search_from_the_navigation(site, page, page_no_js, javascript) -> None:
    p = page if javascript else page_no_js
    p.goto(site)
    p.get_by_role("navigation", name="Menu").get_by_role("link", name="Search").click()
    p.wait_for_url("**/places/riverton/search/")
    _axe(p, javascript)
    p.fill("#search-q", "riverton")
    p.get_by_role("button", name="Search").click()
    p.wait_for_url("**/search/?q=riverton")
    groups = p.locator("[data-search-group]")
    assert [groups.nth(i).get_attribute("data-search-group") for i in range(groups.count())] == [
        "big_thing",
        "cross_cutting_ambition",
        "partner",
    ]
    transport = p.locator("li", has_text="Riverton clean green transport")
    assert "Illustrative example" in transport.inner_text()
    _axe(p, javascript)
    _no_horizontal_scroll(p)
    p.get_by_role("link", name="Riverton good jobs and homes").click()
    p.wait_for_url("**/big-things/good-jobs/")

    p.goto(site + "search/?q=zebra")
    assert "There are no results for zebra" in p.locator("main").inner_text()
    _axe(p, javascript)
