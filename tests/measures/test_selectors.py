"""Selectors: tenant scoping (place A's measures and data never appear in place B's) and shape."""

from __future__ import annotations

import pytest

from onefuture.measures import selectors
from onefuture.measures.models import Measure
from onefuture.measures.services import import_file, measure_upsert
from tests.factories import AreaFactory, PlaceFactory


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


def test_an_import_cannot_reach_another_places_areas(place, other_place, write_csv):
    """Area codes resolve within the importing place: Trafford has no ward E05015014."""
    from onefuture.measures.services import DataImportError

    with pytest.raises(DataImportError) as excinfo:
        import_file(
            place=other_place,
            source=write_csv("measure,area,period,value\nsmoking,E05015014,2021,1\n"),
        )
    assert [(e.row, e.column) for e in excinfo.value.errors] == [(2, "area")]


def test_latest_point_per_area_and_template(place, write_csv):
    text = (
        "measure,area,period,value\n"
        "smoking,E08000007,2021,12\n"
        "smoking,E08000007,2022,11\n"
        "smoking,E92000001,2021,13\n"
    )
    import_file(place=place, source=write_csv(text))
    measure = selectors.measure_detail(place=place, key="smoking")
    latest = selectors.datapoint_latest(measure=measure)
    assert [(p.area.code, p.period) for p in latest] == [
        ("E08000007", "2022"),
        ("E92000001", "2021"),
    ]
    template = selectors.measure_template_csv(place=place, key="smoking")
    lines = template.splitlines()
    assert lines[0].startswith("measure,area,period,value,lower,upper,numerator,denominator")
    assert lines[1].startswith("smoking,E08000007,")
    assert lines[2].startswith("smoking,E92000001,")
