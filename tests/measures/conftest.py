"""Fixtures for the measures tests: a place with areas, two measures, and file helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from onefuture.measures.services import measure_upsert
from tests.factories import AreaFactory, PlaceFactory


@pytest.fixture
def place(db):
    """Stockport with England, itself, two wards; a proportion, a rate and a life expectancy."""
    place = PlaceFactory(slug="stockport", name="Stockport")
    england = AreaFactory(place=place, code="E92000001", name="England", type="country")
    borough = AreaFactory(
        place=place, code="E08000007", name="Stockport", type="local_authority", parent=england
    )
    AreaFactory(place=place, code="E05015014", name="Bramhall North", parent=borough)
    AreaFactory(place=place, code="E05015015", name="Bramhall South", parent=borough)
    measure_upsert(
        place=place,
        key="smoking",
        title="Adults who smoke",
        definition="Percentage of adults who smoke.",
        value_type="proportion",
        polarity="low_is_good",
        unit="%",
        multiplier=100,
        home_area="E08000007",
        benchmark_areas=["E92000001"],
        baseline_period="2018",
        baseline_value=15.0,
        targets=[
            {"period": "2030", "value": 10.0},
            {"period": "2040", "value": 5, "horizon": True},
        ],
    )
    measure_upsert(
        place=place,
        key="falls",
        title="Emergency admissions for falls, 65+",
        definition="Admissions per 100,000 people aged 65 and over.",
        value_type="rate",
        polarity="low_is_good",
        multiplier=100_000,
        home_area="E08000007",
        benchmark_areas=["E92000001"],
    )
    measure_upsert(
        place=place,
        key="life-expectancy",
        title="Life expectancy at birth",
        definition="Years a newborn would live at current death rates.",
        value_type="life_expectancy",
        polarity="high_is_good",
        unit="years",
        home_area="E08000007",
        benchmark_areas=["E92000001"],
    )
    return place


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write text to a CSV file and return its path."""

    def write(text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write
