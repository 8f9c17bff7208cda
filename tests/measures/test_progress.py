"""/progress/ as a scrutiny tool: one row per measure, counts by status, filters (big thing,
ambition, status, changed since), sort, the target the verdict speaks of, and its CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest

from onefuture.measures.services import measure_upsert
from tests.measures.pages_sample import measures_sample

pytestmark = pytest.mark.django_db

BASE = "/places/riverton"


@pytest.fixture
def sample():
    sample = measures_sample()
    measure = measure_upsert(
        place=sample.site.place,
        key="childcare",
        title="A childcare place for every child",
        definition="Children with a funded childcare place.",
        value_type="count",
        polarity="high_is_good",
        big_things=["good-jobs", "growing-up"],
        order=3,
    )
    measure.ambitions.set([sample.site.ambitions[0]])
    return sample


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr class="govuk-table__row" data-measure="([^"]+)"', html)


def _csv(client, query: str = "") -> list[dict[str, str]]:
    response = client.get(f"{BASE}/progress.csv{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_one_row_per_measure_with_its_big_things_listed(client, sample) -> None:
    html = client.get(f"{BASE}/progress/").content.decode()
    assert _rows(html) == ["employment", "empty-homes", "childcare"]
    row = html.split('data-measure="childcare"')[1].split("</tr>")[0]
    things = re.search(r"data-big-things>(.*?)</span>", row, re.S).group(1)
    assert "Riverton good jobs and homes" in things and "Riverton best place to grow up" in things


def test_counts_by_status_at_the_top(client, sample) -> None:
    html = client.get(f"{BASE}/progress/").content.decode()
    counts = html.split("data-progress-counts")[1].split("</ul>")[0]
    found = dict(
        re.findall(r'<strong class="[^"]+">(.*?)</strong> <span[^>]*>(\d+)</span>', counts)
    )
    assert found == {"Not assessed": "2", "On course for the 2040 target": "1"}
    assert "3 measures" in html


def test_filters_by_big_thing_ambition_and_status(client, sample) -> None:
    assert _rows(client.get(f"{BASE}/progress/?big_thing=growing-up").content.decode()) == [
        "childcare"
    ]
    assert _rows(client.get(f"{BASE}/progress/?ambition=fairness").content.decode()) == [
        "childcare"
    ]
    by_status = client.get(f"{BASE}/progress/?status=Not+assessed").content.decode()
    assert _rows(by_status) == ["empty-homes", "childcare"]


def test_sort_by_title_and_by_status(client, sample) -> None:
    titles = _rows(client.get(f"{BASE}/progress/?sort=title").content.decode())
    assert titles == ["childcare", "employment", "empty-homes"]
    status = _rows(client.get(f"{BASE}/progress/?sort=status").content.decode())
    assert status[0] == "employment"  # green before grey (not assessed last)


def test_an_unknown_filter_is_named_and_left_off(client, sample) -> None:
    html = client.get(f"{BASE}/progress/?big_thing=nope&since=last+week").content.decode()
    assert "govuk-error-summary" in html
    assert "There is no big thing ‘nope’" in html
    assert "‘last week’ is not a date" in html
    assert len(_rows(html)) == 3


def test_the_target_is_the_one_the_verdict_speaks_of(client, sample) -> None:
    html = client.get(f"{BASE}/progress/").content.decode()
    row = html.split('data-measure="employment"')[1].split("</tr>")[0]
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))
    assert "On course for the 2040 target" in cells and "80.0% (2040)" in cells
    assert "75.0% (2030)" not in cells


def test_the_csv_is_exactly_the_rows_shown(client, sample) -> None:
    rows = _csv(client, "?sort=title")
    assert [r["measure"] for r in rows] == ["childcare", "employment", "empty-homes"]
    employment = rows[1]
    assert employment["latest"] == "73.0" and employment["latest period"] == "2023"
    assert employment["target"] == "80.0" and employment["target period"] == "2040"
    assert employment["on course"] == "On course for the 2040 target"
    assert "illustrative" in employment
    assert rows[0]["big things"] == "Riverton good jobs and homes; Riverton best place to grow up"
    assert [r["measure"] for r in _csv(client, "?big_thing=growing-up")] == ["childcare"]
    # The page links the CSV with its own filters.
    html = client.get(f"{BASE}/progress/?ambition=fairness&sort=title").content.decode()
    assert 'href="/places/riverton/progress.csv?ambition=fairness&amp;sort=title"' in html


def test_changed_since_lists_only_measures_whose_status_changed(client, sample) -> None:
    from onefuture.measures.assessing import assessments_compute_and_store
    from onefuture.measures.models import Assessment

    # The sample writes its results straight to the table; assessed through the service, each
    # series is assessed for the first time: a change, in words, kept in the history.
    Assessment.objects.filter(measure__place=sample.site.place).delete()
    assessments_compute_and_store(place=sample.site.place, cause="test")
    html = client.get(f"{BASE}/progress/?since=2000-01-01").content.decode()
    assert _rows(html) == ["employment"]
    assert "data-change" in html
    assert _rows(client.get(f"{BASE}/progress/?since=2999-01-01").content.decode()) == []


def test_an_ambition_page_lists_the_measures_tagged_with_it(client, sample) -> None:
    html = client.get(f"{BASE}/cross-cutting-ambitions/fairness/").content.decode()
    panel = html.split("data-ambition-measures")[1].split("</section>")[0]
    assert 'href="/places/riverton/measures/childcare/"' in panel
    assert "employment" not in panel
    assert 'href="/places/riverton/progress/?ambition=fairness"' in panel
    other = client.get(f"{BASE}/cross-cutting-ambitions/net-zero/").content.decode()
    assert "No success measures are tagged" in other
