"""Commitments in a real browser: a partner editor answers an invitation without JavaScript, an
officer agrees it and marks it delivered, and the partner's public page names the partner as
the milestone's lead and recognises the delivery; axe on every page involved (the partner page,
the workspace's commitment pages and the audit trail)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.routemaps.models import Commitment, CommitmentStatus
from onefuture.routemaps.services.commitments import commitment_invite
from tests.browser import assert_no_axe_violations
from tests.routemaps.sample import sample_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSPACE = "/places/riverton/workspace"


def _sign_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_commitment_from_invitation_to_recognition(live_server, page, page_no_js) -> None:
    plan = sample_plan()
    place = plan.place
    _council, trust, _forum = plan.sample.partners
    officer = get_user_model().objects.create_user("olive", password="not-a-real-password-4")
    membership_set(user=officer, place=place, role=Role.STRATEGY_OFFICER)
    editor = get_user_model().objects.create_user("tess", password="not-a-real-password-4")
    membership_set(user=editor, place=place, role=Role.PARTNER_EDITOR, partner=trust)
    invitation = commitment_invite(
        user=officer, place=place, partner=trust, big_thing=plan.sample.big_things[0],
        milestone=plan.milestones["skills"], title="Lead the skills centre",
    )  # fmt: skip
    public = f"{live_server.url}/places/riverton/partners/{trust.key}/"

    # The partner editor answers without JavaScript: first forgetting the date, then right.
    _sign_in(page_no_js, live_server, editor)
    page_no_js.goto(f"{live_server.url}{WORKSPACE}/commitments/")
    page_no_js.get_by_role("link", name="Lead the skills centre").click()
    page_no_js.get_by_role("link", name="Say what").click()
    page_no_js.fill("#id_title", "Open the skills centre with 300 places")
    page_no_js.get_by_role("button", name="Save the commitment").click()
    assert "There is a problem" in page_no_js.locator(".govuk-error-summary").inner_text()
    page_no_js.fill("#id_due_date", "2026-06-30")
    page_no_js.get_by_role("button", name="Save the commitment").click()
    assert "Committed" in page_no_js.locator("main").inner_text()
    assert Commitment.objects.get(pk=invitation.pk).status == CommitmentStatus.COMMITTED

    # Not yet agreed: the public page does not name the trust as the milestone's lead.
    page.goto(public)
    assert plan.milestones["skills"].title not in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # The officer agrees it and marks it delivered (axe on each workspace page on the way).
    _sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}{WORKSPACE}/commitments/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Open the skills centre with 300 places").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Agree the commitment").click()
    page.get_by_role("button", name="Mark as being delivered").click()
    page.get_by_role("button", name="Mark as delivered").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_axe_violations(page)
    page.fill("#id_recognition", "Thank you to the Trust for 300 training places.")
    page.get_by_role("button", name="Mark as delivered").click()
    assert "Delivered" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}{WORKSPACE}/commitments/record/")
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}{WORKSPACE}/commitments/invite/")
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}{WORKSPACE}/audit/")
    assert "agreed by the council" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}{WORKSPACE}/audit/commitment/{invitation.pk}/")
    assert_no_axe_violations(page)

    # The public page names the lead and recognises the delivery, with or without JavaScript.
    page_no_js.context.clear_cookies()
    for p in (page, page_no_js):
        p.goto(public)
        text = p.locator("main").inner_text()
        assert plan.milestones["skills"].title in text
        assert "Thank you to the Trust for 300 training places." in text
        assert "olive" not in text and "tess" not in text
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/places/riverton/partners/")
    page.get_by_role("link", name=trust.name).click()
    assert page.url == public
