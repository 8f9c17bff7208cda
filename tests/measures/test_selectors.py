"""Selectors: tenant scoping (place A's measures and data never appear in place B's), the read
rules every page shares (home area, benchmark order, latest point, which assessments show) and
the import template."""

from __future__ import annotations

import pytest
from django.utils import timezone

from onefuture.measures import selectors
from onefuture.measures.models import Assessment, DataPoint, Measure
from onefuture.measures.services import import_file, measure_upsert
from onefuture.places.models import Area
from tests.factories import AreaFactory, ComparatorGroupFactory, PlaceFactory


@pytest.fixture
def other_place(db):
    other = PlaceFactory(slug="trafford", name="Trafford")
    AreaFactory(place=other, code="E08000007", name="Stockport", type="local_authority")
    measure_upsert(
        place=other,
        key="smoking",
        title="Smoking (Trafford's definition)",
        definition="x",
        value_type="proportion",
        polarity="low_is_good",
        multiplier=100,
    )
    return other


def _area(place, code: str) -> Area:
    return Area.objects.get(place=place, code=code)


def _point(measure, area, period, value, **extra) -> DataPoint:
    return DataPoint.objects.create(
        measure=measure,
        area=area,
        period=period,
        period_kind="calendar",
        year=float(period),
        value=value,
        **extra,
    )


def _assessment(measure, area, kind, text, *, benchmark=None, breakdown="none") -> Assessment:
    return Assessment.objects.create(
        measure=measure,
        area=area,
        kind=kind,
        benchmark=benchmark,
        breakdown=breakdown,
        period="2022",
        label="similar",
        text=text,
        method="m",
        rule="r",
        computed_at=timezone.now(),
    )


def test_measures_and_data_stay_in_their_place(place, other_place, write_csv):
    import_file(
        place=place, source=write_csv("measure,area,period,value\nsmoking,E08000007,2021,12\n")
    )
    import_file(
        place=other_place,
        source=write_csv("measure,area,period,value\nsmoking,E08000007,2021,99\n", "b.csv"),
    )
    mine = selectors.measure_detail(place=place, key="smoking")
    theirs = selectors.measure_detail(place=other_place, key="smoking")
    assert mine.id != theirs.id
    assert [p.value for p in selectors.datapoint_series(measure=mine)] == [12]
    assert [p.value for p in selectors.datapoint_series(measure=theirs)] == [99]
    assert {m.key for m in selectors.measure_list(place=other_place)} == {"smoking"}
    assert "falls" in {m.key for m in selectors.measure_list(place=place)}
    with pytest.raises(Measure.DoesNotExist):
        selectors.measure_detail(place=other_place, key="falls")
    assert all(b.place_id == place.id for b in selectors.import_batch_list(place=place))
    assert selectors.import_batch_list(place=other_place).count() == 1
    batch = selectors.import_batch_list(place=other_place).get()
    with pytest.raises(type(batch).DoesNotExist):
        selectors.import_batch_detail(place=place, batch_id=batch.id)


def test_a_point_filed_under_another_places_area_is_never_read(place, other_place):
    """Even a malformed row (a measure of one place, an area of another) stays out."""
    mine = selectors.measure_detail(place=place, key="smoking")
    _point(mine, _area(place, "E08000007"), "2021", 12)
    _point(mine, _area(other_place, "E08000007"), "2022", 99)
    assert [p.value for p in selectors.datapoint_series(measure=mine)] == [12]
    assert selectors.datapoint_latest(measures=[mine])[mine.id].value == 12
    section = selectors.datapoint_cross_section(
        periods={mine: "2022"},
        areas=[_area(place, "E08000007"), _area(other_place, "E08000007")],
    )
    assert section == {mine.id: []}


def test_a_cross_section_is_each_measures_own_period_in_one_query(place, django_assert_num_queries):
    stockport, england = _area(place, "E08000007"), _area(place, "E92000001")
    ward = _area(place, "E05015014")
    smoking, falls, life = (
        selectors.measure_detail(place=place, key=k)
        for k in ("smoking", "falls", "life-expectancy")
    )
    for measure in (smoking, falls):
        for period in ("2021", "2022"):
            _point(measure, stockport, period, float(period) - 2000)
            _point(measure, england, period, None)
            _point(measure, ward, period, 5)
    with django_assert_num_queries(1):
        found = selectors.datapoint_cross_section(
            periods={smoking: "2022", falls: "2021", life: "2021"}, areas=[england, stockport]
        )
    assert {
        m.key: [(p.area.code, p.period, p.value) for p in found[m.id]] for m in (smoking, falls)
    } == {
        "smoking": [("E08000007", "2022", 22), ("E92000001", "2022", None)],
        "falls": [("E08000007", "2021", 21), ("E92000001", "2021", None)],
    }
    assert found[life.id] == []
    assert selectors.datapoint_cross_section(periods={}, areas=[england]) == {}


def test_an_import_cannot_reach_another_places_areas(place, other_place, write_csv):
    """Area codes resolve within the importing place: Trafford has no ward E05015014."""
    from onefuture.measures.services import DataImportError

    with pytest.raises(DataImportError) as excinfo:
        import_file(
            place=other_place,
            source=write_csv("measure,area,period,value\nsmoking,E05015014,2021,1\n"),
        )
    assert [(e.row, e.column) for e in excinfo.value.errors] == [(2, "area")]


def test_home_area_falls_back_to_the_comparator_groups_subject(place):
    stockport = _area(place, "E08000007")
    group = ComparatorGroupFactory(place=place, subject=stockport)
    Measure.objects.filter(place=place, key="falls").update(home_area=None, comparator_group=group)
    Measure.objects.filter(place=place, key="life-expectancy").update(home_area=None)
    falls, life, smoking = (
        selectors.measure_detail(place=place, key=k)
        for k in ("falls", "life-expectancy", "smoking")
    )
    assert selectors.measure_home_area(smoking) == stockport
    assert selectors.measure_home_area(falls) == stockport
    assert selectors.measure_home_area(life) is None


def test_the_national_benchmark_comes_first_then_by_code(place):
    smoking = Measure.objects.get(place=place, key="smoking")
    region = AreaFactory(place=place, code="E12000002", name="North West", type="region")
    other_region = AreaFactory(place=place, code="E12000001", name="North East", type="region")
    smoking.benchmark_areas.add(region, other_region)
    smoking = selectors.measure_detail(place=place, key="smoking")
    assert [a.code for a in selectors.measure_benchmarks(measure=smoking)] == [
        "E92000001",
        "E12000001",
        "E12000002",
    ]
    assert selectors.measure_benchmark(measure=smoking).code == "E92000001"
    Measure.objects.get(place=place, key="falls").benchmark_areas.clear()
    falls = selectors.measure_detail(place=place, key="falls")
    assert selectors.measure_benchmarks(measure=falls) == []
    assert selectors.measure_benchmark(measure=falls) is None


def test_comparators_are_the_groups_areas_of_the_measures_own_place(place, other_place):
    group = ComparatorGroupFactory(place=place, subject=_area(place, "E08000007"))
    group.areas.add(
        _area(place, "E05015015"), _area(place, "E05015014"), _area(other_place, "E08000007")
    )
    Measure.objects.filter(place=place, key="smoking").update(comparator_group=group)
    smoking = selectors.measure_detail(place=place, key="smoking")
    assert [a.code for a in selectors.measure_comparators(measure=smoking)] == [
        "E05015014",
        "E05015015",
    ]
    falls = selectors.measure_detail(place=place, key="falls")
    assert selectors.measure_comparators(measure=falls) == []


def test_latest_is_each_measures_last_value_for_its_home_area(place):
    stockport, england = _area(place, "E08000007"), _area(place, "E92000001")
    smoking, falls, life = (
        Measure.objects.get(place=place, key=k) for k in ("smoking", "falls", "life-expectancy")
    )
    _point(smoking, stockport, "2021", 12)
    _point(smoking, stockport, "2022", 11)
    _point(smoking, stockport, "2023", None)  # no value yet: not the latest
    _point(smoking, england, "2024", 13)  # the benchmark's, not the measure's own
    _point(smoking, stockport, "2024", 9, breakdown="sex", category="Female")
    group = ComparatorGroupFactory(place=place, subject=stockport)
    Measure.objects.filter(id=falls.id).update(home_area=None, comparator_group=group)
    _point(falls, stockport, "2020", 2000)
    _point(life, england, "2022", 80)  # nothing for its home area
    measures = list(selectors.measure_list(place=place))
    latest = selectors.datapoint_latest(measures=measures)
    assert {key: latest[m.id].value for m in measures if (key := m.key) and m.id in latest} == {
        "smoking": 11,
        "falls": 2000,
    }
    assert selectors.datapoint_latest(measures=[]) == {}


def test_assessments_shown_are_the_home_areas_in_kind_then_benchmark_order(place):
    stockport, england = _area(place, "E08000007"), _area(place, "E92000001")
    ward = _area(place, "E05015014")
    region = AreaFactory(place=place, code="E12000002", name="North West", type="region")
    smoking = Measure.objects.get(place=place, key="smoking")
    _assessment(smoking, stockport, "trend", "Increasing")
    _assessment(smoking, stockport, "comparison", "Similar to North West", benchmark=region)
    _assessment(smoking, stockport, "comparison", "Better than England", benchmark=england)
    _assessment(smoking, stockport, "inequality", "Wider", breakdown="deprivation_decile")
    _assessment(smoking, stockport, "comparison", "By sex", breakdown="sex", benchmark=england)
    _assessment(smoking, ward, "comparison", "Ward vs England", benchmark=england)
    _assessment(smoking, stockport, "progress", "Moderate progress")
    measures = list(selectors.measure_list(place=place))
    shown = selectors.assessment_list(measures=measures)
    assert [a.text for a in shown[smoking.id]] == [
        "Better than England",
        "Similar to North West",
        "Increasing",
        "Moderate progress",
        "Wider",
    ]
    assert all(shown[m.id] == [] for m in measures if m.id != smoking.id)
    assert selectors.assessment_list(measures=[]) == {}


def test_latest_point_and_assessments_take_a_fixed_number_of_queries(
    place, django_assert_num_queries
):
    stockport = _area(place, "E08000007")
    for measure in Measure.objects.filter(place=place):
        _point(measure, stockport, "2021", 1)
        _assessment(measure, stockport, "trend", "Increasing")
    measures = list(selectors.measure_list(place=place))
    with django_assert_num_queries(2):
        selectors.datapoint_latest(measures=measures)
        selectors.assessment_list(measures=measures)


def test_import_template(place, write_csv):
    text = (
        "measure,area,period,value\n"
        "smoking,E08000007,2021,12\n"
        "smoking,E08000007,2022,11\n"
        "smoking,E92000001,2021,13\n"
    )
    import_file(place=place, source=write_csv(text))
    template = selectors.measure_template_csv(place=place, key="smoking", current_data=True)
    lines = template.splitlines()
    assert lines[0].startswith(
        "measure,area,area_name,period,value,lower,upper,numerator,denominator"
    )
    assert [line.split(",")[1:4] for line in lines[1:]] == [
        ["E08000007", "Stockport", "2021"],
        ["E08000007", "Stockport", "2022"],
        ["E92000001", "England", "2021"],
    ]
    blank = selectors.measure_template_csv(place=place, key="smoking").splitlines()
    assert [line.split(",")[1:3] for line in blank[1:]] == [
        ["E08000007", "Stockport"],
        ["E92000001", "England"],
    ]
    # The names are for the reader: the filled-in template imports as it is.
    filled = [lines[0], *(line.replace(",2021,12", ",2021,9") for line in lines[1:])]
    batch = import_file(place=place, source=write_csv("\n".join(filled) + "\n"))
    assert batch.rows_updated == 1 and batch.rows_unchanged == 2
