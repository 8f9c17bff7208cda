"""The measure editor and commentary page in a real browser: an officer changes a target, the
public verdict changes with no command run; errors, preview; axe, no JavaScript, 320 px."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.measures.models import Assessment
from onefuture.measures.services import assessments_recompute
from tests.browser import assert_no_axe_violations
from tests.measures.pages_sample import measures_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDIT = "/places/riverton/workspace/measures/employment/"
PUBLIC = "/places/riverton/measures/employment/"


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def officer(db):
    sample = measures_sample()
    Assessment.objects.filter(measure=sample.measure).delete()
    assessments_recompute(place=sample.place, measure_ids=[sample.measure.id])
    user = get_user_model().objects.create_user("officer", password="not-a-real-password-4")
    membership_set(user=user, place=sample.place, role=Role.STRATEGY_OFFICER)
    return sample, user


def _target_input(page, period: str, field: str):
    row = page.locator("fieldset.onefuture-target-row", has_text=f"Target for {period}")
    return row.locator(f"input[name$='-{field}']")


def _no_horizontal_scroll(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 320, f"{page.url} is {wide} px wide at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_officer_changes_a_target_and_the_public_verdict_changes(
    live_server, page, officer
) -> None:
    sample, user = officer
    _sign_in(page, live_server, user)
    page.goto(live_server.url + PUBLIC)
    before = page.locator("main").inner_text()
    progress_before = Assessment.objects.get(measure=sample.measure, kind="progress").text
    assert progress_before in before

    page.goto(live_server.url + EDIT)
    assert_no_axe_violations(page)
    _no_horizontal_scroll(page)

    _target_input(page, "2030", "value").fill("85")  # stricter than 2040's 80: refused
    page.get_by_role("button", name="Save changes").click()
    summary = page.locator(".govuk-error-summary")
    assert "The 2030 target (85) is stricter than the 2040 target (80)" in summary.inner_text()
    assert_no_axe_violations(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name").endswith("-value")

    _target_input(page, "2030", "value").fill("90")
    _target_input(page, "2040", "value").fill("95")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("[data-preview]")
    assert "90.0% by 2030" in preview.inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/workspace/measures/employment/?saved=1")
    assert "were saved" in page.locator(".govuk-notification-banner").inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="View on the site").first.click()
    after = page.locator("main").inner_text()
    progress_after = Assessment.objects.get(measure=sample.measure, kind="progress").text
    assert progress_after != progress_before
    assert progress_after in after and "90.0% by 2030" in after


def test_the_editor_and_commentary_work_without_javascript(
    live_server, page_no_js, page, officer
) -> None:
    _, user = officer
    _sign_in(page_no_js, live_server, user)
    page_no_js.goto(live_server.url + EDIT + "commentary/")
    page_no_js.fill("#id_text", "Employment rose for the fifth year running.")
    page_no_js.get_by_role("button", name="Save commentary").click()
    page_no_js.wait_for_url("**/commentary/?saved=1")
    assert "fifth year running" in page_no_js.locator("main").inner_text()
    page_no_js.goto(live_server.url + EDIT)
    page_no_js.fill("#id_title", "")
    page_no_js.get_by_role("button", name="Save changes").click()
    assert "Enter a title" in page_no_js.locator(".govuk-error-summary").inner_text()

    _sign_in(page, live_server, user)
    for path in ("/places/riverton/workspace/measures/", EDIT + "commentary/"):
        page.goto(live_server.url + path)
        assert_no_axe_violations(page)
        _no_horizontal_scroll(page)
