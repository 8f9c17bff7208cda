"""The big thing page's spine chart: each measure's area against England and its comparators."""

from __future__ import annotations

import numpy as np

from onefuture import stats
from onefuture.charts import Chart
from onefuture.charts.spine import SpineRow, spine_chart
from onefuture.framework.models import BigThing
from onefuture.measures.models import Assessment, AssessmentKind, DataPoint, Measure, Polarity
from onefuture.measures.pages.basics import _benchmarks, _series
from onefuture.measures.selectors import measure_home_area
from onefuture.places.models import Place

#: Fewer comparator values than this give no spread worth drawing (``stats.quintiles`` needs 5).
MINIMUM_COMPARATORS = 5


def _spine_row(measure: Measure) -> tuple[SpineRow, str, str, bool] | None:
    home = measure_home_area(measure)
    group = measure.comparator_group
    benchmarks = _benchmarks(measure)
    if home is None or group is None or not benchmarks:
        return None
    series = [p for p in _series(measure, home) if p.value is not None]
    if not series:
        return None
    latest = series[-1]
    benchmark = benchmarks[0]
    areas = {a.id for a in group.areas.all()} | {home.id}
    points = list(
        DataPoint.objects.filter(
            measure=measure, area_id__in=areas, breakdown="none", period=latest.period
        ).exclude(value=None)
    )
    bench = DataPoint.objects.filter(
        measure=measure, area=benchmark, breakdown="none", period=latest.period
    ).first()
    if len(points) < MINIMUM_COMPARATORS or bench is None or bench.value is None:
        return None
    bounds = stats.quintiles(np.array([p.value for p in points], dtype=float)).bounds[0]
    comparison = Assessment.objects.filter(
        measure=measure,
        area=home,
        benchmark=benchmark,
        kind=AssessmentKind.COMPARISON,
        breakdown="none",
    ).first()
    row = SpineRow(
        label=measure.title,
        value=latest.value,
        benchmark=bench.value,
        lowest=float(bounds[0]),
        p20=float(bounds[1]),
        p80=float(bounds[4]),
        highest=float(bounds[5]),
        status=comparison.text if comparison else "Not compared",
        higher_is_better={Polarity.HIGH_IS_GOOD: True, Polarity.LOW_IS_GOOD: False}.get(
            measure.polarity
        ),
        decimals=measure.decimal_places,
    )
    illustrative = (
        any(p.illustrative for p in points)
        or bool(bench.illustrative)
        or bool(comparison and (comparison.numbers or {}).get("illustrative"))
    )
    return row, home.name, benchmark.name, illustrative


def big_thing_spine(*, place: Place, big_thing: BigThing) -> Chart | None:
    """A spine chart of the big thing's measures that have comparators, or None if none do.

    Rows need the same area, benchmark and comparator group; measures for another area or
    benchmark than the first are left out (each still has its tile and its own page).
    """
    if big_thing.place_id != place.id:
        return None
    measures = (
        Measure.objects.filter(place=place, big_things=big_thing)
        .select_related("home_area", "comparator_group__subject")
        .prefetch_related("benchmark_areas", "comparator_group__areas")
        .order_by("order", "key")
    )
    found = [r for r in (_spine_row(m) for m in measures) if r is not None]
    if not found:
        return None
    area_name, benchmark_name = found[0][1], found[0][2]
    rows = [r for r, a, b, _ in found if (a, b) == (area_name, benchmark_name)]
    group = next(m.comparator_group for m in measures if m.comparator_group is not None)
    return spine_chart(
        title=f"{big_thing.title}: how {area_name} compares",
        rows=rows,
        area_name=area_name,
        benchmark_name=benchmark_name,
        comparators_name=group.name,
        illustrative=any(ill for *_, ill in found),
        slug="spine",
    )
