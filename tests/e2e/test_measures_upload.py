"""The officer's upload journey in a real browser: form, errors by row and column, result; axe."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from onefuture.measures import views
from tests.browser import assert_no_axe_violations
from tests.measures.pages_sample import measures_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPLOAD = "/places/riverton/data/upload/"


@pytest.fixture
def officer_page(live_server, page, monkeypatch):
    """A browser logged in as an officer who may add data (session cookie from Django's client)."""
    # The import runs inline: the test DB's connection is shared with the live server's thread.
    monkeypatch.setattr(views, "run_in_background", lambda job: job())
    monkeypatch.setattr("onefuture.measures.views.connection.close", lambda: None)
    measures_sample()
    user = get_user_model().objects.create_user("officer", password="not-a-real-password-4")
    user.user_permissions.add(Permission.objects.get(codename="add_datapoint"))
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return page


def test_upload_errors_are_listed_by_row_and_column_and_pages_pass_axe(
    live_server, officer_page, tmp_path
):
    page = officer_page
    page.goto(live_server.url + UPLOAD)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Upload and check").click()
    summary = page.locator(".govuk-error-summary")
    assert "Select a CSV or Excel (.xlsx) file to upload" in summary.inner_text()
    assert_no_axe_violations(page)

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "measure,area,period,value\nemployment,E08000099,2024,lots\nnope,E08000099,2024,1\n"
    )
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/data/imports/*/")
    errors = page.locator("[data-import-errors] li").all_inner_texts()
    assert any(e.startswith("Row 2, column value:") for e in errors), errors
    assert any(e.startswith("Row 3, column measure:") for e in errors), errors
    assert "nothing was written" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page)

    good = tmp_path / "good.csv"
    good.write_text(
        "measure,area,period,value,lower,upper\nemployment,E08000099,2024,74.1,72.2,76\n"
    )
    page.goto(live_server.url + UPLOAD)
    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/data/imports/*/")
    assert "Imported" in page.locator(".govuk-panel").inner_text()
    assert_no_axe_violations(page)
