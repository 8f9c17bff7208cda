"""The big thing page's measure tiles and the progress overview: statuses in words."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from onefuture.framework.models import BigThing
from onefuture.measures.models import (
    Assessment,
    AssessmentKind,
    DataPoint,
    Measure,
)
from onefuture.measures.pages.basics import (
    ProgressSection,
    SummaryRow,
    _baseline,
    _targets,
    _value,
)
from onefuture.measures.pages.status import NOT_ASSESSED, Status, assessment_status
from onefuture.measures.selectors import measure_home_area
from onefuture.places.models import AreaType, Place


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
        return assessment_status(found) if found else NOT_ASSESSED

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
