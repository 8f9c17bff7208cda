"""The update journey in Chromium: a partner editor signs in, is refused an off-track update
without a narrative, submits it with one; an officer signs in and approves it; it is on the
public routemap and milestone page. Axe on every page; the workspace pages without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from onefuture.routemaps.models import Update, UpdateState
from tests.browser import assert_no_axe_violations
from tests.routemaps.updates_data import updates_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITE = "/places/riverton"
NARRATIVE = "The builder went into administration; a new contractor starts in March."


def sign_in(page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}{SITE}/sign-in/?next={SITE}{next_path}")
    assert_no_axe_violations(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{SITE}{next_path}")


def test_partner_update_refused_then_accepted_approved_and_public(live_server, page) -> None:
    data = updates_place()
    base = live_server.url
    sign_in(page, base, data.trust_editor.username, "/workspace/my-items/")
    assert "Town centre clinic opens" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile("on Town centre clinic opens")).click()
    page.wait_for_url("**/workspace/updates/new/milestone/clinic-opens/")
    assert_no_axe_violations(page)
    page.get_by_label("Off track").check()
    page.get_by_role("button", name="Submit for approval").click()
    summary = page.locator(".govuk-error-summary")
    assert "'off track' must say why" in summary.inner_text()
    assert_no_axe_violations(page)
    assert not Update.objects.exists()

    page.get_by_label("Off track").check()
    page.get_by_label("What has happened since the last update").fill(NARRATIVE)
    page.get_by_label("Evidence link (optional)").fill("https://example.org/board-report")
    page.get_by_role("button", name="Submit for approval").click()
    page.wait_for_url("**/workspace/updates/*/?done=submitted")
    assert "was submitted" in page.locator(".govuk-notification-banner").inner_text()
    assert_no_axe_violations(page)
    update = Update.objects.get()
    assert update.state == UpdateState.SUBMITTED

    # Not public yet.
    page.goto(f"{base}{SITE}/milestones/clinic-opens/")
    assert NARRATIVE not in page.content()

    page.goto(f"{base}{SITE}/workspace/")
    page.get_by_role("button", name=re.compile("Sign out")).click()
    sign_in(page, base, data.officer.username, "/workspace/updates/review/")
    main = page.locator("main").inner_text()
    assert NARRATIVE in main and "https://example.org/board-report" in main
    assert_no_axe_violations(page)
    page.get_by_role("button", name=re.compile("Approve and publish")).click()
    page.wait_for_url("**/workspace/updates/review/?done=approved")
    assert "approved and published" in page.locator(".govuk-notification-banner").inner_text()
    assert_no_axe_violations(page)
    update.refresh_from_db()
    assert update.state == UpdateState.PUBLISHED

    page.goto(f"{base}{SITE}/big-things/good-jobs/routemap/")
    routemap = page.locator("main").inner_text()
    assert "Town centre clinic opens" in routemap and "Off track" in routemap
    assert_no_axe_violations(page)
    page.goto(f"{base}{SITE}/milestones/clinic-opens/")
    assert NARRATIVE in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_the_workspace_update_pages_work_without_javascript(live_server, page, page_no_js) -> None:
    data = updates_place()
    submitted = Client()
    submitted.force_login(data.trust_editor)
    submitted.post(
        f"{SITE}/workspace/updates/new/milestone/clinic-opens/",
        {"status": "at_risk", "narrative": "Slower than planned.", "period": "2026-27-q2"},
    )
    update = Update.objects.get()
    client = Client()
    client.force_login(data.officer)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    for p in (page, page_no_js):
        p.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    for path in (
        "/workspace/",
        "/workspace/my-items/",
        "/workspace/updates/new/milestone/clinic-opens/",
        "/workspace/updates/review/",
        f"/workspace/updates/{update.pk}/",
        "/workspace/updates/",
        "/workspace/updates/upload/",
        "/workspace/periods/",
    ):
        page_no_js.goto(live_server.url + SITE + path)
        assert page_no_js.locator("h1").count() == 1, path
        page.goto(live_server.url + SITE + path)  # axe is a script: it runs with JavaScript on
        try:
            assert_no_axe_violations(page)
        except AssertionError as error:
            raise AssertionError(f"{path}: {error}") from error
    # The refusal's error summary passes axe.
    page.goto(live_server.url + SITE + f"/workspace/updates/{update.pk}/")
    page.get_by_role("button", name="Return to the owner").click()
    assert (
        "saying what the owner should change" in page.locator(".govuk-error-summary").inner_text()
    )
    assert_no_axe_violations(page)
    # The forms work without JavaScript: return the update with a comment, lock a period.
    page_no_js.goto(live_server.url + SITE + f"/workspace/updates/{update.pk}/")
    page_no_js.get_by_role("button", name="Return to the owner").click()
    assert "saying what the owner should change" in (
        page_no_js.locator(".govuk-error-summary").inner_text()
    )
    page_no_js.get_by_label("Comment for the owner").fill("Say when it will open.")
    page_no_js.get_by_role("button", name="Return to the owner").click()
    page_no_js.wait_for_url("**?done=reviewed")
    update.refresh_from_db()
    assert update.state == UpdateState.RETURNED
    page_no_js.goto(live_server.url + SITE + "/workspace/periods/")
    page_no_js.get_by_role("button", name="Lock July to September 2026").click()
    page_no_js.wait_for_url("**/workspace/periods/")
    data.current.refresh_from_db()
    assert data.current.locked
