"""The big thing page's spine chart: each measure's area against England and its comparators."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from onefuture import stats
from onefuture.charts import Chart
from onefuture.charts.spine import SpineRow, spine_chart
from onefuture.framework.models import BigThing
from onefuture.measures import honesty, selectors
from onefuture.measures.models import Assessment, AssessmentKind, DataPoint, Measure, Polarity
from onefuture.places.models import Area, Place

#: Fewer comparator values than this give no spread worth drawing (``stats.quintiles`` needs 5).
MINIMUM_COMPARATORS = 5


def _compared(measure: Measure) -> tuple[Area, Area, list[Area]] | None:
    """The measure's home area, primary benchmark and comparison set (its comparators and its
    home), or None when it lacks one of them and so has no spine row."""
    home = selectors.measure_home_area(measure)
    benchmark = selectors.measure_benchmark(measure=measure)
    if home is None or measure.comparator_group is None or benchmark is None:
        return None
    return home, benchmark, [*selectors.measure_comparators(measure=measure), home]


def _spine_row(
    measure: Measure,
    compared: tuple[Area, Area, list[Area]],
    latest: DataPoint,
    found: Sequence[DataPoint],
    assessments: Sequence[Assessment],
) -> tuple[SpineRow, str, str, bool] | None:
    home, benchmark, comparators = compared
    members = {a.id for a in comparators}
    points = [p for p in found if p.area_id in members and p.value is not None]
    bench = next((p for p in found if p.area_id == benchmark.id), None)
    if len(points) < MINIMUM_COMPARATORS or bench is None or bench.value is None:
        return None
    bounds = stats.quintiles(np.array([p.value for p in points], dtype=float)).bounds[0]
    comparison = next(
        (
            a
            for a in assessments
            if a.kind == AssessmentKind.COMPARISON
            and a.breakdown == "none"
            and a.benchmark_id == benchmark.id
        ),
        None,
    )
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
        any(honesty.datapoint_illustrative(p, measure) for p in points)
        or honesty.datapoint_illustrative(bench, measure)
        or bool(comparison and honesty.assessment_illustrative(comparison, measure))
    )
    return row, home.name, benchmark.name, illustrative


def spine_of(
    big_thing: BigThing,
    measures: Sequence[Measure],
    latest: dict[int, DataPoint],
    assessments: dict[int, list[Assessment]],
) -> Chart | None:
    """The spine chart of ``measures`` (the big thing's, from ``selectors.measure_list``) with
    their latest points and assessments already read, so the big thing's panel reads them once
    for its tiles and its spine."""
    compared = {m.id: c for m in measures if m.id in latest and (c := _compared(m)) is not None}
    # Every row's comparators in its latest period, in one read.
    sections = selectors.datapoint_cross_section(
        periods={m: latest[m.id].period for m in measures if m.id in compared},
        areas=[area for _, benchmark, areas in compared.values() for area in (*areas, benchmark)],
    )
    built = (
        _spine_row(m, compared[m.id], latest[m.id], sections[m.id], assessments.get(m.id, []))
        for m in measures
        if m.id in compared
    )
    found = [r for r in built if r is not None]
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


def big_thing_spine(*, place: Place, big_thing: BigThing) -> Chart | None:
    """A spine chart of the big thing's measures that have comparators, or None if none do.

    Rows need the same area, benchmark and comparator group; measures for another area or
    benchmark than the first are left out (each still has its tile and its own page).
    """
    if big_thing.place_id != place.id:
        return None
    measures = list(selectors.measure_list(place=place, big_thing=big_thing, comparisons=True))
    return spine_of(
        big_thing,
        measures,
        selectors.datapoint_latest(measures=measures),
        selectors.assessment_list(measures=measures),
    )
