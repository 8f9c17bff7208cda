"""The scrutiny recommendations tracker in Chromium with JavaScript off, axe-core on every page.

A strategy officer records a meeting (an error first: no date), adds a recommendation linked to a
big thing, records its response as done; a scrutiny member then reads the meeting (the tag says
"Done") and finds no forms.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from onefuture.reports.models import CommitteeMeeting
from tests.browser import assert_no_axe_violations
from tests.reports.tracker_sample import COMMITTEE, tracker_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WORK = "/places/riverton/workspace/scrutiny"


def _as(page, live_server, user) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _checked(page) -> None:
    assert page.locator("main h1").count() == 1, page.url
    assert_no_axe_violations(page)


def test_record_respond_and_read_without_javascript(live_server, page_no_js) -> None:
    page = page_no_js
    world = tracker_world()
    base = live_server.url + WORK
    _as(page, live_server, world.strategy)

    page.goto(f"{base}/")
    _checked(page)
    page.get_by_role("link", name="Record a meeting").click()
    _checked(page)
    page.get_by_label("Committee", exact=True).fill(COMMITTEE)
    page.get_by_label("Recommendations to the committee (optional)").fill(
        "Note and comment on the report.\nAgree the next steps."
    )
    page.get_by_role("button", name="Save the meeting").click()
    assert page.title().startswith("Error:")
    assert page.locator(".govuk-error-summary").is_visible()
    _checked(page)
    page.get_by_label("Date of the meeting").fill("2024-02-27")
    page.get_by_role("button", name="Save the meeting").click()
    made = CommitteeMeeting.objects.get(place=world.place)
    page.wait_for_url(f"**{WORK}/meetings/{made.pk}/**")
    _checked(page)

    page.get_by_label("Recommendation", exact=True).fill("Report homes at every meeting")
    page.get_by_label(world.sample.big_things[0].title).check()
    page.get_by_label("Owner: a role or team (optional)").fill("Director of Place")
    page.get_by_role("button", name="Add the recommendation").click()
    _checked(page)
    page.get_by_role("link", name="Report homes at every meeting").click()
    _checked(page)
    page.get_by_label("Done").check()
    page.get_by_label("Response", exact=True).fill("Reported quarterly from now on.")
    page.get_by_role("button", name="Save the response").click()
    _checked(page)
    assert "The response was saved." in page.content()

    _as(page, live_server, world.scrutiny)
    page.goto(f"{base}/meetings/{made.pk}/")
    _checked(page)
    tag = page.locator("strong.govuk-tag", has_text="Done")
    assert tag.count() == 1 and "govuk-tag--green" in tag.get_attribute("class")
    assert page.get_by_role("button", name="Add the recommendation").count() == 0
    page.get_by_role("link", name="Report homes at every meeting").click()
    _checked(page)
    assert "Reported quarterly from now on." in page.content()
    assert page.get_by_role("button", name="Save the response").count() == 0
