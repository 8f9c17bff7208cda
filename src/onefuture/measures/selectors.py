"""Reads for measures, always scoped by place (a tenant never sees another's measures or data).

For the pages, API and reports:

``measure_list(place=, big_thing=None)``
    The place's measures in order, with their big things, ambitions and targets prefetched.
``measure_detail(place=, key=)``
    One measure by its key (raises ``Measure.DoesNotExist`` if it is not this place's).
``datapoint_series(measure=, area=None, breakdown="none", category=None)``
    Data points in time order (``year``), for one area or all; ``breakdown``/``category`` filter.
``datapoint_latest(measure=, breakdown="none")``
    The latest data point of every area (for the comparison chart and the ward map).
``assessment_latest(measure=, area=None, kind=None)``
    The stored assessments of a measure (recomputed after every import), optionally for one
    area and one kind. Each has ``label`` (the library's word), ``text`` (a sentence),
    ``method``, ``rule`` and ``numbers`` (JSON; ``numbers["illustrative"]`` is true when any
    input was illustrative, so label the result like the data). Inequality rows have
    ``breakdown`` ``deprivation_decile``/``deprivation_quintile`` (across those categories of
    the area) or ``ward`` (across the area's wards, with ``most_deprived_ward`` and
    ``least_deprived_ward`` area ids).
``import_batch_list(place=)`` / ``import_batch_detail(place=, batch_id=)``
    The import history and one import with its errors (the status page).
``area_codes(place=)``
    ``{code: Area}`` of the place, for templates and the per-measure CSV template.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from onefuture.measures.models import Assessment, DataPoint, ImportBatch, Measure, Target
from onefuture.places.models import Area, Place


def measure_list(*, place: Place, big_thing=None) -> QuerySet[Measure]:
    queryset = (
        Measure.objects.filter(place=place)
        .select_related("home_area", "comparator_group")
        .prefetch_related(
            "big_things",
            "ambitions",
            "benchmark_areas",
            Prefetch("targets", queryset=Target.objects.order_by("year")),
        )
        .order_by("order", "key")
    )
    if big_thing is not None:
        queryset = queryset.filter(big_things=big_thing)
    return queryset


def measure_detail(*, place: Place, key: str) -> Measure:
    return measure_list(place=place).get(key=key)


def datapoint_series(
    *,
    measure: Measure,
    area: Area | None = None,
    breakdown: str = "none",
    category: str | None = None,
) -> QuerySet[DataPoint]:
    queryset = DataPoint.objects.filter(measure=measure, breakdown=breakdown).select_related("area")
    if area is not None:
        queryset = queryset.filter(area=area)
    if category is not None:
        queryset = queryset.filter(category=category)
    return queryset.order_by("area__code", "category", "year")


def datapoint_latest(*, measure: Measure, breakdown: str = "none") -> list[DataPoint]:
    """The latest point of each area × category (one query, picked in Python: few hundred rows)."""
    latest: dict[tuple[int, str], DataPoint] = {}
    for point in datapoint_series(measure=measure, breakdown=breakdown):
        key = (point.area_id, point.category)
        if key not in latest or point.year >= latest[key].year:
            latest[key] = point
    return sorted(latest.values(), key=lambda p: (p.area.code, p.category))


def assessment_latest(
    *, measure: Measure, area: Area | None = None, kind: str | None = None
) -> QuerySet[Assessment]:
    queryset = Assessment.objects.filter(measure=measure).select_related("area", "benchmark")
    if area is not None:
        queryset = queryset.filter(area=area)
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("area__code", "kind", "breakdown", "category", "benchmark__code")


def import_batch_list(*, place: Place) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(place=place).select_related("created_by")


def import_batch_detail(*, place: Place, batch_id: int) -> ImportBatch:
    return import_batch_list(place=place).get(id=batch_id)


def area_codes(*, place: Place) -> dict[str, Area]:
    return {area.code: area for area in Area.objects.filter(place=place)}


def measure_template_csv(*, place: Place, key: str) -> str:
    """A CSV to fill in for one measure: the tidy header and one row per area it is shown for.

    The areas are the home area, the benchmarks and the comparator group; the officer adds the
    period and the numbers (and copies rows for more periods).
    """
    import csv
    import io

    from onefuture.measures.importers.tidy import COLUMNS

    measure = measure_detail(place=place, key=key)
    codes: list[str] = []
    if measure.home_area:
        codes.append(measure.home_area.code)
    codes += [a.code for a in measure.benchmark_areas.order_by("code")]
    if measure.comparator_group:
        codes += [a.code for a in measure.comparator_group.areas.order_by("code")]
    ordered = list(dict.fromkeys(codes))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ["measure", "area", "period", "value", "lower", "upper", "numerator", "denominator"]
    columns += [c for c in COLUMNS if c not in columns]
    writer.writerow(columns)
    for code in ordered or [""]:
        writer.writerow([measure.key, code] + [""] * (len(columns) - 2))
    return out.getvalue()
