"""The Fingertips connector on recorded responses (no network): mapping and import."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from onefuture.measures.connectors.fingertips import (
    FingertipsError,
    fingertips_period,
    fingertips_to_tidy,
)
from onefuture.measures.models import DataPoint
from onefuture.measures.services import fingertips_import, measure_upsert
from tests.factories import AreaFactory

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(indicator: int) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / f"fingertips_{indicator}.csv", low_memory=False)


@pytest.mark.parametrize(
    ("label", "period"),
    [
        ("2018", "2018"),
        ("2018/19", "2018/19"),
        ("2016 - 18", "2016-18"),
        ("2014/15 - 18/19", "2014-18"),
        ("2018/19 Q1", "2018-Q2"),
        ("2018/19 Q4", "2019-Q1"),
        ("Oct 2019 - Sep 2020", None),
    ],
)
def test_fingertips_periods_map_to_tidy_periods(label, period):
    assert fingertips_period(label) == period


def test_mapping_keeps_known_areas_and_splits_headline_sex_and_deciles():
    frame = recorded(93763)
    tidy, report = fingertips_to_tidy(
        frame, measure_key="alcohol", area_codes={"E92000001", "E08000007"}
    )
    headline = tidy[(tidy["area"] == "E08000007") & (tidy["breakdown"] == "none")]
    assert list(headline["period"]) == ["2018", "2019", "2020", "2021", "2022", "2023"]
    # The 2018 Persons row of the recording, unchanged.
    row = headline.iloc[0]
    assert (row["value"], row["lower"], row["upper"]) == pytest.approx(
        (39.947675, 33.064382, 47.837851), rel=1e-6
    )
    assert row["numerator"] == pytest.approx(118.64624)
    assert row["denominator"] == 291631
    sexes = tidy[(tidy["area"] == "E08000007") & (tidy["breakdown"] == "sex")]
    assert set(sexes["category"]) == {"Male", "Female"}
    deciles = tidy[(tidy["area"] == "E92000001") & (tidy["breakdown"] == "deprivation_decile")]
    assert set(deciles["category"]) == {str(i) for i in range(1, 11)}
    assert not tidy.duplicated(["area", "period", "breakdown", "category"]).any()
    assert report.left_out["area not loaded in this place"] > 0
    assert "Bury" not in set(tidy["area"])


def test_missing_columns_are_named():
    with pytest.raises(FingertipsError, match="'Time period'"):
        fingertips_to_tidy(
            recorded(93015).drop(columns="Time period"), measure_key="x", area_codes=set()
        )


def test_import_from_a_recorded_response_goes_through_the_pipeline(place):
    AreaFactory(place=place, code="E08000002", name="Bury", type="local_authority")
    measure_upsert(
        place=place,
        key="inactive",
        title="Physically inactive adults",
        definition="Adults doing less than 30 minutes of moderate activity a week.",
        value_type="proportion",
        polarity="low_is_good",
        unit="%",
        multiplier=100,
        home_area="E08000007",
        benchmark_areas=["E92000001"],
        fingertips_indicator=93015,
    )
    calls = []

    def fetch(**kwargs):
        calls.append(kwargs)
        return recorded(93015)

    batch, summary = fingertips_import(
        place=place, indicator_id=93015, area_type_id=502, fetch=fetch
    )
    assert calls == [{"indicator_id": 93015, "area_type_id": 502, "parent_area_type_id": 15}]
    assert batch.origin == "fingertips" and batch.rows_created > 0
    stockport = DataPoint.objects.filter(
        measure__key="inactive", area__code="E08000007", breakdown="none"
    ).order_by("year")
    assert [p.period for p in stockport] == ["2018/19", "2019/20", "2020/21", "2021/22", "2022/23"]
    assert stockport[0].value == pytest.approx(21.43984)
    assert stockport[0].denominator == 996
    assert stockport[0].source == "OHID Fingertips, indicator 93015"
    assert "left out" in summary
    # The same response again changes nothing.
    again, _ = fingertips_import(place=place, indicator_id=93015, area_type_id=502, fetch=fetch)
    assert (again.rows_created, again.rows_updated) == (0, 0)


def test_an_indicator_without_a_measure_is_refused(place):
    with pytest.raises(FingertipsError, match="--measure"):
        fingertips_import(
            place=place, indicator_id=1, area_type_id=502, fetch=lambda **_: recorded(93015)
        )
