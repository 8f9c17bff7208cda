"""Reads for measures, always scoped by place (a tenant never sees another's measures or data).

The one read path of the measures app: every query of a measure, its data points, assessments
and import batches is here, and so is every rule about which of them a page shows (whose
measure it is, which benchmark comes first, which point is the latest). The page builders
(``measures.pages``), the views, the panels and the CLI compose these and never query a model
themselves; ``tests/test_layers.py`` fails on one that does.

``measure_list(place=, big_thing=None, comparisons=False)``
    The place's measures in order, with what a page reads of them loaded in a fixed number of
    queries (home area, comparator group and its subject, targets by year, big things in
    order; with ``comparisons`` also benchmark areas and comparator areas).
``measure_detail(place=, key=)``
    One measure by its key, loaded with its comparisons (raises ``Measure.DoesNotExist`` if it
    is not this place's).
``measure_home_area(measure)``
    The area a measure is about: its own home area, else its comparator group's subject.
``measure_benchmarks(measure=)`` / ``measure_benchmark(measure=)``
    Its benchmark areas in benchmark order (a country first, then by code) / the primary one.
``measure_comparators(measure=)``
    The areas of its comparator group that belong to its place, by code.
``datapoint_series(measure=, area=None, area_type=None, breakdown="none", category=None)``
    Data points in time order within each area and category, for one area, one type of area
    (``"ward"``) or all; ``breakdown``/``category`` filter.
``datapoint_list(measure=, area=None, breakdown=None, year_from=None, year_to=None)``
    Every point of a measure in a stable order, as a queryset to page in the database (the
    API's data route); ``measure_ids_with_data(measures=, area=)`` those with data for an area.
``datapoint_cross_section(periods={measure: period}, areas=, breakdown="none")``
    ``{measure id: points}``: the points of some areas in each measure's period (a comparison
    chart; every row of a spine at once).
``datapoint_latest(measures=)``
    ``{measure id: point}``: each measure's latest headline value for its home area.
``assessment_list(measures=)``
    ``{measure id: [assessment]}``: the stored assessments each measure's pages show (its home
    area's headline and inequality ones) in page order: kind, then benchmark order. Each has
    ``label`` (the library's word), ``text`` (a sentence), ``method``, ``rule`` and ``numbers``
    (JSON; ``numbers["illustrative"]`` is true when any input was illustrative, so label the
    result like the data).
``assessment_history(measure=)`` / ``assessment_changes(place=, since=None, measures=None)``
    The status history of a measure (kept results, oldest first) / what changed since a date,
    each change as an :class:`AssessmentChange` with its words (ADR 0022).
``commentary_latest(measure=)`` / ``commentary_list(measure=)``
    The officer's commentary shown on the page (newest of the latest period) / all of it.
``measure_data_facts(measure=)``
    When its data were last updated, and how many annual headline points it has.
``import_batch_list(place=)`` / ``import_batch_detail(place=, batch_id=)``
    The import history, newest first, and one import with its errors (the status page).
``measure_template_frame(measure=, current_data=True)`` / ``measure_template_csv(place=, key=)``
    A measure's import template (its data, or a blank row per area): the one generator behind
    ``onefuture data template`` and the measure page's CSV and Excel downloads.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.db.models import Prefetch, Q, QuerySet

from onefuture.framework.models import BigThing, CrossCuttingAmbition
from onefuture.measures.importers.tidy import NUMBER_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from onefuture.measures.models import (
    Assessment,
    AssessmentKind,
    AssessmentRecord,
    Commentary,
    DataPoint,
    ImportBatch,
    Measure,
    Target,
)
from onefuture.measures.periods import PeriodError, period_parse
from onefuture.places.models import Area, AreaType, Place

# --------------------------------------------------------------------------- measures


def measure_list(
    *, place: Place, big_thing: BigThing | None = None, comparisons: bool = False
) -> QuerySet[Measure]:
    """The place's measures by ``order`` then key, optionally only those of ``big_thing``.

    Loaded with what every page reads of a measure (its place, home area, comparator group and
    its subject, targets by year, big things in order); with ``comparisons=True`` also its
    benchmark areas and its comparator group's areas, which the charts and the spine compare
    against. Why here: each page then takes a fixed number of queries however many measures it
    shows, and a page that lists measures without comparing them does not pay for the areas.
    """
    queryset = (
        Measure.objects.filter(place=place)
        .select_related("place", "home_area", "comparator_group__subject")
        .prefetch_related(
            Prefetch("big_things", queryset=BigThing.objects.order_by("order", "key")),
            Prefetch("ambitions", queryset=CrossCuttingAmbition.objects.order_by("order", "key")),
            Prefetch("targets", queryset=Target.objects.order_by("year")),
        )
        .order_by("order", "key")
    )
    if comparisons:
        queryset = queryset.prefetch_related("benchmark_areas", "comparator_group__areas")
    if big_thing is not None:
        queryset = queryset.filter(big_things=big_thing)
    return queryset


def measure_detail(*, place: Place, key: str) -> Measure:
    """The place's measure ``key`` with its comparisons loaded (raises ``Measure.DoesNotExist``
    for another place's)."""
    return measure_list(place=place, comparisons=True).get(key=key)


def measure_home_area(measure: Measure) -> Area | None:
    """The area the measure is about: its own setting, else its comparator group's subject.

    The one rule for "whose measure is this": the pages, the assessments and the templates all
    ask here, so a measure that names only a comparator group is shown and assessed alike.
    (Positional, unlike the other selectors: it reads one loaded measure and is called that way
    from the assessments.)
    """
    if measure.home_area_id:
        return measure.home_area
    group = measure.comparator_group
    return group.subject if group is not None else None


def _benchmark_order(area: Area | None) -> tuple[bool, bool, str]:
    """The benchmark order: none first (an assessment without one), then a country, then code."""
    if area is None:
        return (False, False, "")
    return (True, area.type != AreaType.COUNTRY, area.code)


def measure_benchmarks(*, measure: Measure) -> list[Area]:
    """The measure's benchmark areas, the national one (a country) first, then by code."""
    return sorted(measure.benchmark_areas.all(), key=_benchmark_order)


def measure_benchmark(*, measure: Measure) -> Area | None:
    """The primary benchmark: the one the trend chart, the comparison chart, the spine and the
    tiles' comparison use when a measure has several."""
    benchmarks = measure_benchmarks(measure=measure)
    return benchmarks[0] if benchmarks else None


def measure_comparators(*, measure: Measure) -> list[Area]:
    """The areas of the measure's comparator group that belong to its place, by code."""
    group = measure.comparator_group
    if group is None:
        return []
    return sorted(
        (a for a in group.areas.all() if a.place_id == measure.place_id), key=lambda a: a.code
    )


# --------------------------------------------------------------------------- data points


def datapoint_series(
    *,
    measure: Measure,
    area: Area | None = None,
    area_type: str | None = None,
    breakdown: str = "none",
    category: str | None = None,
    parent: Area | None = None,
) -> QuerySet[DataPoint]:
    """The measure's points in time order within each area and category (``area`` selected).

    Only areas of the measure's own place are read, whatever a point's area says; ``parent``
    keeps the areas within it (a local authority's wards, not every ward in the country).
    """
    queryset = DataPoint.objects.filter(
        measure=measure, breakdown=breakdown, area__place=measure.place_id
    ).select_related("area")
    if area is not None:
        queryset = queryset.filter(area=area)
    if area_type is not None:
        queryset = queryset.filter(area__type=area_type)
    if category is not None:
        queryset = queryset.filter(category=category)
    if parent is not None:
        queryset = queryset.filter(area__parent=parent)
    return queryset.order_by("area__code", "category", "year", "period")


def datapoint_list(
    *,
    measure: Measure,
    area: Area | None = None,
    breakdown: str | None = None,
    year_from: float | None = None,
    year_to: float | None = None,
) -> QuerySet[DataPoint]:
    """Every point of the measure (any breakdown unless ``breakdown``), optionally of one
    ``area`` and of periods whose year is within ``year_from``..``year_to``, in a stable order
    (area code, breakdown, category, year, period: the unique key), for paging in the database
    (the API's data route). Only areas of the measure's own place are read."""
    queryset = DataPoint.objects.filter(
        measure=measure, area__place=measure.place_id
    ).select_related("area")
    if area is not None:
        queryset = queryset.filter(area=area)
    if breakdown is not None:
        queryset = queryset.filter(breakdown=breakdown)
    if year_from is not None:
        queryset = queryset.filter(year__gte=year_from)
    if year_to is not None:
        queryset = queryset.filter(year__lte=year_to)
    return queryset.order_by("area__code", "breakdown", "category", "year", "period")


def measure_ids_with_data(*, measures: Sequence[Measure], area: Area) -> set[int]:
    """The ids of ``measures`` that have at least one point for ``area``.

    By the measures' ids and the area, the leading columns of the points' one index (measure,
    area, ...), so it stays an index lookup at the national scale's 10⁷ points."""
    return set(
        DataPoint.objects.filter(measure__in=[m.id for m in measures], area=area)
        .order_by()
        .values_list("measure_id", flat=True)
        .distinct()
    )


def datapoint_cross_section(
    *, periods: Mapping[Measure, str], areas: Iterable[Area], breakdown: str = "none"
) -> dict[int, list[DataPoint]]:
    """``{measure id: points}``: each measure's points of ``areas`` in its own period (empty
    values included), by area code. One query for all of them (a spine reads every row's
    comparators at once), so a measure may see an area it did not ask about: keep only yours.
    """
    wanted: dict[tuple[str, int], list[int]] = defaultdict(list)
    for measure, period in periods.items():
        wanted[(period, measure.place_id)].append(measure.id)
    found: dict[int, list[DataPoint]] = {m.id: [] for m in periods}
    by_id = {a.id: a for a in areas}
    which = Q()
    for (period, place_id), ids in wanted.items():
        own = [a.id for a in by_id.values() if a.place_id == place_id]
        if own:
            which |= Q(measure__in=ids, period=period, area_id__in=own)
    if not which:
        return found
    # The areas are given, so no join: with a join on the area table the planner may loop over
    # every area of the place (5,000 at national scale: 2 s) instead of using the points' key.
    points = sorted(
        DataPoint.objects.filter(which, breakdown=breakdown),
        key=lambda p: (by_id[p.area_id].code, p.category),
    )
    for point in points:
        point.area = by_id[point.area_id]
        found[point.measure_id].append(point)
    return found


def datapoint_latest(*, measures: Sequence[Measure]) -> dict[int, DataPoint]:
    """``{measure id: point}``: each measure's latest headline point that has a value, for its
    home area (:func:`measure_home_area`). One query for all of them.

    "Latest" is the greatest (year, period); a measure with no home area or no value is absent.
    """
    homes = {m.id: home.id for m in measures if (home := measure_home_area(m)) is not None}
    if not homes:
        return {}
    latest: dict[int, DataPoint] = {}
    points = DataPoint.objects.filter(
        measure__in=list(homes),
        area_id__in=set(homes.values()),
        breakdown="none",
        value__isnull=False,
    ).order_by("year", "period")
    for point in points:
        if homes[point.measure_id] == point.area_id:
            latest[point.measure_id] = point
    return latest


# --------------------------------------------------------------------------- assessments

_KIND_ORDER = {kind.value: position for position, kind in enumerate(AssessmentKind)}


def assessment_list(*, measures: Sequence[Measure]) -> dict[int, list[Assessment]]:
    """``{measure id: [assessment]}``: the stored assessments each measure's pages show.

    Those of its home area (every area's, for a measure with none): the headline ones
    (breakdown ``none``: comparison, trend, progress, trajectory) and the inequality ones (by
    deprivation or across wards). In page order: by kind as ``AssessmentKind`` lists them,
    then by benchmark order, so the first comparison is against the primary benchmark.
    """
    if not measures:
        return {}
    by_home: dict[int | None, list[int]] = defaultdict(list)
    for measure in measures:
        home = measure_home_area(measure)
        by_home[home.id if home is not None else None].append(measure.id)
    whose = Q()
    for home_id, ids in by_home.items():
        whose |= Q(measure__in=ids, area=home_id) if home_id else Q(measure__in=ids)
    rows = (
        Assessment.objects.filter(whose)
        .filter(Q(breakdown="none") | Q(kind=AssessmentKind.INEQUALITY))
        .select_related("area", "benchmark")
        .order_by("area__code", "kind", "breakdown", "category")
    )
    found: dict[int, list[Assessment]] = {m.id: [] for m in measures}
    by_id = {m.id: m for m in measures}
    for row in sorted(
        rows,
        key=lambda a: (_KIND_ORDER.get(a.kind, len(_KIND_ORDER)), _benchmark_order(a.benchmark)),
    ):
        row.measure = by_id[row.measure_id]  # loaded already: its targets decide honesty
        found[row.measure_id].append(row)
    return found


# --------------------------------------------------------------------------- imports


def import_batch_list(*, place: Place) -> QuerySet[ImportBatch]:
    """The place's imports, newest first (slice it for the most recent few)."""
    return (
        ImportBatch.objects.filter(place=place)
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


def import_batch_detail(*, place: Place, batch_id: int) -> ImportBatch:
    """The place's import ``batch_id`` (raises ``ImportBatch.DoesNotExist`` for another's)."""
    return import_batch_list(place=place).get(id=batch_id)


#: The columns of a measure's import template, in the tidy import format: the key columns (with
#: each area's name beside its code, ignored on import) and the numbers first (what an officer
#: fills in), then the optional ones.
TEMPLATE_COLUMNS = (
    *REQUIRED_COLUMNS[:2],  # measure, area
    "area_name",
    *REQUIRED_COLUMNS[2:],  # period
    *NUMBER_COLUMNS,
    *(c for c in OPTIONAL_COLUMNS if c not in NUMBER_COLUMNS),
)
#: The data point fields the template's other columns are read from.
_TEMPLATE_FIELDS = tuple(c for c in TEMPLATE_COLUMNS if c not in ("measure", "area", "area_name"))


def _template_areas(measure: Measure) -> dict[str, str]:
    """``{code: name}`` of the areas a measure is shown for: its own, its benchmarks, its
    comparators, in that order."""
    areas = [
        measure_home_area(measure),
        *measure_benchmarks(measure=measure),
        *measure_comparators(measure=measure),
    ]
    return {a.code: a.name for a in areas if a is not None}


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
            .values("area__code", "area__name", *_TEMPLATE_FIELDS)
        )
    if rows:
        frame = pd.DataFrame(rows).rename(columns={"area__code": "area", "area__name": "area_name"})
        frame["illustrative"] = frame["illustrative"].map({True: "yes", False: ""})
    else:
        areas = _template_areas(measure) or {"": ""}
        frame = pd.DataFrame(
            {"area": list(areas), "area_name": list(areas.values()), "breakdown": "none"}
        )
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


# --------------------------------------------------------------------------- history (issue 13)


@dataclass(frozen=True)
class AssessmentChange:
    """One change of a measure's status, in words (``selectors.assessment_changes``).

    ``words`` is the sentence a reader sees ("Adults who smoke: moved from on course for the
    2030 target to behind the path to the 2030 target, because the 2023 value is 13.5%
    (provisional)."); ``first`` is a series assessed for the first time; ``illustrative`` is
    the one honesty rule's verdict on the result (:mod:`onefuture.measures.honesty`).
    """

    measure_key: str
    measure_title: str
    kind: str
    area: str
    benchmark: str
    when: datetime.datetime
    period: str
    previous_label: str
    label: str
    previous_text: str
    text: str
    words: str
    cause: str
    batch_filename: str
    first: bool
    illustrative: bool


def _records(*, measures: Sequence[Measure], since: Any = None) -> list[AssessmentRecord]:
    """The history records of the measures' home-area headline and inequality results."""
    whose = Q()
    for measure in measures:
        home = measure_home_area(measure)
        whose |= Q(measure=measure.id, area=home.id) if home else Q(measure=measure.id)
    if not measures:
        return []
    rows = AssessmentRecord.objects.filter(whose).filter(
        Q(breakdown="none") | Q(kind=AssessmentKind.INEQUALITY)
    )
    if since is not None:
        rows = rows.filter(computed_at__gte=since)
    by_id = {m.id: m for m in measures}
    found = list(rows.select_related("area", "benchmark", "batch").order_by("computed_at", "id"))
    for row in found:
        row.measure = by_id[row.measure_id]
    return found


def assessment_history(*, measure: Measure) -> list[AssessmentRecord]:
    """The measure's status history, oldest first: every result of its home area's headline
    and inequality assessments that was new or changed, with when, why and its numbers."""
    return _records(measures=[measure])


def _value_used(record: AssessmentRecord) -> float | None:
    numbers = record.numbers or {}
    for name in ("latest_value", "value"):
        if numbers.get(name) is not None:
            return float(numbers[name])
    return None


def assessment_changes(
    *, place: Place, since: Any = None, measures: Sequence[Measure] | None = None
) -> list[AssessmentChange]:
    """What changed in the place's measures' statuses since ``since`` (a date or datetime;
    None: ever), oldest first, each in words, for /progress/, the measure page and reports.

    A change is a result whose label differs from the one it replaced, or a series assessed
    for the first time (``first``). Reads the history once, and the data points the results
    were computed from once (for the notes, such as "provisional", shown beside the value).
    """
    from onefuture.measures import honesty, plain

    if isinstance(since, datetime.date) and not isinstance(since, datetime.datetime):
        since = datetime.datetime.combine(since, datetime.time.min, tzinfo=datetime.UTC)
    chosen = list(measures) if measures is not None else list(measure_list(place=place))
    records = [r for r in _records(measures=chosen, since=since) if r.label != r.previous_label]
    wanted = Q()
    for r in records:
        wanted |= Q(measure=r.measure_id, area=r.area_id, period=r.period, breakdown=r.breakdown)
    notes: dict[tuple, str] = {}
    if records:
        for m, a, p, b, text in DataPoint.objects.filter(wanted).values_list(
            "measure_id", "area_id", "period", "breakdown", "notes"
        ):
            notes[(m, a, p, b)] = text
    changes = []
    for r in records:
        measure = r.measure
        changes.append(
            AssessmentChange(
                measure_key=measure.key,
                measure_title=measure.title,
                kind=r.kind,
                area=r.area.name,
                benchmark=r.benchmark.name if r.benchmark else "",
                when=r.computed_at,
                period=r.period,
                previous_label=r.previous_label,
                label=r.label,
                previous_text=r.previous_text,
                text=r.text,
                words=plain.change_words(
                    title=measure.title,
                    previous_text=r.previous_text,
                    text=r.text,
                    period=r.period,
                    value=_value_used(r),
                    unit=measure.unit,
                    decimals=measure.decimal_places,
                    notes=notes.get((r.measure_id, r.area_id, r.period, r.breakdown), ""),
                    first=not r.previous_label,
                ),
                cause=r.cause,
                batch_filename=r.batch.filename if r.batch else "",
                first=not r.previous_label,
                illustrative=honesty.assessment_illustrative(r, measure),
            )
        )
    return changes


def commentary_latest(*, measure: Measure) -> Commentary | None:
    """The officer's commentary on the measure's latest period commented on: the newest row of
    that period (earlier rows are its history)."""
    rows = list(
        Commentary.objects.filter(measure=measure)
        .select_related("author")
        .order_by("-created_at", "-id")
    )
    if not rows:
        return None

    def year(c: Commentary) -> float:
        try:
            return period_parse(c.period).year
        except PeriodError:
            return float("-inf")

    latest_year = max(year(c) for c in rows)
    return next(c for c in rows if year(c) == latest_year)


def commentary_list(*, measure: Measure) -> list[Commentary]:
    """All commentary on the measure, newest first (the workspace shows its history)."""
    return list(
        Commentary.objects.filter(measure=measure)
        .select_related("author")
        .order_by("-created_at", "-id")
    )


def measure_data_facts(*, measure: Measure) -> tuple[Any, int]:
    """When the measure's data were last updated (the newest import that wrote its points, or
    the newest point change) and how many annual headline points its home area has."""
    from django.db.models import Max

    home = measure_home_area(measure)
    points = DataPoint.objects.filter(measure=measure)
    last = points.aggregate(when=Max("batch__finished_at"))["when"]
    if last is None:
        last = DataPoint.history.filter(measure_id=measure.id).aggregate(when=Max("history_date"))[
            "when"
        ]
    annual = 0
    if home is not None:
        annual = points.filter(area=home, breakdown="none", span=1, value__isnull=False).count()
    return last, annual


# --------------------------------------------------------------------------- open data

#: The stable order of the published data points: the measures' order, then the unique key.
_PUBLISHED_ORDER = (
    "measure__order",
    "measure__key",
    "area__code",
    "breakdown",
    "category",
    "year",
    "period",
)


def datapoint_published(*, place: Place) -> Iterable[DataPoint]:
    """Every data point of the place's measures, streamed in a stable order: the measures'
    order, then area code, breakdown, category, year and period (open data's measure data).
    Only areas of the place are read; each point has its ``measure`` and ``area`` loaded."""
    return (
        DataPoint.objects.filter(measure__place=place, area__place=place)
        .select_related("measure", "area")
        .order_by(*_PUBLISHED_ORDER)
        .iterator(chunk_size=5000)
    )


def measures_changed_latest(*, place: Place) -> datetime.datetime | None:
    """When a measure's definition or targets last changed (open data's "last updated")."""
    from django.db.models import Max

    latest = Max("history_date")
    found = [
        Measure.history.filter(place=place).aggregate(latest=latest)["latest"],
        Target.history.filter(measure__place=place).aggregate(latest=latest)["latest"],
    ]
    return max((f for f in found if f is not None), default=None)


def measure_data_changed_latest(*, place: Place) -> datetime.datetime | None:
    """When the newest import that wrote the place's data finished."""
    from django.db.models import Max

    from onefuture.measures.models import ImportStatus

    return ImportBatch.objects.filter(
        place=place, status=ImportStatus.SUCCEEDED, dry_run=False
    ).aggregate(latest=Max("finished_at"))["latest"]


def assessments_computed_latest(*, place: Place) -> datetime.datetime | None:
    """When the place's measures were last assessed."""
    from django.db.models import Max

    return Measure.objects.filter(place=place).aggregate(latest=Max("assessed_at"))["latest"]
