"""Every registered engagement page is in a browser test with axe and with JavaScript off.

The registry is read, so a new engagement page fails :func:`test_every_engagement_page_is_covered`
until it is added to :data:`COVERED` (and to a browser test). The pages no other browser test
visits with JavaScript off are visited here, with JavaScript off, through axe (run on the
rendered DOM in a JavaScript-on page: axe cannot run where scripts are off).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.engagement.models import CommentImport, Event
from tests.e2e.test_engagement_flow import _checked
from tests.engagement.public_sample import public_world

#: Each engagement HTML page (downloads excluded) and the browser tests with axe / JS off.
COVERED = {
    "engagement": "test_engagement_public, here",
    "engagement-theme": "test_engagement_public, test_engagement_flow",
    "engagement-coverage": "test_engagement_public, here",
    "engagement-report": "test_engagement_public, here",
    "have-your-say": "test_engagement_capture, test_engagement_flow",
    "have-your-say-thanks": "test_engagement_capture, test_engagement_flow",
    "workspace-engagement-events": "test_engagement_capture, here",
    "workspace-engagement-event-record": "test_engagement_capture, test_engagement_flow",
    "workspace-engagement-event": "test_engagement_capture, test_engagement_flow",
    "workspace-engagement-event-edit": "test_engagement_capture, here",
    "workspace-engagement-import-comments": "test_engagement_capture, here",
    "workspace-engagement-import": "test_engagement_capture, here",
    "workspace-redaction": "test_engagement_redaction, test_engagement_flow",
    "workspace-redaction-comment": "test_engagement_redaction, test_engagement_flow",
    "workspace-themes": "test_engagement_themes, test_engagement_flow",
    "workspace-theme-run": "test_engagement_themes, test_engagement_flow",
    "workspace-themes-merge": "test_engagement_themes, here",
    "workspace-themes-review": "test_engagement_themes, here",
    "workspace-theme": "test_engagement_themes, test_engagement_flow",
    "workspace-responses": "test_engagement_public, test_engagement_flow",
    "workspace-response": "test_engagement_public, test_engagement_flow",
}
DOWNLOADS = (".csv", ".svg", ".json", ".<slug:fmt>")


def test_every_engagement_page_is_covered() -> None:
    from onefuture.web.registry import page_list

    engagement = {
        page.name
        for page in page_list()
        if page.view.__module__.startswith("onefuture.engagement.")
        and not page.route.endswith(DOWNLOADS)
    }
    assert engagement == set(COVERED), engagement ^ set(COVERED)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_other_pages_without_javascript_pass_axe(live_server, page_no_js) -> None:
    page = page_no_js
    world = public_world()
    event = Event.objects.create(
        place=world.place, title="Youth forum", kind="forum", date="2025-03-01"
    )
    record = CommentImport.objects.create(
        place=world.place, filename="bad.csv", status="failed",
        errors=[{"row": 2, "column": "group", "message": "no stakeholder group 'x'."}],
        message="bad.csv: 1 problem(s) found; no comment was written.",
    )  # fmt: skip
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.create_user(username="audit-eo", password="pw-12345678")
    membership_set(user=officer, place=world.place, role=Role.ENGAGEMENT_OFFICER)
    site = live_server.url + "/places/riverton"
    for path in ("/engagement/", "/engagement/coverage/", "/engagement/report/"):
        response = page.goto(site + path)
        assert response is not None and response.ok, path
        _checked(page)
    client = Client()
    client.force_login(officer)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    work = site + "/workspace/engagement"
    for path in (
        "/events/",
        f"/events/{event.pk}/edit/",
        "/import/",
        f"/imports/{record.pk}/",
        "/themes/merge/",
        "/themes/review/",
    ):
        response = page.goto(work + path)
        assert response is not None and response.ok, path
        _checked(page)
