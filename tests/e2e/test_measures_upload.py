"""The officer's upload journey in a real browser: form, errors by row and column, result; axe."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.measures import views
from tests.browser import assert_no_axe_violations
from tests.measures.pages_sample import measures_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPLOAD = "/places/riverton/data/upload/"


@pytest.fixture
def officer_page(live_server, page):
    """A browser logged in as a strategy officer of Riverton (session cookie from Django's
    client). The import job runs in the request (the immediate backend, tests/conftest.py)."""
    sample = measures_sample()
    user = get_user_model().objects.create_user("officer", password="not-a-real-password-4")
    membership_set(user=user, place=sample.place, role=Role.STRATEGY_OFFICER)
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


def test_status_page_checks_again_until_the_import_ends_and_can_be_stopped(
    live_server, officer_page, monkeypatch
):
    """No <meta refresh>: the script re-fetches the page, swaps in the result, and stops when
    the reader unticks the box; axe finds nothing while running or finished."""
    from onefuture.measures.models import ImportBatch
    from onefuture.places.models import Place

    monkeypatch.setattr(views, "STATUS_CHECK_SECONDS", 1)
    page = officer_page
    place = Place.objects.get(slug="riverton")
    batch = ImportBatch.objects.create(place=place, filename="big.csv", status="running")
    url = f"{live_server.url}/places/riverton/data/imports/{batch.id}/"
    fetches = []
    page.on("request", lambda r: fetches.append(r.url) if r.resource_type == "fetch" else None)
    page.goto(url)
    auto = page.get_by_label("Check again automatically every 1 second")
    assert auto.is_visible() and auto.is_checked()
    assert page.get_by_role("link", name="Check again now").is_visible()
    assert page.locator("meta[http-equiv='refresh']").count() == 0
    assert_no_axe_violations(page)
    page.wait_for_timeout(1500)
    assert fetches, "the page did not check again"

    ImportBatch.objects.filter(id=batch.id).update(status="succeeded", rows_total=3)
    page.wait_for_selector(".govuk-panel__title", timeout=10_000)
    assert "Imported" in page.locator(".govuk-panel").inner_text()
    assert "The import has finished" in page.locator("[data-import-announce]").inner_text()
    assert page.get_by_role("link", name="Check again now").count() == 0
    assert_no_axe_violations(page)

    # Unticked, the page stays as it is (and remembers the choice on the next visit).
    other = ImportBatch.objects.create(place=place, filename="other.csv", status="running")
    page.goto(f"{live_server.url}/places/riverton/data/imports/{other.id}/")
    auto = page.get_by_label("Check again automatically every 1 second")
    auto.uncheck()
    fetches.clear()
    page.wait_for_timeout(2500)
    assert not fetches, fetches
    page.reload()
    assert not page.get_by_label("Check again automatically every 1 second").is_checked()
