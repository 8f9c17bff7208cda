"""What the measure pages show, as plain dataclasses built from the database (reads only).

The views, the CSV and SVG downloads, and later the reports all go through these functions, so a
chart, its table, its CSV and its static image are built from one query and one chart builder.
Every read is scoped by place: a measure, an area or an import batch of another place is never
found, whatever its id or key.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

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
from onefuture.framework.models import BigThing
from onefuture.measures import selectors
from onefuture.measures.models import (
    Assessment,
    AssessmentKind,
    DataPoint,
    ImportBatch,
    Measure,
    Polarity,
    TargetPath,
)
from onefuture.measures.periods import PeriodError, period_parse
from onefuture.places.models import Area, AreaType, Place

#: Where a place's ward boundaries are looked for: ``<dir>/<place slug>/geo/*wards*.geojson``.
BOUNDARY_DIRS = (Path(settings.BASE_DIR) / "examples",)
BOUNDARY_ATTRIBUTION = (
    "Ward boundaries: Office for National Statistics, processed by Trafford Data Lab. Contains "
    "National Statistics and OS data © Crown copyright and database right 2023 (Open Government "
    "Licence v3.0)."
)
CHART_SLUGS = ("trend", "comparison", "deprivation", "wards", "map")


# --------------------------------------------------------------------------- status words


@dataclass(frozen=True)
class Status:
    """A result in words with the govuk-tag colour that goes with it (never colour alone)."""

    text: str
    colour: str  # a govuk-tag modifier: green, red, yellow, blue, grey, orange

    @property
    def css(self) -> str:
        return f"govuk-tag govuk-tag--{self.colour}"


NOT_ASSESSED = Status("Not assessed", "grey")

_BAD = ("worse", "movement_away", "moving_away", "behind", "getting_worse")
_GOOD = ("better", "significant_progress", "on_or_ahead", "on_course", "target_met")
_INFO = ("higher", "lower", "increasing", "decreasing", "calculated")


def status_for(label: str, text: str) -> Status:
    """The govuk-tag colour for an assessment, from its machine label and its words.

    Fingertips colours: better green, similar yellow (amber), worse red; higher or lower with no
    judgement blue; not compared, no significant change or not assessed grey. A trend's label
    ("increasing") has no judgement; its words ("… and getting worse") carry the polarity.
    """
    key = f"{label} {text}".lower().replace(" ", "_")
    words = text or label.replace("_", " ").capitalize()
    if label.startswith(("not_", "cannot_", "no_")):
        return Status(words, "grey")
    if any(k in key for k in _BAD):
        return Status(words, "red")
    if any(k in key for k in _GOOD):
        return Status(words, "green")
    if "moderate" in key or label == "similar":
        return Status(words, "yellow")
    if "insufficient" in key:
        return Status(words, "orange")
    if label.startswith(_INFO):
        return Status(words, "blue")
    return Status(words, "grey")


# --------------------------------------------------------------------------- page dataclasses


@dataclass(frozen=True)
class Value:
    """A number with its unit, limits and period, formatted the measure's way."""

    period: str
    value: float | None
    lower: float | None = None
    upper: float | None = None
    unit: str = ""
    decimals: int = 1
    illustrative: bool = False

    def fmt(self, number: float | None) -> str:
        if number is None:
            return "no value"
        text = f"{number:,.{self.decimals}f}"
        if not self.unit:
            return text
        return f"{text}{self.unit}" if self.unit == "%" else f"{text} {self.unit}"

    @property
    def text(self) -> str:
        return self.fmt(self.value)

    @property
    def limits_text(self) -> str:
        if self.lower is None or self.upper is None:
            return ""
        return f"95% confidence interval {self.fmt(self.lower)} to {self.fmt(self.upper)}"


@dataclass(frozen=True)
class AssessmentView:
    kind: str
    heading: str
    status: Status
    rule: str
    method: str
    period: str
    benchmark: str = ""


@dataclass(frozen=True)
class MeasurePage:
    measure: Measure
    home_area: Area | None
    latest: Value | None
    baseline: Value | None
    targets: list[Value]
    charts: list[Chart]
    assessments: list[AssessmentView]
    big_things: list[BigThing]
    illustrative: bool


@dataclass(frozen=True)
class SummaryRow:
    """One measure in a big thing's summary or in the progress overview."""

    measure: Measure
    latest: Value | None
    baseline: Value | None
    target: Value | None
    comparison: Status
    trend: Status
    progress: Status
    trajectory: Status
    benchmark: str
    illustrative: bool


@dataclass(frozen=True)
class ProgressSection:
    big_thing: BigThing
    rows: list[SummaryRow] = field(default_factory=list)


# --------------------------------------------------------------------------- queries


def measure_get(*, place: Place, key: str) -> Measure:
    """The place's measure ``key`` (raises Measure.DoesNotExist)."""
    return (
        Measure.objects.select_related("home_area", "comparator_group__subject")
        .prefetch_related("targets", "benchmark_areas", "big_things")
        .get(place=place, key=key)
    )


def measure_list(*, place: Place) -> QuerySet[Measure]:
    return Measure.objects.filter(place=place).order_by("order", "key")


def measure_home_area(measure: Measure) -> Area | None:
    """The area the measure is about: its own setting, else its comparator group's subject."""
    if measure.home_area_id:
        return measure.home_area
    group = measure.comparator_group
    return group.subject if group is not None else None


def _year(period: str) -> float | None:
    try:
        return period_parse(period).year
    except PeriodError:
        return None


def _series(measure: Measure, area: Area, breakdown: str = "none") -> list[DataPoint]:
    return list(
        DataPoint.objects.filter(
            measure=measure, area=area, breakdown=breakdown, area__place=measure.place_id
        ).order_by("year", "period")
    )


def _value(measure: Measure, point: DataPoint) -> Value:
    return Value(
        period=point.period,
        value=point.value,
        lower=point.lower,
        upper=point.upper,
        unit=measure.unit,
        decimals=measure.decimal_places,
        illustrative=point.illustrative,
    )


def _baseline(measure: Measure) -> Value | None:
    if measure.baseline_value is None:
        return None
    return Value(
        period=measure.baseline_period,
        value=measure.baseline_value,
        unit=measure.unit,
        decimals=measure.decimal_places,
    )


def _targets(measure: Measure) -> list[Value]:
    return [
        Value(period=t.period, value=t.value, unit=measure.unit, decimals=measure.decimal_places)
        for t in sorted(measure.targets.all(), key=lambda t: t.year)
    ]


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


def _benchmarks(measure: Measure) -> list[Area]:
    return sorted(measure.benchmark_areas.all(), key=lambda a: (a.type != AreaType.COUNTRY, a.code))


# --------------------------------------------------------------------------- charts


def measure_charts(*, measure: Measure, only: str | None = None) -> list[Chart]:
    """Every chart the measure's data allow, in page order (trend, comparison, breakdowns, map).

    ``only`` builds just the chart with that slug (the CSV and SVG downloads need one).
    """
    home = measure_home_area(measure)
    if home is None:
        return []

    def wanted(*slugs: str) -> bool:
        return only is None or only in slugs

    charts: list[Chart] = []
    series = _series(measure, home)
    benchmarks = _benchmarks(measure)
    benchmark = benchmarks[0] if benchmarks else None
    if series and wanted("trend"):
        charts.append(_trend_chart(measure, home, series, benchmark))
    if series and wanted("comparison"):
        comparison = _comparison_chart(measure, home, benchmark, series[-1].period)
        if comparison:
            charts.append(comparison)
    if series and wanted("deprivation"):
        deprivation = _deprivation_chart(measure, home)
        if deprivation:
            charts.append(deprivation)
    if wanted("wards", "map"):
        charts += [c for c in _ward_charts(measure, home) if wanted(c.slug)]
    return charts


def _trend_chart(
    measure: Measure, home: Area, series: list[DataPoint], benchmark: Area | None
) -> Chart:
    bench_points = (
        [PathPoint(p.year, p.value, p.period) for p in _series(measure, benchmark)]
        if benchmark
        else []
    )
    return trend_chart(
        title=f"{measure.title}: {home.name} over time",
        unit=measure.unit or "",
        area_name=home.name,
        points=[TrendPoint(p.period, p.year, p.value, p.lower, p.upper) for p in series],
        benchmark_name=benchmark.name if benchmark else "",
        benchmark=bench_points,
        target_path=_target_path(measure),
        decimals=measure.decimal_places,
        illustrative=any(p.illustrative for p in series),
        slug="trend",
    )


def _latest_point(points: Iterable[DataPoint]) -> DataPoint | None:
    points = [p for p in points if p.value is not None]
    return max(points, key=lambda p: (p.year, p.period)) if points else None


def _comparison_chart(
    measure: Measure, home: Area, benchmark: Area | None, period: str
) -> Chart | None:
    group = measure.comparator_group
    if group is None:
        return None
    areas = [a for a in group.areas.all() if a.place_id == measure.place_id]
    if home not in areas:
        areas.append(home)
    points = list(
        DataPoint.objects.filter(
            measure=measure, area__in=areas, breakdown="none", period=period
        ).select_related("area")
    )
    if len([p for p in points if p.value is not None]) < 2:
        return None
    points.sort(key=lambda p: (p.value is None, -(p.value or 0)))
    bench_value = None
    if benchmark is not None:
        bench = DataPoint.objects.filter(
            measure=measure, area=benchmark, breakdown="none", period=period
        ).first()
        bench_value = bench.value if bench else None
    return comparison_chart(
        title=f"{measure.title}: {home.name} and {group.name}, {period}",
        unit=measure.unit or "",
        areas=[
            Bar(p.area.name, p.value, p.lower, p.upper, code=p.area.code, highlight=p.area == home)
            for p in points
        ],
        benchmark_name=benchmark.name if benchmark else "",
        benchmark_value=bench_value,
        period=period,
        decimals=measure.decimal_places,
        illustrative=any(p.illustrative for p in points),
        slug="comparison",
    )


def _deprivation_chart(measure: Measure, home: Area) -> Chart | None:
    points = _series(measure, home, "deprivation_decile")
    if not points:
        return None
    latest_year = max(p.year for p in points)
    latest = [p for p in points if p.year == latest_year]
    latest.sort(key=lambda p: _decile_number(p.category))
    period = latest[0].period
    overall = DataPoint.objects.filter(
        measure=measure, area=home, breakdown="none", period=period
    ).first()
    return breakdown_chart(
        title=f"{measure.title} by deprivation decile, {home.name}, {period}",
        unit=measure.unit or "",
        categories=[Bar(p.category, p.value, p.lower, p.upper) for p in latest],
        category_name="Deprivation decile (1 = most deprived)",
        reference_name=home.name,
        reference_value=overall.value if overall else None,
        period=period,
        decimals=measure.decimal_places,
        illustrative=any(p.illustrative for p in latest),
        slug="deprivation",
    )


def _decile_number(category: str) -> float:
    digits = "".join(ch for ch in category if ch.isdigit())
    return float(digits) if digits else float("inf")


def _ward_charts(measure: Measure, home: Area) -> list[Chart]:
    wards = Area.objects.filter(place=measure.place_id, type=AreaType.WARD)
    points = list(
        DataPoint.objects.filter(measure=measure, area__in=wards, breakdown="none").select_related(
            "area"
        )
    )
    if not points:
        return []
    latest_year = max(p.year for p in points)
    latest = sorted((p for p in points if p.year == latest_year), key=lambda p: p.area.name)
    period = latest[0].period
    illustrative = any(p.illustrative for p in latest)
    bars = [Bar(p.area.name, p.value, p.lower, p.upper, code=p.area.code) for p in latest]
    charts = [
        breakdown_chart(
            title=f"{measure.title} by ward, {home.name}, {period}",
            unit=measure.unit or "",
            categories=bars,
            category_name="Ward",
            reference_name=home.name,
            reference_value=_home_value(measure, home, period),
            period=period,
            decimals=measure.decimal_places,
            illustrative=illustrative,
            slug="wards",
        )
    ]
    boundaries = ward_boundaries(place_slug=measure.place.slug)
    if boundaries:
        known = {str(f["properties"].get("area_code")) for f in boundaries["features"]}
        mapped = [b for b in bars if b.code in known]
        if mapped:
            charts.append(
                ward_map(
                    title=f"{measure.title} by ward, {home.name}, {period}: map",
                    unit=measure.unit or "",
                    boundaries=boundaries,
                    wards=mapped,
                    period=period,
                    attribution=BOUNDARY_ATTRIBUTION,
                    decimals=measure.decimal_places,
                    illustrative=illustrative,
                    slug="map",
                )
            )
    return charts


def _home_value(measure: Measure, home: Area, period: str) -> float | None:
    point = DataPoint.objects.filter(
        measure=measure, area=home, breakdown="none", period=period
    ).first()
    return point.value if point else None


def ward_boundaries(*, place_slug: str) -> dict[str, Any] | None:
    """The place's ward boundaries (GeoJSON), if a file is provided for it; read once."""
    for directory in BOUNDARY_DIRS:
        candidates = sorted((directory / place_slug / "geo").glob("*wards*.geojson"))
        # Prefer the current (2023) generalised boundaries over older or coarser files.
        candidates.sort(key=lambda p: ("2023" not in p.name, "super" in p.name, p.name))
        if candidates:
            return _read_geojson(str(candidates[0]))
    return None


@lru_cache(maxsize=8)
def _read_geojson(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def measure_chart(*, measure: Measure, slug: str) -> Chart | None:
    """One of the measure's charts by slug (for the CSV and SVG downloads)."""
    return next((c for c in measure_charts(measure=measure, only=slug) if c.slug == slug), None)


# --------------------------------------------------------------------------- assessments


_KIND_ORDER = [k.value for k in AssessmentKind]


def _assessment_views(measure: Measure, home: Area | None) -> list[AssessmentView]:
    rows = Assessment.objects.filter(
        Q(breakdown="none") | Q(kind=AssessmentKind.INEQUALITY), measure=measure
    ).select_related("benchmark", "area")
    if home is not None:
        rows = rows.filter(area=home)
    views = []
    for a in sorted(
        rows,
        key=lambda a: (
            _KIND_ORDER.index(a.kind) if a.kind in _KIND_ORDER else 99,
            a.benchmark_id or 0,
        ),
    ):
        heading = AssessmentKind(a.kind).label if a.kind in _KIND_ORDER else a.kind
        if a.benchmark is not None:
            heading = f"{heading}: {a.benchmark.name}"
        views.append(
            AssessmentView(
                kind=a.kind,
                heading=heading,
                status=status_for(a.label, a.text),
                rule=a.rule,
                method=a.method,
                period=a.period,
                benchmark=a.benchmark.name if a.benchmark else "",
            )
        )
    return views


def measure_page(*, place: Place, key: str) -> MeasurePage:
    """Everything the measure page shows (raises Measure.DoesNotExist for an unknown key)."""
    measure = measure_get(place=place, key=key)
    home = measure_home_area(measure)
    latest_point = _latest_point(_series(measure, home)) if home else None
    charts = measure_charts(measure=measure)
    return MeasurePage(
        measure=measure,
        home_area=home,
        latest=_value(measure, latest_point) if latest_point else None,
        baseline=_baseline(measure),
        targets=_targets(measure),
        charts=charts,
        assessments=_assessment_views(measure, home),
        big_things=list(measure.big_things.order_by("order")),
        illustrative=measure.illustrative or any(c.illustrative for c in charts),
    )


# --------------------------------------------------------------------------- summaries


def _summary_rows(measures: list[Measure]) -> list[SummaryRow]:
    """One row per measure with its latest value and each assessment's status, in few queries."""
    if not measures:
        return []
    homes = {m.id: measure_home_area(m) for m in measures}
    latest: dict[int, DataPoint] = {}
    home_ids = {h.id for h in homes.values() if h is not None}
    for point in DataPoint.objects.filter(
        measure__in=measures, area_id__in=home_ids, breakdown="none", value__isnull=False
    ).order_by("year", "period"):
        home = homes.get(point.measure_id)
        if home is not None and point.area_id == home.id:
            latest[point.measure_id] = point
    statuses: dict[int, dict[str, Assessment]] = defaultdict(dict)
    for a in Assessment.objects.filter(measure__in=measures, breakdown="none").select_related(
        "benchmark"
    ):
        home = homes.get(a.measure_id)
        if home is not None and a.area_id != home.id:
            continue
        current = statuses[a.measure_id].get(a.kind)
        # One comparison per row: the national benchmark (a country) wins over others.
        if (
            a.kind == AssessmentKind.COMPARISON
            and current is not None
            and current.benchmark
            and current.benchmark.type == AreaType.COUNTRY
        ):
            continue
        statuses[a.measure_id][a.kind] = a

    def status(measure: Measure, kind: str) -> Status:
        found = statuses[measure.id].get(kind)
        return status_for(found.label, found.text) if found else NOT_ASSESSED

    rows = []
    for m in measures:
        targets = _targets(m)
        comparison = statuses[m.id].get(AssessmentKind.COMPARISON)
        point = latest.get(m.id)
        rows.append(
            SummaryRow(
                measure=m,
                latest=_value(m, point) if point else None,
                baseline=_baseline(m),
                target=targets[-1] if targets else None,
                comparison=status(m, AssessmentKind.COMPARISON),
                trend=status(m, AssessmentKind.TREND),
                progress=status(m, AssessmentKind.PROGRESS),
                trajectory=status(m, AssessmentKind.TRAJECTORY),
                benchmark=comparison.benchmark.name
                if comparison is not None and comparison.benchmark
                else "",
                illustrative=m.illustrative or bool(point and point.illustrative),
            )
        )
    return rows


def _measures_for(place: Place) -> QuerySet[Measure]:
    return (
        Measure.objects.filter(place=place)
        .select_related("home_area", "comparator_group__subject")
        .prefetch_related(
            "targets", Prefetch("big_things", queryset=BigThing.objects.order_by("order"))
        )
        .order_by("order", "key")
    )


def big_thing_summary(*, place: Place, big_thing: BigThing) -> list[SummaryRow]:
    """The big thing's measures with their status words (the big thing page's summary)."""
    if big_thing.place_id != place.id:
        return []
    return _summary_rows(list(_measures_for(place).filter(big_things=big_thing)))


def progress_overview(*, place: Place) -> list[ProgressSection]:
    """Every big thing with its measures' baseline, latest, target and statuses."""
    measures = list(_measures_for(place))
    rows = {row.measure.id: row for row in _summary_rows(measures)}
    sections = []
    for big_thing in BigThing.objects.filter(place=place).order_by("order", "key"):
        members = [m for m in measures if big_thing in m.big_things.all()]
        sections.append(ProgressSection(big_thing, [rows[m.id] for m in members]))
    return sections


def import_batch_get(*, place: Place, batch_id: int) -> ImportBatch:
    """The place's import batch ``batch_id`` (raises ImportBatch.DoesNotExist otherwise)."""
    return selectors.import_batch_detail(place=place, batch_id=batch_id)


def polarity_words(measure: Measure) -> str:
    return {
        Polarity.HIGH_IS_GOOD: "Higher is better",
        Polarity.LOW_IS_GOOD: "Lower is better",
    }.get(measure.polarity, "Neither higher nor lower is better")


# --------------------------------------------------------------------------- imports

#: How many of an import's errors the status page lists (the rest are counted).
ERRORS_SHOWN = 200

TEMPLATE_COLUMNS = (
    "measure",
    "area",
    "period",
    "breakdown",
    "category",
    "value",
    "lower",
    "upper",
    "numerator",
    "denominator",
    "notes",
    "source",
    "illustrative",
)


def measure_template_frame(*, measure: Measure) -> pd.DataFrame:
    """The measure's data in the import format: re-importing it changes nothing.

    Without data yet, one row per area the measure is shown for (its own area, benchmarks and
    comparators) with the period and value left for the officer to fill in.
    """
    rows = list(
        DataPoint.objects.filter(measure=measure)
        .order_by("area__code", "breakdown", "category", "year", "period")
        .values(
            "area__code",
            "period",
            "breakdown",
            "category",
            "value",
            "lower",
            "upper",
            "numerator",
            "denominator",
            "notes",
            "source",
            "illustrative",
        )
    )
    if rows:
        frame = pd.DataFrame(rows).rename(columns={"area__code": "area"})
        frame["illustrative"] = frame["illustrative"].map({True: "yes", False: ""})
    else:
        areas = [measure_home_area(measure), *_benchmarks(measure)]
        if measure.comparator_group is not None:
            areas += list(measure.comparator_group.areas.all())
        codes = list(dict.fromkeys(a.code for a in areas if a is not None))
        frame = pd.DataFrame({"area": codes or [""], "breakdown": "none"})
    frame["measure"] = measure.key
    return frame.reindex(columns=list(TEMPLATE_COLUMNS))
