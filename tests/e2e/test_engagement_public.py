"""The public engagement pages and the workspace's response pages in Chromium: axe on each,
and each without JavaScript (the coverage map's static image and table, a response saved and
published); never an original comment, an unpublished response or a proposed theme."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.browser import assert_no_axe_violations
from tests.engagement.public_sample import ORIGINAL_MARKER, add_ward_boundaries, public_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/engagement/",
    "/engagement/themes/buses/",
    "/engagement/themes/parks/",
    "/engagement/coverage/",
    "/engagement/report/",
    "/milestones/bus-lanes/",
]
WORKSPACE = ["/workspace/engagement/responses/", "/workspace/engagement/responses/parks/"]
SECRETS = (ORIGINAL_MARKER, "UNPUBLISHED-PARKS-RESPONSE", "PROPOSED-THEME-RESPONSE", "STAFF-NOTE")


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def world():
    world = public_world()
    add_ward_boundaries(world)
    return world


def test_every_engagement_page_passes_axe(live_server, page, world) -> None:
    for path in PUBLIC:
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, path
        assert page.locator("main h1").count() == 1, path
        assert_no_axe_violations(page)
        for secret in SECRETS:
            assert secret not in page.content(), (path, secret)
    _sign_in(page, live_server, world.officer)
    for path in WORKSPACE:
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, path
        assert_no_axe_violations(page)
    page.get_by_label("What was decided").fill("")
    page.get_by_role("button", name="Save the response").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_axe_violations(page)


def test_without_javascript_coverage_map_and_a_response_published(
    live_server, page_no_js, world
) -> None:
    page = page_no_js
    for path in PUBLIC:
        page.goto(live_server.url + path)
        assert page.locator("main h1").is_visible(), path
    page.goto(live_server.url + "/engagement/coverage/")
    image = page.locator("img.onefuture-chart__image")
    assert image.count() == 1
    assert page.get_by_role("table", name="Voices by ward, per 1,000 residents").is_visible()
    assert page.get_by_text("No comments yet from these wards: Offerton.").is_visible()
    _sign_in(page, live_server, world.officer)
    page.goto(live_server.url + "/workspace/engagement/responses/parks/")
    page.get_by_label("What was decided").fill("A new park in Offerton by 2028.")
    page.get_by_role("radio", name="Decided", exact=True).check()
    page.get_by_role("button", name="Save the response").click()
    assert page.get_by_text("The response was saved.").is_visible()
    page.get_by_role("button", name="Publish the response").click()
    assert page.get_by_text("The response was published.").is_visible()
    page.goto(live_server.url + "/engagement/themes/parks/")
    assert page.get_by_text("A new park in Offerton by 2028.").is_visible()
