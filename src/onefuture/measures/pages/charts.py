"""A measure's charts, built from its data points with the one chart builder (onefuture.charts)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from onefuture import stats
from onefuture.charts import (
    Bar,
    Chart,
    PathPoint,
    TrendPoint,
    breakdown_chart,
    comparison_chart,
    trend_chart,
    ward_map,
)
from onefuture.measures import honesty, selectors
from onefuture.measures.models import DataPoint, Measure, TargetPath
from onefuture.measures.pages.basics import _year
from onefuture.places.models import Area, AreaType
from onefuture.places.selectors import area_boundaries


def _target_path(measure: Measure) -> list[PathPoint]:
    """Baseline, then each interim target, then the horizon target: the path the page draws.

    Straight lines between the points are the linear path exactly. A constant-growth path curves,
    so its value in each whole year between the points is added, computed by
    ``stats.on_trajectory`` (the same path the trajectory assessment judges against).
    """
    points: list[PathPoint] = []
    base_year = _year(measure.baseline_period) if measure.baseline_period else None
    if base_year is not None and measure.baseline_value is not None:
        points.append(PathPoint(base_year, measure.baseline_value, measure.baseline_period))
    points += [
        PathPoint(t.year, t.value, t.period)
        for t in sorted(measure.targets.all(), key=lambda t: t.year)
    ]
    if len(points) < 2:
        return []
    if measure.target_path != TargetPath.CONSTANT_GROWTH:
        return points
    curved: list[PathPoint] = [points[0]]
    for start, end in itertools.pairwise(points):
        years = np.arange(math.floor(start.year) + 1, math.ceil(end.year), dtype=float)
        if years.size and start.value and end.value and start.value * end.value > 0:
            path = stats.on_trajectory(
                start.year,
                start.value,
                end.year,
                end.value,
                years,
                np.zeros_like(years),
                desired="increase",
                path="constant_growth",
            )
            curved += [
                PathPoint(float(y), float(v), "")
                for y, v in zip(years, path.expected, strict=True)
                if np.isfinite(v)
            ]
        curved.append(end)
    return curved


def measure_charts(*, measure: Measure, only: str | None = None) -> list[Chart]:
    """Every chart the measure's data allow, in page order (trend, comparison, breakdowns, map).

    ``only`` builds just the chart with that slug (the CSV and SVG downloads need one).
    ``measure`` comes from ``selectors.measure_detail`` (its relations loaded).
    """
    home = selectors.measure_home_area(measure)
    if home is None:
        return []

    def wanted(*slugs: str) -> bool:
        return only is None or only in slugs

    charts: list[Chart] = []
    series = list(selectors.datapoint_series(measure=measure, area=home))
    benchmark = selectors.measure_benchmark(measure=measure)
    if series and wanted("trend"):
        charts.append(_trend_chart(measure, home, series, benchmark))
    if series and wanted("comparison"):
        comparison = _comparison_chart(measure, home, benchmark, series[-1].period)
        if comparison:
            charts.append(comparison)
    if series and wanted("deprivation"):
        deprivation = _deprivation_chart(measure, home, series)
        if deprivation:
            charts.append(deprivation)
    if wanted("wards", "map"):
        charts += [c for c in _ward_charts(measure, home, series) if wanted(c.slug)]
    return charts


def _trend_chart(
    measure: Measure, home: Area, series: list[DataPoint], benchmark: Area | None
) -> Chart:
    bench_points = (
        [
            PathPoint(p.year, p.value, p.period)
            for p in selectors.datapoint_series(measure=measure, area=benchmark)
        ]
        if benchmark
        else []
    )
    return trend_chart(
        title=f"{measure.title}: {home.name} over time",
        unit=measure.unit or "",
        area_name=home.name,
        points=[
            TrendPoint(p.period, p.year, p.value, p.lower, p.upper, notes=p.notes, source=p.source)
            for p in series
        ],
        benchmark_name=benchmark.name if benchmark else "",
        benchmark=bench_points,
        target_path=_target_path(measure),
        decimals=measure.decimal_places,
        illustrative=any(honesty.datapoint_illustrative(p, measure) for p in series)
        or honesty.any_target_illustrative(measure)
        or (measure.baseline_value is not None and honesty.baseline_illustrative(measure)),
        slug="trend",
    )


def _value_in(series: Sequence[DataPoint], period: str) -> float | None:
    """The value of the home series in ``period`` (None if it has no point then)."""
    return next((p.value for p in series if p.period == period), None)


def _comparison_chart(
    measure: Measure, home: Area, benchmark: Area | None, period: str
) -> Chart | None:
    group = measure.comparator_group
    if group is None:
        return None
    areas = selectors.measure_comparators(measure=measure)
    if home not in areas:
        areas.append(home)
    found = selectors.datapoint_cross_section(
        periods={measure: period}, areas=[*areas, *([benchmark] if benchmark else [])]
    )[measure.id]
    members = {a.id for a in areas}
    points = [p for p in found if p.area_id in members]
    if len([p for p in points if p.value is not None]) < 2:
        return None
    points.sort(key=lambda p: (p.value is None, -(p.value or 0)))
    bench = next((p for p in found if benchmark and p.area_id == benchmark.id), None)
    return comparison_chart(
        title=f"{measure.title}: {home.name} and {group.name}, {period}",
        unit=measure.unit or "",
        areas=[
            Bar(
                p.area.name,
                p.value,
                p.lower,
                p.upper,
                code=p.area.code,
                highlight=p.area == home,
                notes=p.notes,
                source=p.source,
            )
            for p in points
        ],
        benchmark_name=benchmark.name if benchmark else "",
        benchmark_value=bench.value if bench else None,
        period=period,
        decimals=measure.decimal_places,
        illustrative=any(honesty.datapoint_illustrative(p, measure) for p in points),
        slug="comparison",
    )


def _deprivation_chart(measure: Measure, home: Area, series: list[DataPoint]) -> Chart | None:
    points = list(
        selectors.datapoint_series(measure=measure, area=home, breakdown="deprivation_decile")
    )
    if not points:
        return None
    latest_year = max(p.year for p in points)
    latest = [p for p in points if p.year == latest_year]
    latest.sort(key=lambda p: _decile_number(p.category))
    period = latest[0].period
    return breakdown_chart(
        title=f"{measure.title} by deprivation decile, {home.name}, {period}",
        unit=measure.unit or "",
        categories=[
            Bar(p.category, p.value, p.lower, p.upper, notes=p.notes, source=p.source)
            for p in latest
        ],
        category_name="Deprivation decile (1 = most deprived)",
        reference_name=home.name,
        reference_value=_value_in(series, period),
        period=period,
        decimals=measure.decimal_places,
        illustrative=any(honesty.datapoint_illustrative(p, measure) for p in latest),
        slug="deprivation",
    )


def _decile_number(category: str) -> float:
    digits = "".join(ch for ch in category if ch.isdigit())
    return float(digits) if digits else float("inf")


def _ward_charts(measure: Measure, home: Area, series: list[DataPoint]) -> list[Chart]:
    # The home area's own wards: a national data set holds every ward in the country.
    points = list(selectors.datapoint_series(measure=measure, area_type=AreaType.WARD, parent=home))
    if not points:
        return []
    latest_year = max(p.year for p in points)
    latest = sorted((p for p in points if p.year == latest_year), key=lambda p: p.area.name)
    period = latest[0].period
    illustrative = any(honesty.datapoint_illustrative(p, measure) for p in latest)
    bars = [
        Bar(
            p.area.name,
            p.value,
            p.lower,
            p.upper,
            code=p.area.code,
            notes=p.notes,
            source=p.source,
        )
        for p in latest
    ]
    charts = [
        breakdown_chart(
            title=f"{measure.title} by ward, {home.name}, {period}",
            unit=measure.unit or "",
            categories=bars,
            category_name="Ward",
            reference_name=home.name,
            reference_value=_value_in(series, period),
            period=period,
            decimals=measure.decimal_places,
            illustrative=illustrative,
            slug="wards",
        )
    ]
    # The place's own stored boundaries, with their licence's attribution; none, no map.
    boundaries = area_boundaries(place=measure.place, area_type=AreaType.WARD)
    if boundaries:
        known = boundaries.codes
        mapped = [b for b in bars if b.code in known]
        if mapped:
            charts.append(
                ward_map(
                    title=f"{measure.title} by ward, {home.name}, {period}: map",
                    unit=measure.unit or "",
                    boundaries=boundaries.collection,
                    wards=mapped,
                    code_property=boundaries.code_property,
                    period=period,
                    attribution=boundaries.attribution,
                    notes=(boundaries.note,) if boundaries.note else (),
                    decimals=measure.decimal_places,
                    illustrative=illustrative,
                    slug="map",
                )
            )
    return charts


def measure_chart(*, measure: Measure, slug: str) -> Chart | None:
    """One of the measure's charts by slug (for the CSV and SVG downloads)."""
    return next((c for c in measure_charts(measure=measure, only=slug) if c.slug == slug), None)
