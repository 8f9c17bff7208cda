"""Redaction review in Chromium: the queue and a comment's check pass axe (and its error state),
the check works without JavaScript (mark more, accept and go to the next, withhold), and in
public a published comment shows redacted while an unconsented one does not show at all."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from onefuture.engagement.models import Comment
from onefuture.engagement.services.capture import comment_add
from tests.browser import assert_no_axe_violations
from tests.engagement.redaction_sample import (
    MISSED_NAME,
    PUBLISHED_REDACTED,
    UNCONSENTED_TEXT,
    planted_world,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUE = "/workspace/engagement/redaction/"


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def world():
    world = planted_world(themes_run=False)
    officer, place = world.engagement_officer, world.place
    for text in (
        "Thanks to Quorra Vantablack for the tea at the library",
        "Email me at someone@example.org about the park",
    ):
        comment_add(user=officer, place=place, text=text, consent_publish=True)
    return world


def test_the_review_pages_pass_axe(live_server, page, world) -> None:
    _sign_in(page, live_server, world.engagement_officer)
    for path in (QUEUE, f"{QUEUE}?show=withheld", f"{QUEUE}?show=checked"):
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, path
        assert page.locator("main h1").count() == 1
        assert_no_axe_violations(page)
    page.goto(live_server.url + QUEUE)
    page.locator("[data-redaction-queue] a", has_text="Email me").click()
    assert page.locator("[data-original] mark").count() == 1
    assert_no_axe_violations(page)
    page.get_by_label("More text to hide (optional)").fill("Not in this comment")
    page.get_by_role("button", name="Accept", exact=True).click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_axe_violations(page)
    withheld = world.comments["withheld"]
    page.goto(f"{live_server.url}{QUEUE}{withheld.pk}/")
    assert page.locator("[data-release-form]").is_visible()
    assert_no_axe_violations(page)


def test_the_check_works_without_javascript(live_server, page_no_js, world) -> None:
    page = page_no_js
    _sign_in(page, live_server, world.engagement_officer)
    page.goto(live_server.url + QUEUE)
    waiting = Comment.objects.filter(redaction_state="pending", withheld=False).count()
    assert page.locator("[data-waiting]").inner_text().startswith(f"{waiting} comments to check")
    page.locator("[data-redaction-queue] a", has_text="Thanks to").click()
    page.get_by_label("More text to hide (optional)").fill("Quorra Vantablack")
    page.get_by_role("button", name="Accept and go to the next").click()
    assert "redaction checked" in page.locator(".govuk-notification-banner").inner_text()
    done = Comment.objects.get(text__startswith="Thanks to Quorra")
    assert done.redaction_state == "confirmed" and "Quorra" not in done.redacted_text
    # The page now shows the next comment to check: withhold it, with a reason.
    page.get_by_label("Why keep it off the public site").fill("A test of withholding")
    page.get_by_role("button", name="Withhold the comment").click()
    assert "withheld" in page.locator(".govuk-notification-banner").inner_text()
    assert Comment.objects.filter(withheld_reason="A test of withholding").count() == 1


def test_in_public_a_published_comment_is_redacted_and_an_unconsented_one_absent(
    live_server, page, world
) -> None:
    page.goto(live_server.url + "/engagement/themes/buses/")
    body = page.locator("main").inner_text()
    for words in PUBLISHED_REDACTED:
        assert words in body
    assert MISSED_NAME not in body and "Sarah Thompson" not in body
    assert UNCONSENTED_TEXT.split()[0] not in body and "Kevin" not in body
    assert_no_axe_violations(page)
