"""benchmarks/scale.py at a tiny scale, so the national-scale benchmark cannot rot; and what it
found: a measure's ward chart shows its home area's wards, not every ward in the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import scale

from onefuture.measures.models import Assessment, DataPoint, ImportBatch, Measure
from onefuture.measures.pages.charts import measure_charts
from onefuture.measures.selectors import measure_detail
from onefuture.places.models import Area

pytestmark = pytest.mark.django_db


def test_a_tiny_national_data_set_is_generated_imported_assessed_and_its_pages_served(
    tmp_path: Path,
):
    """One run (the example's framework load dominates its seconds), then what it left."""
    result = scale.run(scale=0.0001, repeat=1, folder=tmp_path, quiet=True)
    # 2 measures × (England, 3 local authorities, Stockport's wards, 15 wards of each other) × 10.
    wards = Area.objects.filter(type="ward").count()
    assert result["measures"] == 2
    assert result["areas"] == 1 + 3 + wards
    assert result["points"] == 2 * result["areas"] * 10
    assert DataPoint.objects.count() == result["points"] == result["stored"]
    # Each file imported whole, through the import service, with its batch.
    batches = ImportBatch.objects.filter(filename__startswith="national-")
    assert [b.status for b in batches] == ["succeeded"]
    assert batches[0].rows_created == result["points"]
    assert (
        result["assessments"]
        == Assessment.objects.filter(measure__key__startswith="national-").count()
        > 0
    )
    phases = [name for name, *_ in result["timer"]]
    assert any(name.startswith("import 1 files") for name in phases)
    assert "re-assess every measure" in phases
    assert [name for name, *_ in result["pages"]] == [
        "measure page (a proportion)",
        "measure page (a rate)",
        "big-thing page",
        "progress page",
    ]
    assert all(len(times) == len(cpus) == 1 and times[0] > 0 for *_, times, cpus in result["pages"])
    _files_are_tidy_and_deterministic(tmp_path, result)
    _ward_chart_holds_the_home_areas_wards_only()


def _files_are_tidy_and_deterministic(tmp_path: Path, result: dict) -> None:
    files = sorted(tmp_path.glob("national-*.csv"))
    assert [p.name for p in files] == ["national-000.csv"]
    lines = files[0].read_text(encoding="utf-8").splitlines()
    assert lines[0] == "measure,area,period,value,lower,upper,numerator,denominator"
    assert len(lines) == 1 + result["points"]
    layout = result["layout"]
    again = tmp_path / "again"
    again.mkdir()
    scale.generate(
        scale.Layout(layout.measure_keys, layout.area_codes, layout.area_kinds, ""), again
    )
    assert (again / "national-000.csv").read_bytes() == files[0].read_bytes()


def _ward_chart_holds_the_home_areas_wards_only() -> None:
    measure = measure_detail(
        place=Measure.objects.get(key="national-000").place, key="national-000"
    )
    home = measure.home_area
    wards = next(c for c in measure_charts(measure=measure) if c.slug == "wards")
    own = set(Area.objects.filter(parent=home, type="ward").values_list("name", flat=True))
    shown = {row["label"] for row in wards.rows}
    assert own and shown <= own | {home.name}
    # The data hold 15 wards of every other local authority too; none is on Stockport's chart.
    others = set(
        Area.objects.filter(type="ward").exclude(parent=home).values_list("name", flat=True)
    )
    assert others and not shown & others
