"""The workspace page "API tokens" in Chromium with JavaScript off: sign in, an error first,
create a token (shown once), revoke it; axe-core on every state of the page (ADR 0039)."""

from __future__ import annotations

import pytest

from onefuture.tokens.models import ApiToken
from tests.browser import assert_no_axe_violations
from tests.routemaps.updates_data import updates_place

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_member_manages_tokens_without_javascript_and_every_state_passes_axe(
    live_server, page_no_js
) -> None:
    data = updates_place()
    p = page_no_js
    p.goto(live_server.url + "/places/riverton/sign-in/")
    p.fill("#id_username", data.scrutiny.username)
    p.fill("#id_password", "pw")
    p.click("button[type=submit]")
    p.wait_for_url("**/places/riverton/workspace/")
    p.click("text=API tokens")
    p.wait_for_url("**/places/riverton/workspace/api-tokens/")
    assert "You have no API tokens yet" in p.inner_text("main")
    assert_no_axe_violations(p)

    p.click("button:text('Create token')")  # no name: the error summary links to the field
    p.wait_for_selector(".govuk-error-summary")
    assert "Enter what the token is for" in p.inner_text(".govuk-error-summary")
    assert_no_axe_violations(p)

    p.fill("#id_name", "Power BI")
    p.check("text=In 30 days")
    p.click("button:text('Create token')")
    p.wait_for_selector("#new-token")
    text = p.input_value("#new-token")
    assert text.startswith("oft_") and "not be shown again" in p.inner_text("main")
    assert_no_axe_violations(p)
    token = ApiToken.objects.get(user=data.scrutiny)
    assert text.startswith(f"oft_{token.prefix}_")

    p.click("button:text('Revoke')")
    p.wait_for_selector("text=was revoked")
    assert "Revoked" in p.inner_text("table")
    assert text not in p.content()
    assert_no_axe_violations(p)
