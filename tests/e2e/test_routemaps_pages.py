"""The public routemap pages in Chromium: axe, without JavaScript, and at 320 px."""

from __future__ import annotations

import pytest
from django.utils import timezone

from onefuture.routemaps.models import Commitment, CommitmentStatus, Update, UpdateState
from tests.browser import assert_no_axe_violations
from tests.routemaps.sample import sample_plan

pytestmark = pytest.mark.browser

PATHS = [
    "/routemaps/",
    "/big-things/green-transport/routemap/",
    "/big-things/good-jobs/routemap/",
    "/milestones/bus-lanes/",
    "/milestones/buses/",
    "/delivery-plans/",
    "/delivery-plans/transport-plan/",
    "/routemaps/changes/?since=2000-01-01",
    "/routemaps/changes/?since=not-a-date",
    "/big-things/good-jobs/",
    "/big-things/green-transport/",
    "/cross-cutting-ambitions/net-zero/",
]


@pytest.fixture
def plan():
    plan = sample_plan()
    Update.objects.create(
        place=plan.place,
        milestone=plan.milestones["bus-lanes"],
        status="off_track",
        narrative="The contractor went into administration; a new one starts in May.",
        evidence_url="https://example.org/cabinet-report",
        state=UpdateState.PUBLISHED,
        published_at=timezone.now(),
    )
    Update.objects.create(
        place=plan.place,
        milestone=plan.milestones["depot"],
        status="dropped",
        narrative="NOT-PUBLIC: waiting for approval",
        state=UpdateState.SUBMITTED,
    )
    Commitment.objects.create(
        place=plan.place,
        partner=plan.sample.partners[0],
        big_thing=plan.routemaps["green-transport"].big_thing,
        milestone=plan.milestones["bus-lanes"],
        title="Build the bus lanes",
        status=CommitmentStatus.AGREED,
    )
    return plan


def test_every_routemap_page_passes_axe(live_server, page, plan) -> None:
    for path in PATHS:
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, path
        assert page.locator("main h1").count() == 1, path
        assert_no_axe_violations(page)


def test_without_javascript_the_timeline_and_its_table_are_there(
    live_server, page_no_js, plan
) -> None:
    page = page_no_js
    for path in PATHS:
        page.goto(live_server.url + path)
        assert page.locator("main h1").is_visible(), path
        assert "NOT-PUBLIC" not in page.content(), path
    page.goto(live_server.url + "/big-things/green-transport/routemap/")
    picture = page.get_by_role("img", name="Timeline: Riverton transport routemap")
    assert picture.is_visible()
    box = picture.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 100
    table = page.get_by_role("table", name="Every milestone, in words")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 3
    assert page.locator("svg[data-timeline] g[data-milestone]").count() == 3
    for i in range(3):
        marker = page.locator("svg[data-timeline] g[data-milestone]").nth(i)
        assert marker.get_attribute("data-milestone") == rows.nth(i).get_attribute("data-milestone")
    assert "Off track" in rows.nth(1).inner_text()
    assert "Riverton Council" in rows.nth(1).inner_text()
    # The changes form is a plain GET form.
    page.goto(live_server.url + "/routemaps/changes/")
    page.get_by_label("Show changes since").fill("2000-01-01")
    page.get_by_role("button", name="Show changes").click()
    assert "since=2000-01-01" in page.url
    assert page.get_by_text("moved from at risk to off track").is_visible()


def test_pages_fit_320_px_and_the_timeline_scales(live_server, browser, plan) -> None:
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 320, "height": 640}, java_script_enabled=javascript
        )
        try:
            page = context.new_page()
            for path in PATHS:
                page.goto(live_server.url + path)
                overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
                assert overflow <= 0, f"{path} is {overflow}px wider than a 320 px screen"
            page.goto(live_server.url + "/big-things/green-transport/routemap/")
            width = page.locator("svg[data-timeline]").evaluate(
                "e => e.getBoundingClientRect().width"
            )
            assert 0 < width <= 320
        finally:
            context.close()
