"""Capture's pages in Chromium: the public "have your say" form and the workspace's events and
imports, each through axe-core, and the form and paste working without JavaScript."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from onefuture.engagement.models import Comment, CommentImport, Event
from tests.browser import assert_no_axe_violations
from tests.engagement.capture_sample import capture_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITE = "/places/riverton"


@pytest.fixture
def world():
    cache.clear()
    world = capture_world()
    event = Event.objects.create(
        place=world.place, title="Youth forum", kind="forum", date="2025-03-01"
    )
    event.groups.add(world.groups[0])
    Comment.objects.create(
        place=world.place,
        event=event,
        source="entered",
        text="Call Sarah on 07700 900123",
        redacted_text="Call [NAME] on [PHONE]",
        received_at="2025-03-01T12:00:00Z",
    )
    CommentImport.objects.create(
        place=world.place,
        filename="bad.csv",
        status="failed",
        errors=[{"row": 2, "column": "group", "message": "no stakeholder group 'x'."}],
        message="bad.csv: 1 problem(s) found; no comment was written.",
    )
    world.event = event
    yield world
    cache.clear()


def sign_in(page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}{SITE}/sign-in/?next={SITE}{next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("capture-pw-123456")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{SITE}{next_path}")


def test_the_public_pages_pass_axe_and_errors_are_shown(live_server, page, world) -> None:
    base = live_server.url + SITE
    for path in (
        "/big-things/good-jobs/",
        "/big-things/good-jobs/have-your-say/",
        "/big-things/good-jobs/have-your-say/thanks/",
    ):
        response = page.goto(base + path)
        assert response is not None and response.ok, path
        assert_no_axe_violations(page)
    page.goto(base + "/big-things/good-jobs/have-your-say/")
    page.get_by_role("button", name="Send your comment").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_axe_violations(page)


def test_the_form_works_without_javascript(live_server, page_no_js, world) -> None:
    page = page_no_js
    base = live_server.url + SITE
    page.goto(base + "/big-things/good-jobs/")
    page.get_by_role("link", name="Tell us what you think").click()
    assert not page.get_by_label("I agree that my comment may be published").is_checked()
    page.get_by_label("Your comment").fill("More buses in the evening")
    page.get_by_label("Which ward do you live in? (optional)").select_option(label="Brinnington")
    page.get_by_role("button", name="Send your comment").click()
    assert page.get_by_role("heading", name="Thank you for your comment").is_visible()
    comment = Comment.objects.get(source="form")
    assert comment.ward.name == "Brinnington" and not comment.consent_publish


def test_the_workspace_pages_pass_axe(live_server, page, world) -> None:
    base = live_server.url + SITE
    sign_in(page, live_server.url, world.officer.username, "/workspace/engagement/events/")
    imported = CommentImport.objects.get().pk
    for path in (
        "/workspace/",
        "/workspace/engagement/events/",
        "/workspace/engagement/events/new/",
        f"/workspace/engagement/events/{world.event.pk}/",
        f"/workspace/engagement/events/{world.event.pk}/edit/",
        "/workspace/engagement/import/",
        f"/workspace/engagement/imports/{imported}/",
    ):
        response = page.goto(base + path)
        assert response is not None and response.ok, path
        assert page.locator("main h1").count() == 1, path
        assert_no_axe_violations(page)
    page.goto(base + "/workspace/engagement/events/new/")
    page.get_by_role("button", name="Save the event").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_axe_violations(page)


def test_paste_without_javascript(live_server, page_no_js, world) -> None:
    page = page_no_js
    sign_in(
        page,
        live_server.url,
        world.officer.username,
        f"/workspace/engagement/events/{world.event.pk}/",
    )
    page.get_by_label("Comments").fill("Buses late\nMore parks")
    page.get_by_label("Group (optional)").select_option(label="Businesses")
    page.get_by_role("button", name="Add the comments").click()
    assert page.get_by_text("2 comments added").is_visible()
    assert Comment.objects.filter(event=world.event, group__key="businesses").count() == 2
