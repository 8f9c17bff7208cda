"""Reads for measures, always scoped by place (a tenant never sees another's measures or data).

For the pages, API and reports:

``measure_list(place=, big_thing=None)``
    The place's measures in order, with their big things, ambitions and targets prefetched.
``measure_detail(place=, key=)``
    One measure by its key (raises ``Measure.DoesNotExist`` if it is not this place's).
``measure_home_area(measure)``
    The area a measure is about: its own home area, else its comparator group's subject.
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
``measure_template_frame(measure=, current_data=True)`` / ``measure_template_csv(place=, key=)``
    A measure's import template (its data, or a blank row per area): the one generator behind
    ``onefuture data template`` and the measure page's CSV and Excel downloads.
"""

from __future__ import annotations

import pandas as pd
from django.db.models import Prefetch, QuerySet

from onefuture.measures.importers.tidy import NUMBER_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from onefuture.measures.models import Assessment, DataPoint, ImportBatch, Measure, Target
from onefuture.places.models import Area, AreaType, Place


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


def measure_home_area(measure: Measure) -> Area | None:
    """The area the measure is about: its own setting, else its comparator group's subject.

    The one rule for "whose measure is this": the pages, the assessments and the templates all
    ask here, so a measure that names only a comparator group is shown and assessed alike.
    """
    if measure.home_area_id:
        return measure.home_area
    group = measure.comparator_group
    return group.subject if group is not None else None


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


#: The columns of a measure's import template, in the tidy import format: the key columns and
#: the numbers first (what an officer fills in), then the optional ones.
TEMPLATE_COLUMNS = (
    *REQUIRED_COLUMNS,
    *NUMBER_COLUMNS,
    *(c for c in OPTIONAL_COLUMNS if c not in NUMBER_COLUMNS),
)


def _template_areas(measure: Measure) -> list[str]:
    """Codes of the areas a measure is shown for: its own, its benchmarks, its comparators."""
    group = measure.comparator_group
    areas = [
        measure_home_area(measure),
        *sorted(measure.benchmark_areas.all(), key=lambda a: (a.type != AreaType.COUNTRY, a.code)),
    ]
    if group is not None:
        areas += list(group.areas.order_by("code"))
    return list(dict.fromkeys(a.code for a in areas if a is not None))


def measure_template_frame(*, measure: Measure, current_data: bool = True) -> pd.DataFrame:
    """A measure's import template: its current data (re-importing it changes nothing) or, with
    ``current_data=False`` or no data yet, one blank row per area it is shown for.

    The one template generator behind both the CLI (``onefuture data template``) and the
    measure page's CSV/Excel download, so the two can never drift from the import format.
    """
    rows = []
    if current_data:
        rows = list(
            DataPoint.objects.filter(measure=measure)
            .order_by("area__code", "breakdown", "category", "year", "period")
            .values("area__code", *(c for c in TEMPLATE_COLUMNS[2:]))
        )
    if rows:
        frame = pd.DataFrame(rows).rename(columns={"area__code": "area"})
        frame["illustrative"] = frame["illustrative"].map({True: "yes", False: ""})
    else:
        frame = pd.DataFrame({"area": _template_areas(measure) or [""], "breakdown": "none"})
    frame["measure"] = measure.key
    return frame.reindex(columns=list(TEMPLATE_COLUMNS))


def measure_template_csv(*, place: Place, key: str, current_data: bool = False) -> str:
    """A measure's import template as CSV text (see :func:`measure_template_frame`).

    Raises ``Measure.DoesNotExist`` if ``key`` is not one of ``place``'s measures.
    """
    frame = measure_template_frame(
        measure=measure_detail(place=place, key=key), current_data=current_data
    )
    return frame.to_csv(index=False, lineterminator="\n")
