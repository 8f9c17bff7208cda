"""Issue 13: every illustrative number on every public page and download that shows a measure
is labelled "Illustrative example", by the one rule (measures/honesty.py), on the example."""

from __future__ import annotations

import csv
import io

import pytest

from onefuture.framework.demo import demo_prepare
from onefuture.framework.models import BigThing
from onefuture.measures import honesty, pages, selectors
from onefuture.places.models import Place

pytestmark = pytest.mark.django_db

TAG = (
    '<strong class="govuk-tag govuk-tag--yellow onefuture-inline-tag">Illustrative example</strong>'
)


@pytest.fixture
def example():
    demo_prepare()
    return Place.objects.get(slug="stockport")


def _base(place) -> str:
    return f"/places/{place.slug}"


def test_every_illustrative_number_is_labelled(example, client):
    place = example
    measures = list(selectors.measure_list(place=place, comparisons=True))
    assert measures
    labelled = 0
    for measure in measures:
        url = f"{_base(place)}/measures/{measure.key}/"
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        page = pages.measure_page(place=place, key=measure.key)

        # Targets and baseline.
        for target in measure.targets.all():
            if honesty.target_illustrative(target, measure):
                assert f"by {target.period} {TAG}" in html, (url, target.period)
                labelled += 1
        if page.baseline and page.baseline.illustrative:
            assert f"in {page.baseline.period} {TAG}" in html, url

        # The latest value.
        if page.latest and page.latest.illustrative:
            latest = html.split("data-latest-value")[1].split("</p>")[0]
            assert TAG in latest, url

        # Each verdict: labelled exactly when the one rule says it was judged against
        # illustrative input (its data, its measure, its baseline or target).
        stored = selectors.assessment_list(measures=[measure])[measure.id]
        blocks = html.split('id="history"')[0].split('data-assessment="')[1:]
        assert len(blocks) == len(stored) == len(page.assessments), url
        for block, assessment in zip(blocks, stored, strict=True):
            expected = honesty.assessment_illustrative(assessment, measure)
            assert (TAG in block) == expected, (url, assessment.kind, assessment.text)
            labelled += expected

        # Charts: the static image says so; the summary paragraph carries the tag.
        for chart in page.charts:
            svg = client.get(f"{_base(place)}/measures/{measure.key}/charts/{chart.slug}.svg")
            assert svg.status_code == 200
            if chart.illustrative:
                assert "Illustrative" in svg.content.decode(), (url, chart.slug)
                assert TAG in html.split("data-summary>")[1].split("</p>")[0], url

        # The data download (the import format): illustrative points say "yes".
        template = client.get(f"{_base(place)}/measures/{measure.key}/template.csv").content
        rows = list(csv.DictReader(io.StringIO(template.decode())))
        points = {(p.area.code, p.period): p for p in selectors.datapoint_series(measure=measure)}
        for row in rows:
            point = points.get((row["area"], row["period"]))
            if row["breakdown"] == "none" and point is not None:
                assert (row["illustrative"] == "yes") == honesty.datapoint_illustrative(
                    point, measure
                ), (measure.key, row)
    assert labelled > 16  # the example's 16 targets at least, and the verdicts against them

    # Big thing pages: each tile's title, latest value and statuses.
    for big_thing in BigThing.objects.filter(place=place):
        response = client.get(f"{_base(place)}/big-things/{big_thing.key}/")
        assert response.status_code == 200
        html = response.content.decode()
        shown = pages.big_thing_measures(place=place, big_thing=big_thing)
        for row in shown.rows:
            tile = html.split(f'data-measure="{row.measure.key}"')[1].split("</li>")[0]
            statuses = (row.comparison, row.trend, row.progress)
            expected = (
                int(row.illustrative)
                + int(bool(row.latest and row.latest.illustrative))
                + sum(s.illustrative for s in statuses)
            )
            assert tile.count(TAG) == expected, (big_thing.key, row.measure.key)
        if shown.spine is not None and shown.spine.illustrative:
            svg = client.get(f"{_base(place)}/big-things/{big_thing.key}/measures-spine.svg")
            assert "Illustrative" in svg.content.decode()

    # The progress overview: a row with anything illustrative carries the tag.
    html = client.get(f"{_base(place)}/progress/").content.decode()
    for section in pages.progress_overview(place=place):
        for row in section.rows:
            anything = (
                row.illustrative
                or bool(row.latest and row.latest.illustrative)
                or bool(row.target and row.target.illustrative)
                or any(s.illustrative for s in (row.comparison, row.trend, row.progress))
            )
            if anything:
                found = html.split(f'/measures/{row.measure.key}/"')[1].split("</tr>")[0]
                assert TAG in found, row.measure.key


def test_every_chart_csv_has_an_illustrative_column(example, client):
    place = example
    for measure in selectors.measure_list(place=place, comparisons=True):
        for chart in pages.measure_page(place=place, key=measure.key).charts:
            text = client.get(
                f"{_base(place)}/measures/{measure.key}/charts/{chart.slug}.csv"
            ).content.decode()
            rows = list(csv.DictReader(io.StringIO(text)))
            assert rows and all(
                (r.get(honesty.CSV_COLUMN) == "yes") == chart.illustrative for r in rows
            ), (measure.key, chart.slug)
