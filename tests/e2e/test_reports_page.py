"""The reports page in Chromium with JavaScript off, axe-core on every page (ADR 0037).

A strategy officer chooses the scrutiny report (an error first: nothing chosen), gives a date
to report changes since that is after the report's date (an error beside the field), fixes it
and generates; the run's page says "Done" and its Word and PDF links download the files. A run
still waiting has a "Refresh" link and no automatic refresh. A scrutiny member then reads the
list and downloads the PDF, and finds no form.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.test import Client
from docx import Document as WordDocument
from pypdf import PdfReader

from onefuture.reports.models import ReportRun, RunStatus
from tests.browser import assert_no_axe_violations
from tests.reports.tracker_sample import meeting, tracker_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WORK = "/places/riverton/workspace/reports"


def _as(page, live_server, user) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _checked(page) -> None:
    page.wait_for_load_state("load")
    assert page.locator("main h1").count() == 1, page.url
    assert page.locator('meta[http-equiv="refresh"]').count() == 0, page.url
    assert_no_axe_violations(page)


def _download(page, name: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=name).click()
    assert download.value.suggested_filename == name
    with open(download.value.path(), "rb") as handle:
        return handle.read()


def test_generate_follow_and_download_without_javascript(live_server, page_no_js) -> None:
    page = page_no_js
    world = tracker_world()
    meeting(world, dt.date(2024, 2, 27))
    base = live_server.url + WORK
    _as(page, live_server, world.strategy)

    page.goto(f"{base}/")
    _checked(page)
    assert "No reports have been made here yet." in page.content()
    page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error:")
    assert page.locator(".govuk-error-summary").is_visible()
    _checked(page)
    page.get_by_label("Scrutiny committee report").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{WORK}/new/scrutiny/")
    _checked(page)
    assert page.get_by_label("Word").is_checked() and page.get_by_label("PDF").is_checked()
    assert page.get_by_label("PowerPoint").count() == 0  # not a format this kind makes

    page.get_by_label("Date of the report").fill("2024-02-27")
    page.get_by_label("Report changes since (optional)").fill("2024-03-01")
    page.get_by_role("button", name="Generate").click()
    assert page.title().startswith("Error:")
    assert "must be on or before" in page.locator("#id_since-error").inner_text()
    _checked(page)
    page.get_by_label("Report changes since (optional)").fill("2023-11-28")
    page.get_by_role("button", name="Generate").click()
    run = ReportRun.objects.get()
    page.wait_for_url(f"**{WORK}/runs/{run.pk}/")
    _checked(page)
    tag = page.locator("strong.govuk-tag", has_text="Done")
    assert tag.count() == 1 and "govuk-tag--green" in tag.get_attribute("class")
    word = _download(page, "riverton-scrutiny-2024-02-27.docx")
    assert any(p.style.name == "Heading 1" for p in WordDocument(io.BytesIO(word)).paragraphs)
    pdf = _download(page, "riverton-scrutiny-2024-02-27.pdf")
    assert "27 February 2024" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    waiting = ReportRun.objects.create(
        place=world.place, kind="brochure", date=dt.date(2024, 3, 1), formats="pdf"
    )
    page.goto(f"{base}/runs/{waiting.pk}/")
    _checked(page)
    assert page.locator("strong.govuk-tag", has_text="Waiting to start").count() == 1
    page.get_by_role("link", name="Refresh the report's progress").click()
    page.wait_for_url(f"**{WORK}/runs/{waiting.pk}/")
    assert run.status == RunStatus.DONE

    _as(page, live_server, world.scrutiny)
    page.goto(f"{base}/")
    _checked(page)
    assert page.get_by_role("button", name="Continue").count() == 0
    page.get_by_role("link", name="Scrutiny committee report for 27 February 2024").click()
    page.wait_for_url(f"**{WORK}/runs/{run.pk}/")
    _checked(page)
    assert _download(page, "riverton-scrutiny-2024-02-27.pdf").startswith(b"%PDF-")
    assert (
        page.get_by_role("link", name="Generate the scrutiny committee report again").count() == 0
    )
