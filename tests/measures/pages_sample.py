"""A place with success measures, data and assessments, for the measure page and browser tests.

Built on the website's sample place (Riverton) so the big thing pages exist too. Data points and
assessments are written straight to the models: these tests are about what the pages show, not
about the importer or the statistics (tested in their own modules).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from onefuture.measures.models import Assessment, DataPoint, Measure
from onefuture.measures.services import measure_upsert
from onefuture.places.models import Area, Place
from onefuture.places.services import boundary_set_load
from tests.factories import AreaFactory, ComparatorGroupFactory, PlaceFactory
from tests.website.sample import SamplePlace, sample_place

WARD_CODES = ("E05099001", "E05099002", "E05099003")
RULE_COMPARISON = (
    "Better than England: England's value lies below the lower 95% confidence limit of "
    "Riverton's value, and higher is better."
)


@dataclass
class MeasuresSample:
    site: SamplePlace
    place: Place
    measure: Measure
    empty_measure: Measure
    other_place: Place
    borough: Area
    england: Area


def _point(measure, area, period, year, value, lower=None, upper=None, **extra) -> DataPoint:
    return DataPoint(
        measure=measure,
        area=area,
        period=period,
        period_kind="calendar",
        year=year,
        value=value,
        lower=lower,
        upper=upper,
        **extra,
    )


def measures_sample() -> MeasuresSample:
    site = sample_place()
    place = site.place
    england = AreaFactory(place=place, code="E92000001", name="England", type="country")
    borough = AreaFactory(
        place=place, code="E08000099", name="Riverton", type="local_authority", parent=england
    )
    lakeside = AreaFactory(place=place, code="E08000098", name="Lakeside", type="local_authority")
    hillford = AreaFactory(place=place, code="E08000097", name="Hillford", type="local_authority")
    wards = [
        AreaFactory(place=place, code=code, name=name, type="ward", parent=borough)
        for code, name in zip(WARD_CODES, ("Abbey", "Brook", "Castle"), strict=True)
    ]
    group = ComparatorGroupFactory(
        place=place, slug="neighbours", name="Riverton's nearest neighbours", subject=borough
    )
    others = [
        AreaFactory(place=place, code=f"E0800009{i}", name=name, type="local_authority")
        for i, name in ((4, "Millbrook"), (5, "Oakwell"), (6, "Westmoor"))
    ]
    group.areas.set([lakeside, hillford, *others])

    measure = measure_upsert(
        place=place,
        key="employment",
        title="Adults in employment",
        definition="Percentage of people aged 16 to 64 who are in paid work.",
        value_type="proportion",
        polarity="high_is_good",
        unit="%",
        multiplier=100,
        source="Annual Population Survey",
        source_url="https://www.nomisweb.co.uk/",
        licence="Open Government Licence v3.0",
        attribution="Source: Office for National Statistics, Annual Population Survey.",
        frequency="annual",
        baseline_period="2018",
        baseline_value=70.0,
        targets=[
            {"period": "2030", "value": 75.0},
            {"period": "2040", "value": 80.0, "horizon": True},
        ],
        home_area=borough.code,
        benchmark_areas=[england.code],
        comparator_group="neighbours",
        big_things=[site.big_things[0].key],
    )
    empty = measure_upsert(
        place=place,
        key="empty-homes",
        title="Long-term empty homes",
        definition="Homes empty for six months or more.",
        value_type="count",
        polarity="low_is_good",
        big_things=[site.big_things[0].key],
        order=2,
    )
    points = []
    for i, year in enumerate(range(2018, 2024)):
        value = 70.0 + i * 0.6
        points.append(_point(measure, borough, str(year), year, value, value - 1.9, value + 1.9))
        points.append(_point(measure, england, str(year), year, 71.0 + i * 0.2))
    points.append(_point(measure, lakeside, "2023", 2023, 76.24, 74.1, 78.3))
    points.append(_point(measure, hillford, "2023", 2023, 69.5, 67.4, 71.6))
    for area, value in zip(others, (71.0, 74.0, 78.5), strict=True):
        points.append(_point(measure, area, "2023", 2023, value, value - 2, value + 2))
    for decile in range(1, 11):
        points.append(
            _point(
                measure,
                borough,
                "2023",
                2023,
                62.0 + decile * 1.5,
                59.0 + decile * 1.5,
                65.0 + decile * 1.5,
                breakdown="deprivation_decile",
                category=str(decile),
                illustrative=True,
            )
        )
    for ward, value in zip(wards, (66.0, 71.5, 77.25), strict=True):
        points.append(
            _point(measure, ward, "2023", 2023, value, value - 3, value + 3, illustrative=True)
        )
    DataPoint.objects.bulk_create(points)

    now = timezone.now()
    Assessment.objects.bulk_create(
        [
            Assessment(
                measure=measure,
                area=borough,
                kind="comparison",
                benchmark=england,
                period="2023",
                label="better",
                text="Better than England",
                method="Confidence intervals (95%)",
                rule=RULE_COMPARISON,
                computed_at=now,
            ),
            Assessment(
                measure=measure,
                area=borough,
                kind="trend",
                period="2019 to 2023",
                label="increasing",
                text="Increasing and getting better",
                method="Fingertips recent trend (weighted least squares)",
                rule="A chi-squared test for trend over the latest five values is significant at "
                "99.8% and no single value drives it.",
                computed_at=now,
            ),
            Assessment(
                measure=measure,
                area=borough,
                kind="progress",
                period="2023",
                label="moderate_progress",
                text="Moderate progress towards the target",
                method="Eurostat compound annual growth rate",
                rule="The actual growth rate since the baseline is between 60% and 95% of the "
                "rate needed to meet the target on time.",
                computed_at=now,
            ),
            Assessment(
                measure=measure,
                area=borough,
                kind="trajectory",
                period="2023",
                label="on_or_ahead",
                text="On course for the 2040 target",
                method="Straight-line path from baseline to target",
                rule="The latest value is on or ahead of the straight line from the baseline "
                "to the target.",
                computed_at=now,
            ),
        ]
    )

    other = PlaceFactory(slug="elsewhere", name="Elsewhere")
    other_area = AreaFactory(
        place=other, code="E08000099", name="Elsewhere town", type="local_authority"
    )
    other_measure = measure_upsert(
        place=other,
        key="employment",
        title="Elsewhere employment secret",
        definition="Another place's measure.",
        value_type="proportion",
        polarity="high_is_good",
        unit="%",
        home_area=other_area.code,
    )
    DataPoint.objects.create(
        measure=other_measure,
        area=other_area,
        period="2023",
        period_kind="calendar",
        year=2023,
        value=12.3,
    )
    return MeasuresSample(
        site=site,
        place=place,
        measure=measure,
        empty_measure=empty,
        other_place=other,
        borough=borough,
        england=england,
    )


#: The attribution the sample's ward map must show (its boundaries' licence, from the data).
SAMPLE_ATTRIBUTION = "Contains Riverton Council data © Riverton Council 2024"


def ward_squares() -> dict:
    """A GeoJSON FeatureCollection of the sample's three wards (squares), codes in area_code."""
    features = []
    for i, code in enumerate(WARD_CODES):
        x = -2.2 + i * 0.02
        ring = [[x, 53.4], [x + 0.02, 53.4], [x + 0.02, 53.42], [x, 53.42], [x, 53.4]]
        features.append(
            {
                "type": "Feature",
                "properties": {"area_code": code, "area_name": code},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def ward_boundaries_load(place: Place):
    """Store the sample's ward boundaries for ``place``, as a council would load its own."""
    return boundary_set_load(
        place=place,
        area_type="ward",
        collection=ward_squares(),
        code_property="area_code",
        name="Riverton wards (2024)",
        source="Riverton Council",
        licence="Open Government Licence v3.0",
        attribution=SAMPLE_ATTRIBUTION,
        file="riverton_wards.geojson",
    )
