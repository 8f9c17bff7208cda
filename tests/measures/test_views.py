"""The measure pages, chart downloads, upload and import status pages, through Django's client."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.measures import pages, views
from onefuture.measures.models import Assessment, DataPoint, ImportBatch
from onefuture.measures.services import import_file
from onefuture.measures.tasks import QUEUED_WARNING_SECONDS
from tests.measures.pages_sample import (
    RULE_COMPARISON,
    SAMPLE_ATTRIBUTION,
    measures_sample,
    ward_boundaries_load,
)

BASE = "/places/riverton"


class _Figures(HTMLParser):
    """Each chart figure's table (cells as text) and its spec JSON, keyed by the chart's slug."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, dict] = {}
        self._slug = None
        self._in_spec = False
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "data-onefuture-chart" in attrs:
            self._slug = attrs["data-chart-slug"]
            self.figures[self._slug] = {"rows": [], "spec": "", "img": None}
        elif self._slug is None:
            return
        elif tag == "script" and "data-chart-spec" in attrs:
            self._in_spec = True
        elif tag == "img" and "data-chart-fallback" in attrs:
            self.figures[self._slug]["img"] = attrs
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "figure":
            self._slug = None
        elif tag == "script":
            self._in_spec = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.figures[self._slug]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_spec:
            self.figures[self._slug]["spec"] += data
        elif self._cell is not None:
            self._cell += data


def figures(html: str) -> dict[str, dict]:
    parser = _Figures()
    parser.feed(html)
    return parser.figures


@pytest.fixture
def sample(db):
    sample = measures_sample()
    ward_boundaries_load(sample.place)
    return sample


@pytest.fixture
def officer(sample):
    """A strategy officer of Riverton (the sample's place), and of no other place."""
    user = get_user_model().objects.create_user("officer", password="not-a-real-password-1")
    membership_set(user=user, place=sample.place, role=Role.STRATEGY_OFFICER)
    return user


def test_measure_page_shows_definition_latest_value_source_and_every_assessment(client, sample):
    response = client.get(f"{BASE}/measures/employment/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Adults in employment" in html
    assert "Percentage of people aged 16 to 64 who are in paid work." in html
    # Latest value 2023 (73.0) with its limits, formatted to the measure's decimal places.
    assert re.search(r"73\.0%</span>\s*<span[^>]*> in Riverton, 2023", html)
    assert "95% confidence interval 71.1% to 74.9%" in html
    assert "Open Government Licence v3.0" in html
    assert "Source: Office for National Statistics, Annual Population Survey." in html
    assert "70.0% in 2018" in html and "80.0% by 2040" in html
    # Each assessment: status words in a coloured tag, the rule in words and the method.
    assert '<strong class="govuk-tag govuk-tag--green">Better than England</strong>' in html
    assert RULE_COMPARISON in html
    assert "Method: Confidence intervals (95%)" in html
    assert "Increasing and getting better" in html
    assert '<strong class="govuk-tag govuk-tag--yellow">Moderate progress' in html
    assert "On course for the 2040 target" in html


def test_every_chart_has_a_fallback_image_a_table_and_the_same_numbers_in_its_spec(client, sample):
    html = client.get(f"{BASE}/measures/employment/").content.decode()
    found = figures(html)
    assert list(found) == ["trend", "comparison", "deprivation", "wards", "map"]
    for slug, figure in found.items():
        assert figure["img"]["alt"], slug
        assert figure["img"]["src"].endswith(f"/measures/employment/charts/{slug}.svg")
        spec = json.loads(figure["spec"])
        body = figure["rows"][1:]
        datasets = [d for d in spec.get("datasets", {}).values() if isinstance(d, list)]
        matching = [d for d in datasets if len(d) == len(body)]
        assert matching, f"{slug}: no dataset with the table's {len(body)} rows"
        numbers_in_spec = {
            f"{v:,.1f}"
            for d in matching
            for r in d
            for k, v in r.items()
            if isinstance(v, float) and k != "year"
        }
        numbers_in_table = {c for row in body for c in row if re.fullmatch(r"-?[\d,]+\.\d", c)}
        assert numbers_in_table == numbers_in_spec, slug


def test_csv_download_equals_the_table(client, sample):
    html = client.get(f"{BASE}/measures/employment/").content.decode()
    for slug, figure in figures(html).items():
        response = client.get(f"{BASE}/measures/employment/charts/{slug}.csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        # The CSV's last column is the illustrative flag, which the table shows as a tag.
        assert rows[0][-1] == "illustrative", slug
        rows = [row[:-1] for row in rows]
        assert rows[0] == figure["rows"][0], slug
        assert len(rows) == len(figure["rows"]), slug
        for csv_row, table_row in zip(rows[1:], figure["rows"][1:], strict=True):
            for csv_cell, table_cell in zip(csv_row, table_row, strict=True):
                if re.fullmatch(r"-?[\d,]+\.\d", table_cell):
                    assert float(csv_cell) == float(table_cell.replace(",", "")), slug
                else:
                    assert csv_cell == table_cell, slug


def test_trend_table_holds_baseline_targets_benchmark_and_limits(client, sample):
    html = client.get(f"{BASE}/measures/employment/").content.decode()
    rows = figures(html)["trend"]["rows"]
    assert rows[0] == [
        "Period",
        "Riverton",
        "Lower 95% limit",
        "Upper 95% limit",
        "England",
        "Target path",
    ]
    assert rows[1] == ["2018", "70.0", "68.1", "71.9", "71.0", "70.0"]
    assert rows[-2] == ["2030", "", "", "", "", "75.0"]
    assert rows[-1] == ["2040", "", "", "", "", "80.0"]


def test_illustrative_charts_say_so_in_the_title_and_beside_the_chart(client, sample):
    html = client.get(f"{BASE}/measures/employment/").content.decode()
    found = figures(html)
    for slug in ("deprivation", "wards", "map"):
        spec = json.loads(found[slug]["spec"])
        assert spec["title"]["text"].startswith("Illustrative: "), slug
        assert found[slug]["img"]["alt"].startswith("Illustrative."), slug
    assert not json.loads(found["trend"]["spec"])["title"]["text"].startswith("Illustrative")
    assert html.count('onefuture-chart__illustrative">Illustrative data: these values') == 3
    assert SAMPLE_ATTRIBUTION in html  # the sample's boundaries' own, from the data


def test_chart_image_is_an_svg_of_the_same_chart(client, sample):
    response = client.get(f"{BASE}/measures/employment/charts/comparison.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and "Lakeside" in svg and "Hillford" in svg


def test_unknown_chart_or_measure_is_404(client, sample):
    assert client.get(f"{BASE}/measures/employment/charts/nope.csv").status_code == 404
    assert client.get(f"{BASE}/measures/no-such-measure/").status_code == 404
    assert client.get(f"{BASE}/measures/empty-homes/charts/trend.svg").status_code == 404


def test_a_measure_without_data_still_has_a_page(client, sample):
    response = client.get(f"{BASE}/measures/empty-homes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No data have been loaded for this measure yet." in html
    assert "data-onefuture-chart" not in html and "charts.js" not in html


def test_pages_are_scoped_by_place(client, sample):
    mine = client.get(f"{BASE}/measures/employment/").content.decode()
    theirs = client.get("/places/elsewhere/measures/employment/").content.decode()
    assert "Elsewhere employment secret" not in mine and "12.3" not in mine
    assert "Elsewhere employment secret" in theirs and "Riverton" not in theirs
    csv_text = client.get("/places/elsewhere/measures/employment/charts/trend.csv").content
    assert b"12.3" in csv_text and b"73.0" not in csv_text
    overview = client.get(f"{BASE}/progress/").content.decode()
    assert "Elsewhere employment secret" not in overview
    assert client.get("/places/elsewhere/measures/empty-homes/").status_code == 404


def test_big_thing_page_summarises_its_measures_in_words(client, sample):
    html = client.get(f"{BASE}/big-things/good-jobs/").content.decode()
    summary = html[html.index("data-measure-summary") :]
    assert 'href="/places/riverton/measures/employment/"' in summary
    assert "73.0%" in summary
    assert "Compared with England" in summary
    assert '<strong class="govuk-tag govuk-tag--green">Better than England</strong>' in summary
    assert "Increasing and getting better" in summary
    assert "Moderate progress towards the target" in summary
    # A measure with nothing computed says so, in words.
    assert '<strong class="govuk-tag govuk-tag--grey">Not assessed</strong>' in summary
    other = client.get(f"{BASE}/big-things/growing-up/").content.decode()
    assert "No success measures have been set" in other


def test_progress_overview_lists_baseline_latest_target_and_statuses(client, sample):
    response = client.get(f"{BASE}/progress/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Progress to 2040</h1>' in html
    row = re.search(
        r'<tr class="govuk-table__row" data-measure="employment">(.*?)</tr>', html, re.S
    )
    assert row, "employment row missing"
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(1)))
    for words in (
        "70.0% (2018)",
        "73.0% (2023)",
        "80.0% (2040)",
        "On course for the 2040 target",
        "Moderate progress towards the target",
        "Increasing and getting better",
    ):
        assert words in cells, words
    # Every big thing is listed, with or without measures.
    for big_thing in sample.site.big_things:
        assert big_thing.title in html


def test_template_holds_the_current_data_in_the_import_format_and_reimports_unchanged(
    client, sample
):
    response = client.get(f"{BASE}/measures/employment/template.csv")
    assert response.status_code == 200
    text = response.content.decode()
    header = text.splitlines()[0].split(",")
    assert header[:4] == ["measure", "area", "area_name", "period"]
    assert ",E08000099,Riverton," in text  # each area's name beside its code
    assert len(text.splitlines()) == 1 + DataPoint.objects.filter(measure=sample.measure).count()
    batch = import_file(place=sample.place, source=text.encode(), filename="t.csv", dry_run=True)
    assert batch.status == "validated", batch.errors
    xlsx = client.get(f"{BASE}/measures/employment/template.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == header
    assert sheet.max_row == len(text.splitlines())


def test_empty_measure_template_lists_its_areas(client, sample):
    text = client.get(f"{BASE}/measures/empty-homes/template.csv").content.decode()
    assert text.splitlines()[0].startswith("measure,area,area_name,period")
    assert client.get(f"{BASE}/measures/employment/template.pdf").status_code == 404


# --------------------------------------------------------------------------- upload


def test_upload_needs_a_login(client, sample):
    response = client.get(f"{BASE}/data/upload/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    batch = ImportBatch.objects.create(place=sample.place, filename="x.csv")
    assert client.get(f"{BASE}/data/imports/{batch.id}/").status_code == 302


def test_upload_needs_a_role_that_may_import_in_this_place(client, sample):
    reader = get_user_model().objects.create_user("reader", password="not-a-real-password-2")
    client.force_login(reader)
    response = client.get(f"{BASE}/data/upload/")
    assert response.status_code == 403
    batch = ImportBatch.objects.create(place=sample.place, filename="x.csv")
    assert client.get(f"{BASE}/data/imports/{batch.id}/").status_code == 403
    # Django's own permissions no longer count: only a membership of the place does.
    reader.user_permissions.add(Permission.objects.get(codename="add_datapoint"))
    assert client.get(f"{BASE}/data/upload/").status_code == 403
    membership_set(user=reader, place=sample.place, role=Role.SCRUTINY_MEMBER)
    assert client.get(f"{BASE}/data/upload/").status_code == 403


def test_an_officer_of_one_place_cannot_upload_into_another(client, sample, officer):
    client.force_login(officer)
    assert client.get(f"{BASE}/data/upload/").status_code == 200
    assert client.get("/places/elsewhere/data/upload/").status_code == 403
    upload = io.BytesIO(b"measure,area,period,value\nemployment,E08000099,2024,74.5\n")
    upload.name = "sneaky.csv"
    assert client.post("/places/elsewhere/data/upload/", {"file": upload}).status_code == 403
    assert not ImportBatch.objects.filter(filename="sneaky.csv").exists()


def test_upload_link_shows_only_to_those_who_may_import_here(client, sample, officer):
    assert "Upload data</a>" not in client.get(f"{BASE}/measures/employment/").content.decode()
    client.force_login(officer)
    assert "Upload data</a>" in client.get(f"{BASE}/measures/employment/").content.decode()


def test_upload_form_errors_are_summarised(client, sample, officer):
    client.force_login(officer)
    page = client.get(f"{BASE}/data/upload/").content.decode()
    assert "Upload data" in page and "employment/template.xlsx" in page
    response = client.post(f"{BASE}/data/upload/", {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert '<a href="#id_file">Select a CSV or Excel (.xlsx) file to upload</a>' in html
    bad = io.BytesIO(b"hello")
    bad.name = "notes.txt"
    html = client.post(f"{BASE}/data/upload/", {"file": bad}).content.decode()
    assert "The selected file 'notes.txt' must be a CSV or an Excel (.xlsx) file" in unescape(html)


def test_failed_upload_lists_every_row_and_column_error_and_writes_nothing(client, sample, officer):
    client.force_login(officer)
    before = DataPoint.objects.count()
    upload = io.BytesIO(
        b"measure,area,period,value\nemployment,E08000099,2024,abc\nemployment,E99999999,2024,70\n"
    )
    upload.name = "bad.csv"
    response = client.post(f"{BASE}/data/upload/", {"file": upload})
    assert response.status_code == 302
    batch = ImportBatch.objects.get(place=sample.place, filename="bad.csv")
    assert response["Location"] == f"{BASE}/data/imports/{batch.id}/"
    html = client.get(response["Location"]).content.decode()
    assert "The file was not imported: nothing was written" in html
    assert re.search(r"Row 2, column value: [^<]*abc", html)
    assert re.search(r"Row 3, column area: [^<]*E99999999", html)
    assert 'http-equiv="refresh"' not in html
    assert DataPoint.objects.count() == before


def test_dry_run_upload_checks_and_reports(client, sample, officer):
    client.force_login(officer)
    upload = io.BytesIO(b"measure,area,period,value\nemployment,E08000099,2024,74.5\n")
    upload.name = "good.csv"
    response = client.post(f"{BASE}/data/upload/", {"file": upload, "dry_run": "on"})
    html = client.get(response["Location"]).content.decode()
    assert "Checked, nothing written (dry run)" in html
    assert not DataPoint.objects.filter(measure=sample.measure, period="2024").exists()


def test_status_page_offers_check_again_while_the_import_runs(client, sample, officer):
    """No <meta refresh> (WCAG 2.2.1): a link, and a script the reader can turn off."""
    client.force_login(officer)
    batch = ImportBatch.objects.create(place=sample.place, filename="big.csv", status="running")
    html = client.get(f"{BASE}/data/imports/{batch.id}/").content.decode()
    assert 'http-equiv="refresh"' not in html
    assert f'href="{BASE}/data/imports/{batch.id}/">Check again now</a>' in html
    assert re.search(r'<script src="[^"]*/import-status\.js" defer></script>', html)
    assert "<script>" not in html  # no inline script
    assert re.search(r"<div[^>]*data-import-auto hidden>", html), "the control waits for JS"
    batch.status = "succeeded"
    batch.save()
    html = client.get(f"{BASE}/data/imports/{batch.id}/").content.decode()
    assert "Check again now" not in html and "import-status.js" not in html


def test_status_page_says_when_no_worker_has_taken_a_queued_import(client, sample, officer):
    client.force_login(officer)
    batch = ImportBatch.objects.create(place=sample.place, filename="big.csv", status="queued")
    url = f"{BASE}/data/imports/{batch.id}/"
    assert "data-import-waiting" not in client.get(url).content.decode()  # just queued
    ImportBatch.objects.filter(id=batch.id).update(
        created_at=timezone.now() - timedelta(seconds=QUEUED_WARNING_SECONDS + 1)
    )
    html = client.get(url).content.decode()
    assert "data-import-waiting" in html and "onefuture worker" in html
    ImportBatch.objects.filter(id=batch.id).update(status="running")
    assert "data-import-waiting" not in client.get(url).content.decode()  # a worker took it


def test_import_status_is_scoped_by_place(client, sample, officer):
    client.force_login(officer)
    theirs = ImportBatch.objects.create(place=sample.other_place, filename="theirs.csv")
    assert client.get(f"{BASE}/data/imports/{theirs.id}/").status_code == 404
    assert client.get(f"/places/elsewhere/data/imports/{theirs.id}/").status_code == 403
    membership_set(user=officer, place=sample.other_place, role=Role.ADMINISTRATOR)
    assert client.get(f"/places/elsewhere/data/imports/{theirs.id}/").status_code == 200


def test_status_words_never_rely_on_colour():
    # Every label's colour and words: tests/measures/test_vocabulary.py (ADR 0017).
    status = pages.status_for("comparison", "worse", text="Worse than England")
    assert (status.text, status.colour) == ("Worse than England", "red")
    for label in ("better", "similar", "worse"):
        assert pages.status_for("comparison", label).text == label.capitalize()


def test_a_constant_growth_target_path_is_drawn_year_by_year(client, sample):
    linear = client.get(f"{BASE}/measures/employment/charts/trend.csv").content.decode()
    assert "\r\n2027," not in linear  # straight lines need only the baseline and targets
    sample.measure.target_path = "constant_growth"
    sample.measure.save()
    rows = {
        r[0]: r
        for r in csv.reader(
            io.StringIO(client.get(f"{BASE}/measures/employment/charts/trend.csv").content.decode())
        )
    }
    # 70 % in 2018 growing at a constant rate to 75 % in 2030: 70 × (75/70)^(9/12) in 2027.
    # The target path is the column before the CSV's closing "illustrative" one.
    assert float(rows["2027"][-2]) == round(70 * (75 / 70) ** (9 / 12), 1) == 73.7
    assert float(rows["2035"][-2]) == round(75 * (80 / 75) ** (5 / 10), 1)
    assert float(rows["2040"][-2]) == 80.0


@pytest.mark.django_db(transaction=True)
def test_upload_queues_its_import_for_the_worker_and_waits_a_moment(client, monkeypatch, settings):
    """The database backend: the upload waits up to UPLOAD_WAIT_SECONDS for a worker, then
    shows the queued import; the worker (db_worker, here in this process) imports it."""
    from django.core.management import call_command

    from onefuture.core.models import Job

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(views, "UPLOAD_WAIT_SECONDS", 0.5)
    sample = measures_sample()
    user = get_user_model().objects.create_user("bg-officer", password="not-a-real-password-3")
    membership_set(user=user, place=sample.place, role=Role.STRATEGY_OFFICER)
    client.force_login(user)
    data = b"measure,area,period,value,lower,upper\nemployment,E08000099,2024,74.1,72.2,76.0\n"
    upload = io.BytesIO(data)
    upload.name = "new-year.csv"
    started = time.monotonic()
    response = client.post(f"{BASE}/data/upload/", {"file": upload})
    waited = time.monotonic() - started
    assert response.status_code == 302 and 0.5 <= waited < 3, waited
    batch = ImportBatch.objects.get(filename="new-year.csv")
    assert batch.status == "queued"
    job = Job.objects.get(record_id=batch.id)
    assert bytes(job.payload) == data and job.task_id and job.started_at is None
    assert "Check again now" in client.get(response["Location"]).content.decode()

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    batch.refresh_from_db()
    job.refresh_from_db()
    assert batch.status == "succeeded", (batch.status, batch.message, batch.errors)
    assert batch.created_by == user and batch.rows_created == 1
    assert job.finished_at and bytes(job.payload) == b"" and job.worker_pid
    html = client.get(response["Location"]).content.decode()
    assert "Imported" in html and 'http-equiv="refresh"' not in html
    page = client.get(f"{BASE}/measures/employment/").content.decode()
    assert "74.1%</span>" in page  # the new latest value


def test_only_an_illustrative_headline_tags_the_measure_itself(client, sample):
    html = client.get(f"{BASE}/measures/employment/").content.decode()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    # Real headline figures, illustrative ward and decile breakdowns: said beside those charts
    # and in the inset, but the measure's title is not tagged.
    assert "Illustrative" not in heading
    assert "Some of the numbers on this page are <strong>illustrative</strong>" in html
    DataPoint.objects.filter(measure=sample.measure, breakdown="none").update(illustrative=True)
    html = client.get(f"{BASE}/measures/employment/").content.decode()
    assert "Illustrative" in re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)


def test_big_thing_page_has_a_spine_chart_of_its_measures(client, sample):
    html = client.get(f"{BASE}/big-things/good-jobs/").content.decode()
    spine = figures(html)["spine"]
    assert spine["img"]["src"] == f"{BASE}/big-things/good-jobs/measures-spine.svg"
    header, row = spine["rows"][0], spine["rows"][1]
    assert header[:3] == ["Measure", "Riverton", "England"]
    # Riverton 73.0, England 72.0; comparators 69.5 … 78.5 (with Riverton) by stats.quintiles.
    assert row[:3] == ["Adults in employment", "73.0", "72.0"]
    assert row[3] == "69.5" and row[6] == "78.5"
    assert row[-1] == "Better than England"
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"{BASE}/big-things/good-jobs/measures-spine.csv").content.decode()
            )
        )
    )
    # The CSV is the table plus its closing "illustrative" column.
    assert csv_rows[0] == [*header, "illustrative"]
    assert csv_rows[1][0] == "Adults in employment"
    assert [float(c) for c in csv_rows[1][1:7]] == [float(c) for c in row[1:7]]
    svg = client.get(f"{BASE}/big-things/good-jobs/measures-spine.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"Better than England" in svg.content
    # No comparators, no spine: the big thing without measures has none, and says so.
    assert client.get(f"{BASE}/big-things/growing-up/measures-spine.svg").status_code == 404
    assert (
        client.get("/places/elsewhere/big-things/good-jobs/measures-spine.csv").status_code == 404
    )


def test_assessments_of_illustrative_data_are_tagged_on_every_page(client, sample):
    """An assessment computed from illustrative input carries the "Illustrative" tag beside its
    status on the measure page, the big thing summary and the progress overview."""
    tag = (
        '<strong class="govuk-tag govuk-tag--yellow onefuture-inline-tag">'
        "Illustrative example</strong>"
    )
    better = '<strong class="govuk-tag govuk-tag--green">Better than England</strong>'
    pages = {
        "measure": f"{BASE}/measures/employment/",
        "summary": f"{BASE}/big-things/good-jobs/",
        "progress": f"{BASE}/progress/",
    }
    html = client.get(pages["summary"]).content.decode()
    assert f"{better} {tag}" not in html
    for a in Assessment.objects.filter(measure=sample.measure, breakdown="none"):
        a.numbers = {**a.numbers, "illustrative": True}
        a.save()
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert "Moderate progress towards the target</strong> " + tag in html, name
        if name != "progress":
            assert f"{better} {tag}" in html, name


def test_cli_and_web_templates_share_one_generator(client, sample):
    """The CLI's blank template and the page's data template: same columns, same areas."""
    from onefuture.measures.selectors import measure_template_csv

    web = client.get(f"{BASE}/measures/employment/template.csv").content.decode()
    assert web == measure_template_csv(place=sample.place, key="employment", current_data=True)
    cli = measure_template_csv(place=sample.place, key="employment")
    assert cli.splitlines()[0] == web.splitlines()[0]
    empty_web = client.get(f"{BASE}/measures/empty-homes/template.csv").content.decode()
    assert empty_web == measure_template_csv(place=sample.place, key="empty-homes")


def test_a_crashed_background_import_marks_its_batch_failed(client, sample, officer, monkeypatch):
    from onefuture.measures.services import UNEXPECTED_FAILURE

    def crash(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("onefuture.measures.tasks.import_file", crash)
    client.force_login(officer)
    upload = io.BytesIO(b"measure,area,period,value\nemployment,E08000099,2024,74.5\n")
    upload.name = "crash.csv"
    response = client.post(f"{BASE}/data/upload/", {"file": upload})
    batch = ImportBatch.objects.get(place=sample.place, filename="crash.csv")
    assert (batch.status, batch.message) == ("failed", UNEXPECTED_FAILURE)
    html = client.get(response["Location"]).content.decode()
    assert "unexpected error" in html and "disk on fire" not in html
