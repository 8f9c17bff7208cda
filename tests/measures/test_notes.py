"""A data point's notes and source, from its upload, are shown beside its value: in the chart
tables of the measure page and in each chart's CSV (docs/data-format.md)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from onefuture.measures.models import DataPoint
from tests.measures.pages_sample import measures_sample

pytestmark = pytest.mark.django_db

BASE = "/places/riverton"
NOTE = "Survey sample smaller than usual <check>"
SOURCE = "APS 2022 revised"


@pytest.fixture
def sample():
    sample = measures_sample()
    DataPoint.objects.filter(
        measure__key="employment", area=sample.borough, period="2022", breakdown="none"
    ).update(notes=NOTE, source=SOURCE)
    DataPoint.objects.filter(
        measure__key="employment", area__code="E08000098", period="2023"
    ).update(notes="Lakeside revised its count")
    return sample


def _rows(client, chart: str) -> list[dict[str, str]]:
    text = client.get(f"{BASE}/measures/employment/charts/{chart}.csv").content.decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_trend_csv_carries_each_periods_notes_and_source(client, sample) -> None:
    rows = {row["Period"]: row for row in _rows(client, "trend")}
    assert rows["2022"]["Notes"] == NOTE and rows["2022"]["Source"] == SOURCE
    assert rows["2021"]["Notes"] == "" and rows["2021"]["Source"] == ""


def test_the_comparison_csv_carries_an_areas_note(client, sample) -> None:
    rows = {row["Area"]: row for row in _rows(client, "comparison")}
    assert rows["Lakeside"]["Notes"] == "Lakeside revised its count"
    assert "Source" not in rows["Lakeside"]  # no area has a source: no empty column


def test_a_chart_without_notes_has_no_notes_columns(client, sample) -> None:
    assert "Notes" not in _rows(client, "deprivation")[0]


def test_the_measure_pages_table_shows_the_note_beside_the_value(client, sample) -> None:
    html = client.get(f"{BASE}/measures/employment/").content.decode()
    trend = re.search(r'id="chart-trend".*?</figure>', html, re.S).group(0)
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', trend)
    assert headers[-2:] == ["Notes", "Source"]
    row = re.search(r'<th scope="row" class="govuk-table__header">2022</th>(.*?)</tr>', trend, re.S)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert cells[-2:] == ["Survey sample smaller than usual &lt;check&gt;", SOURCE]
    # Words are not right-aligned as numbers are.
    assert re.search(r'<td class="govuk-table__cell" data-note-cell>Survey', row.group(1))


def test_a_large_spec_is_served_as_json_not_inlined(client, sample, monkeypatch) -> None:
    """The page weight: a spec over the limit (a ward map's boundaries) is fetched by charts.js
    from its own cached JSON file, the same spec the page would have inlined."""
    from onefuture.charts import model

    monkeypatch.setattr(model, "SPEC_INLINE_LIMIT", 10)
    html = client.get(f"{BASE}/measures/employment/").content.decode()
    assert "data-chart-spec>" not in html
    assert f'data-chart-spec-src="{BASE}/measures/employment/charts/trend.json"' in html
    response = client.get(f"{BASE}/measures/employment/charts/trend.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json()["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert client.get(f"{BASE}/measures/employment/charts/nope.json").status_code == 404
