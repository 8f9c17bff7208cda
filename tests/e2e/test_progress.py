"""/progress/ and an ambition page in Chromium: axe, without JavaScript (the filter form is a GET
form), and at 320 px with no horizontal scroll and every row's status on screen."""

from __future__ import annotations

import pytest

from tests.browser import assert_no_axe_violations
from tests.measures.pages_sample import measures_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/places/riverton"


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    for status in page.locator("[data-progress-table] .govuk-tag").all():
        box = status.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, page.url


def test_progress_and_an_ambition_page_have_no_axe_violations(live_server, page) -> None:
    measures_sample()
    for path in ("/progress/", "/progress/?big_thing=nope", "/cross-cutting-ambitions/fairness/"):
        page.goto(f"{live_server.url}{BASE}{path}")
        assert_no_axe_violations(page)


def test_the_filters_work_without_javascript(live_server, page_no_js) -> None:
    measures_sample()
    page = page_no_js
    page.goto(f"{live_server.url}{BASE}/progress/")
    assert page.locator("[data-progress-table] tbody tr").count() == 2
    page.get_by_label("On course status").select_option("Not assessed")
    page.get_by_role("button", name="Show measures").click()
    page.wait_for_load_state()
    assert "status=Not+assessed" in page.url
    assert page.locator("[data-progress-table] tbody tr").count() == 1


def test_320_px_no_horizontal_scroll_and_the_status_stays_on_screen(live_server, browser) -> None:
    measures_sample()
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 320, "height": 800}, java_script_enabled=javascript
        )
        page = context.new_page()
        try:
            for path in ("/progress/", "/cross-cutting-ambitions/fairness/"):
                page.goto(f"{live_server.url}{BASE}{path}")
                _fits(page, 320)
            assert page.locator("main h1").is_visible()
        finally:
            context.close()
