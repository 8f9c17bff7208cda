"""The workspace's reports page (ADR 0037): choose a report, its date and formats; the run is
made through the job queue (the immediate backend here; ``test_reports_worker`` runs the real
worker) and its files download as attachments that open in python-docx and pypdf. Errors name
their field; scrutiny members read and download but never generate; a failed run says why and a
run whose worker died is failed when its page is read."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from docx import Document as WordDocument
from pypdf import PdfReader

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.core.models import Job
from onefuture.reports import document, services
from onefuture.reports.document import ReportKind
from onefuture.reports.generate import CONTENT_TYPES
from onefuture.reports.models import ReportFile, ReportRun, RunStatus
from onefuture.reports.services import RunProgress, report_run_start
from onefuture.reports.tasks import CRASHED, WORKER_GONE
from tests.reports.tracker_sample import meeting, tracker_world

pytestmark = pytest.mark.django_db
BASE = "/places/riverton/workspace/reports"
DATE = dt.date(2024, 2, 27)


@pytest.fixture
def world():
    return tracker_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_choose_generate_and_download_the_scrutiny_report(world):
    meeting(world, DATE)
    client = _client(world.strategy)
    index = client.get(f"{BASE}/")
    page = index.content.decode()
    assert index.status_code == 200
    for title in ("Scrutiny committee report", "Engagement report", "Brochure", "Presentation"):
        assert title in page
    assert "No reports have been made here yet." in page
    chosen = client.get(f"{BASE}/", {"kind": "scrutiny", "choose": "1"})
    assert chosen.status_code == 302 and chosen["Location"].endswith(f"{BASE}/new/scrutiny/")
    form = client.get(chosen["Location"]).content.decode()
    # Only the formats the kind makes, all ticked at first.
    assert re.findall(r'name="formats" type="checkbox" value="(\w+)"', form) == ["docx", "pdf"]
    assert form.count("checked") == 2

    made = client.post(
        f"{BASE}/new/scrutiny/",
        {"date": "2024-02-27", "since": "2023-11-28", "formats": ["docx", "pdf"]},
    )
    run = ReportRun.objects.get()
    assert made.status_code == 302 and made["Location"].endswith(f"{BASE}/runs/{run.pk}/")
    assert (run.kind, run.date, run.since, run.formats) == (
        "scrutiny",
        DATE,
        dt.date(2023, 11, 28),
        "docx,pdf",
    )
    assert (run.status, run.progress, run.stage, run.requested_by) == (
        RunStatus.DONE,
        100,
        "Done",
        world.strategy,
    )
    assert run.started_at <= run.finished_at

    status = client.get(made["Location"]).content.decode()
    assert "govuk-tag--green" in status and ">Done<" in status
    assert "Refresh" not in status and 'http-equiv="refresh"' not in status
    assert "riverton-scrutiny-2024-02-27.docx" in status and "28 November 2023" in status

    word = client.get(f"{BASE}/runs/{run.pk}/docx/")
    assert word.status_code == 200 and word["Content-Type"] == CONTENT_TYPES["docx"]
    assert word["Content-Disposition"] == (
        'attachment; filename="riverton-scrutiny-2024-02-27.docx"'
    )
    docx = WordDocument(io.BytesIO(word.content))
    headings = [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]
    assert headings and headings[0].startswith("1")
    pdf = client.get(f"{BASE}/runs/{run.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "27 February 2024" in text
    assert client.get(f"{BASE}/runs/{run.pk}/pptx/").status_code == 404

    listed = client.get(f"{BASE}/").content.decode()
    assert f"{BASE}/runs/{run.pk}/" in listed and "Scrutiny committee report" in listed


def test_the_presentation_downloads_as_powerpoint(world):
    client = _client(world.admin)
    made = client.post(f"{BASE}/new/presentation/", {"date": "2026-06-01", "formats": ["pptx"]})
    run = ReportRun.objects.get()
    assert made.status_code == 302 and run.status == RunStatus.DONE
    slides = client.get(f"{BASE}/runs/{run.pk}/pptx/")
    assert slides["Content-Type"] == CONTENT_TYPES["pptx"]
    from pptx import Presentation

    assert len(Presentation(io.BytesIO(slides.content)).slides) >= 2


def test_form_errors_name_the_field(world):
    client = _client(world.strategy)
    none = client.get(f"{BASE}/", {"choose": "1"})
    page = none.content.decode()
    assert none.status_code == 400 and "<title>Error:" in page
    assert 'href="#id_kind_0"' in page and "Choose a report" in page

    empty = client.post(f"{BASE}/new/engagement/", {"date": "", "formats": []})
    page = empty.content.decode()
    assert empty.status_code == 400 and "<title>Error:" in page
    assert 'href="#id_date"' in page and "Enter the report&#x27;s date" in page
    assert 'href="#id_formats_0"' in page and "Choose at least one format" in page

    backwards = client.post(
        f"{BASE}/new/engagement/", {"date": "2024-02-27", "since": "2024-03-01", "formats": "pdf"}
    )
    page = backwards.content.decode()
    assert backwards.status_code == 400 and 'href="#id_since"' in page
    assert "(1 March 2024) must be on or before the report" in page

    bad = client.post(f"{BASE}/new/brochure/", {"date": "27th of February", "formats": "docx"})
    page = bad.content.decode()
    assert bad.status_code == 400
    assert "as year-month-day" in page and 'href="#id_formats_0"' in page  # the brochure: PDF only
    assert "docx is not one" in page
    assert client.get(f"{BASE}/new/no-such-report/").status_code == 404
    assert not ReportRun.objects.exists()


def test_the_service_names_each_wrong_choice(world):
    with pytest.raises(ApplicationError) as caught:
        report_run_start(
            user=world.strategy,
            place=world.place,
            kind="brochure",
            date=DATE,
            since=dt.date(2025, 1, 1),
            formats="docx,pptx",
        )
    fields = {d.field: d.message for d in caught.value.errors}
    assert set(fields) == {"formats", "since"}
    assert fields["formats"] == "The brochure is not made as Word, PowerPoint: choose PDF"
    with pytest.raises(ApplicationError) as caught:
        report_run_start(user=world.strategy, place=world.place, kind="x", date=DATE, formats="")
    assert {d.field for d in caught.value.errors} == {"kind", "formats"}
    assert "There is no report called 'x'" in str(caught.value)
    with pytest.raises(ApplicationError) as caught:
        report_run_start(user=world.strategy, place=world.place, kind="", date=None, formats="pdf")
    assert {(d.field, d.message) for d in caught.value.errors} == {
        ("kind", "Choose a report"),
        ("date", "Enter the report's date"),
    }
    assert not ReportRun.objects.exists()


def test_scrutiny_members_read_and_download_but_never_generate(world):
    run = report_run_start(
        user=world.strategy, place=world.place, kind="engagement", date=DATE, formats="pdf"
    )
    client = _client(world.scrutiny)
    page = client.get(f"{BASE}/").content.decode()
    assert "You can read and download the reports made here." in page
    assert 'name="kind"' not in page
    assert client.get(f"{BASE}/", {"kind": "scrutiny", "choose": "1"}).status_code == 200
    assert client.get(f"{BASE}/new/scrutiny/").status_code == 403
    refused = client.post(f"{BASE}/new/scrutiny/", {"date": "2024-02-27", "formats": "pdf"})
    assert refused.status_code == 403
    assert "administrators and strategy officers" in refused.content.decode()
    status = client.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert "Generate the engagement report again" not in status
    pdf = client.get(f"{BASE}/runs/{run.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with pytest.raises(PermissionDenied):
        report_run_start(
            user=world.scrutiny, place=world.place, kind="engagement", date=DATE, formats="pdf"
        )
    editor = _client(world.editor)
    assert editor.get(f"{BASE}/").status_code == 403
    assert editor.get(f"{BASE}/runs/{run.pk}/pdf/").status_code == 403
    assert Client().get(f"{BASE}/runs/{run.pk}/pdf/").status_code == 302  # to sign in
    assert ReportRun.objects.count() == 1


def test_runs_and_files_of_another_place_are_not_found(world):
    other = tracker_world(slug="elsewhere")
    run = report_run_start(
        user=other.strategy, place=other.place, kind="engagement", date=DATE, formats="pdf"
    )
    client = _client(world.strategy)
    assert client.get(f"{BASE}/runs/{run.pk}/").status_code == 404
    assert client.get(f"{BASE}/runs/{run.pk}/pdf/").status_code == 404
    assert f"/runs/{run.pk}/" not in client.get(f"{BASE}/").content.decode()


def test_the_workspace_home_lists_reports_for_those_who_may_read(world):
    for user, shown in ((world.strategy, True), (world.scrutiny, True), (world.editor, False)):
        page = _client(user).get("/places/riverton/workspace/").content.decode()
        assert (f'href="{BASE}/"' in page) is shown, user


def _failing_kind(monkeypatch, error: Exception) -> None:
    def build(**kwargs):
        raise error

    kind = ReportKind(key="failing", title="Failing report", build=build, formats=("pdf",))
    monkeypatch.setitem(document._KINDS, kind.key, kind)


def test_a_report_that_cannot_be_made_fails_the_run_saying_why(world, monkeypatch):
    _failing_kind(monkeypatch, ApplicationError("The place has no vision to report on."))
    client = _client(world.strategy)
    made = client.post(f"{BASE}/new/failing/", {"date": "2024-02-27", "formats": "pdf"})
    run = ReportRun.objects.get()
    assert made.status_code == 302 and run.status == RunStatus.FAILED
    assert run.message == ("The report could not be made: The place has no vision to report on.")
    page = client.get(made["Location"]).content.decode()
    assert "govuk-tag--red" in page and "The place has no vision to report on." in page
    assert "Download" not in page and not ReportFile.objects.exists()


def test_an_unexpected_error_fails_the_run_with_plain_words(world, monkeypatch):
    _failing_kind(monkeypatch, ZeroDivisionError("division by zero"))
    run = report_run_start(  # the task's result keeps the traceback; the run, plain words
        user=world.strategy, place=world.place, kind="failing", date=DATE, formats="pdf"
    )
    assert (run.status, run.message) == (RunStatus.FAILED, CRASHED)
    assert "division" not in run.message and Job.objects.get().outcome.startswith("ZeroDivision")


def test_a_run_whose_worker_died_is_failed_when_its_page_is_read(world):
    run = ReportRun.objects.create(
        place=world.place, kind="scrutiny", date=DATE, formats="pdf", status=RunStatus.RUNNING
    )
    now = timezone.now()
    Job.objects.create(
        task_path="onefuture.reports.tasks.report_run",
        record_type=ContentType.objects.get_for_model(ReportRun),
        record_id=run.pk,
        started_at=now,
        heartbeat_at=now,
        worker_host=__import__("socket").gethostname(),
        worker_pid=2**22 + 12345,  # no such process
    )
    page = _client(world.scrutiny).get(f"{BASE}/runs/{run.pk}/").content.decode()
    run.refresh_from_db()
    assert (run.status, run.message) == (RunStatus.FAILED, WORKER_GONE)
    assert "govuk-tag--red" in page and "Refresh" not in page


def test_an_unfinished_run_has_a_refresh_link_and_no_files(world):
    run = ReportRun.objects.create(
        place=world.place, kind="scrutiny", date=DATE, formats="docx,pdf", stage=services.WAITING
    )
    client = _client(world.strategy)
    page = client.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert "Waiting to start" in page and "govuk-tag--grey" in page
    assert f'href="{BASE}/runs/{run.pk}/">Refresh' in page
    assert 'http-equiv="refresh"' not in page
    assert client.get(f"{BASE}/runs/{run.pk}/pdf/").status_code == 404


def test_progress_is_written_at_steps_not_on_every_tick(world):
    run = ReportRun.objects.create(place=world.place, kind="scrutiny", date=DATE, formats="pdf")
    clock = iter(range(1000))  # one "second" a tick: the 2 s rule writes every other tick
    slow = RunProgress(run.id, clock=lambda: next(clock) * 0.01)  # 100 ticks in one second
    for done in range(101):
        slow(done, f"step {done}")
    run.refresh_from_db()
    assert (run.progress, run.stage) == (100, "step 100")
    assert slow.writes == 21  # 0, 5, 10 ... 100
    seconds = iter(range(1000))
    timed = RunProgress(run.id, clock=lambda: float(next(seconds)))
    for _ in range(10):
        timed(1, "still drawing")  # no progress, but the time passes
    assert timed.writes == 5  # the first, then every 2 s


def test_a_run_failed_while_it_was_being_made_keeps_no_file(world, monkeypatch):
    real = document.report_kind("engagement")

    def build(**kwargs):  # the run counted as lost meanwhile (e.g. reaped), then it finishes
        services.report_run_fail(run_id=ReportRun.objects.get().pk, message=WORKER_GONE)
        return real.build(**kwargs)

    kind = ReportKind(key="reaped", title="Reaped report", build=build, formats=("pdf",))
    monkeypatch.setitem(document._KINDS, kind.key, kind)
    run = report_run_start(
        user=world.strategy, place=world.place, kind="reaped", date=DATE, formats="pdf"
    )
    assert (run.status, run.message) == (RunStatus.FAILED, WORKER_GONE)
    assert not ReportFile.objects.exists()
