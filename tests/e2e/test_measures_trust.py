"""The measure page of issue 13 in Chromium: summary, commentary, stale warning, history,
illustrative labels; axe finds nothing, it works without JavaScript and fits 320 px."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.measures.models import Measure, Target
from onefuture.measures.services import commentary_add, import_file
from tests.browser import assert_no_axe_violations
from tests.measures.conftest import place  # noqa: F401 — the measures' place, as a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATH = "/places/stockport/measures/smoking/"
HEADER = "measure,area,period,value,lower,upper,notes"
ROWS = [
    "smoking,E08000007,2019,14.0,13.0,15.0,",
    "smoking,E08000007,2020,13.0,12.0,14.0,",
    "smoking,E08000007,2021,12.0,11.0,13.0,",
    "smoking,E92000001,2021,13.0,12.9,13.1,",
]


@pytest.fixture
def measure_page_data(place, tmp_path):  # noqa: F811 — the imported fixture
    source = tmp_path / "smoking.csv"
    source.write_text("\n".join([HEADER, *ROWS]) + "\n")
    import_file(place=place, source=source)
    later = tmp_path / "later.csv"
    later.write_text(f"{HEADER}\nsmoking,E08000007,2022,13.9,12.9,14.9,provisional\n")
    import_file(place=place, source=later)  # flips the trajectory: a history row
    Measure.objects.filter(key="smoking").update(frequency="annual")
    Target.objects.filter(measure__key="smoking").update(illustrative=True)
    user = get_user_model().objects.create_user("officer", password="not-a-real-password-5")
    membership_set(user=user, place=place, role=Role.STRATEGY_OFFICER)
    commentary_add(
        user=user,
        place=place,
        measure="smoking",
        period="2022",
        text="Smoking fell for four years; the provisional 2022 figure is higher, and we are"
        " checking it with the survey team before the stop-smoking service is re-let.",
    )
    return place


def _check(page, url: str, *, axe: bool = True) -> None:
    page.goto(url)
    summary = page.locator("[data-summary]")
    assert summary.inner_text().startswith("The latest figure for adults who smoke")
    assert page.locator("[data-commentary]").is_visible()
    assert page.locator("[data-stale]").is_visible()
    assert page.locator("[data-why-not]").first.is_visible()  # four annual points: no trend
    assert page.locator("[data-history] tbody tr").count() >= 2
    assert page.get_by_text("Illustrative example").first.is_visible()
    if axe:  # axe-core is a script: it runs where JavaScript does
        assert_no_axe_violations(page)


def test_the_measure_page_with_javascript(live_server, page, measure_page_data):
    _check(page, live_server.url + PATH)


def test_the_measure_page_without_javascript(live_server, page_no_js, measure_page_data):
    _check(page_no_js, live_server.url + PATH, axe=False)


def test_the_measure_page_fits_320_px(live_server, browser, measure_page_data):
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 320, "height": 640}, java_script_enabled=javascript
        )
        try:
            page = context.new_page()
            page.goto(live_server.url + PATH)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
            wide = page.evaluate(
                """() => [...document.querySelectorAll("main *")]
                    .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                    .slice(0, 5).map(e => e.tagName + "." + e.className
                        + (e.closest("figure") ? " in " + e.closest("figure").dataset.chartSlug
                           : ""))"""
            )
            assert overflow <= 0, f"{PATH} is {overflow}px wider than a 320 px screen: {wide}"
        finally:
            context.close()
