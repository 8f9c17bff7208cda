"""The page builders read through the selectors in a number of queries that does not grow with
the number of measures shown (no query per measure), and the big thing's panel reads its
measures once for the tiles and the spine."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onefuture.measures import pages
from onefuture.measures.models import DataPoint, Measure
from onefuture.measures.services import measure_upsert
from tests.measures.pages_sample import measures_sample, ward_boundaries_load


@pytest.fixture
def sample(db):
    sample = measures_sample()
    ward_boundaries_load(sample.place)
    return sample


def _queries(build) -> int:
    with CaptureQueriesContext(connection) as context:
        build()
    return len(context.captured_queries)


def _more_measures(sample, count: int) -> None:
    """``count`` more measures like the sample's employment one, each with a spine row's data."""
    big_thing = sample.site.big_things[0]
    group = sample.measure.comparator_group
    for n in range(count):
        measure = measure_upsert(
            place=sample.place,
            key=f"extra-{n}",
            title=f"Extra measure {n}",
            definition="Another measure of the same big thing.",
            value_type="proportion",
            polarity="high_is_good",
            unit="%",
            multiplier=100,
            targets=[{"period": "2030", "value": 75.0}],
            home_area=sample.borough.code,
            benchmark_areas=[sample.england.code],
            comparator_group=group.slug,
            big_things=[big_thing.key],
            order=10 + n,
        )
        areas = [sample.borough, sample.england, *group.areas.all()]
        DataPoint.objects.bulk_create(
            DataPoint(
                measure=measure,
                area=area,
                period="2023",
                period_kind="calendar",
                year=2023,
                value=60.0 + i,
            )
            for i, area in enumerate(areas)
        )


def test_the_big_thing_panel_takes_the_same_queries_for_two_measures_or_six(sample):
    big_thing = sample.site.big_things[0]

    def build():
        return pages.big_thing_measures(place=sample.place, big_thing=big_thing)

    two = _queries(build)
    assert len(build().rows) == 2 and build().spine is not None
    _more_measures(sample, 4)
    six = _queries(build)
    shown = build()
    assert len(shown.rows) == 6
    assert len(shown.spine.rows) == 5  # the empty measure has no data to place on the spine
    assert six == two


def test_the_progress_overview_takes_the_same_queries_for_two_measures_or_six(sample):
    def build():
        return pages.progress_overview(place=sample.place)

    two = _queries(build)
    _more_measures(sample, 4)
    six = _queries(build)
    assert sum(len(s.rows) for s in build()) == 6
    assert six == two


def test_the_measure_page_reads_each_thing_once(sample, django_assert_max_num_queries):
    """The measure with its relations (5), its latest point, its home and benchmark series, the
    comparators' cross-section, the deprivation and ward series, the ward boundaries and its
    assessments: 14 before the ward map's boundaries, which are read by places.selectors; then
    issue 13's last update, annual point count, commentary and status history (4 or 5)."""
    with django_assert_max_num_queries(21):
        page = pages.measure_page(place=sample.place, key="employment")
    assert [c.slug for c in page.charts] == ["trend", "comparison", "deprivation", "wards", "map"]
    assert Measure.objects.filter(place=sample.place).count() == 2
