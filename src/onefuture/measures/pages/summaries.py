"""The big thing page's measure tiles and the progress overview: statuses in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from onefuture.charts import Chart
from onefuture.framework.models import BigThing
from onefuture.framework.selectors import big_thing_list
from onefuture.measures import honesty, selectors
from onefuture.measures.models import Assessment, AssessmentKind, DataPoint, Measure
from onefuture.measures.pages.basics import (
    ProgressSection,
    SummaryRow,
    _baseline,
    _targets,
    _value,
)
from onefuture.measures.pages.spine import spine_of
from onefuture.measures.pages.status import NOT_ASSESSED, Status, assessment_status
from onefuture.places.models import Place

if TYPE_CHECKING:
    from onefuture.web.place_urls import PlaceSite


@dataclass(frozen=True)
class BigThingMeasures:
    """What the big thing page shows of its measures: a tile each, and the spine chart."""

    rows: list[SummaryRow]
    spine: Chart | None


def _summary_rows(
    measures: Sequence[Measure],
    latest: dict[int, DataPoint],
    assessments: dict[int, list[Assessment]],
) -> list[SummaryRow]:
    """One row per measure with its latest value and each headline assessment's status.

    ``assessments`` come in page order (``selectors.assessment_list``), so the first of a kind
    is the one shown: for a comparison, the one against the primary benchmark.
    """
    rows = []
    for m in measures:
        shown: dict[str, Assessment] = {}
        for a in assessments.get(m.id, []):
            if a.breakdown == "none":
                shown.setdefault(a.kind, a)

        def status(kind: str, shown: dict[str, Assessment] = shown) -> Status:
            found = shown.get(kind)
            return assessment_status(found) if found else NOT_ASSESSED

        targets = _targets(m)
        comparison = shown.get(AssessmentKind.COMPARISON)
        point = latest.get(m.id)
        rows.append(
            SummaryRow(
                measure=m,
                latest=_value(m, point) if point else None,
                baseline=_baseline(m),
                target=targets[-1] if targets else None,
                comparison=status(AssessmentKind.COMPARISON),
                trend=status(AssessmentKind.TREND),
                progress=status(AssessmentKind.PROGRESS),
                trajectory=status(AssessmentKind.TRAJECTORY),
                benchmark=comparison.benchmark.name
                if comparison is not None and comparison.benchmark
                else "",
                illustrative=honesty.measure_illustrative(m)
                or bool(point and honesty.datapoint_illustrative(point, m)),
            )
        )
    return rows


def big_thing_measures(*, place: Place, big_thing: BigThing) -> BigThingMeasures:
    """The big thing's measures as tiles with status words, and their spine chart.

    The tiles and the spine share one read of the measures, their latest values and their
    assessments (a fixed number of queries however many measures the big thing has).
    """
    if big_thing.place_id != place.id:
        return BigThingMeasures(rows=[], spine=None)
    measures = list(selectors.measure_list(place=place, big_thing=big_thing, comparisons=True))
    latest = selectors.datapoint_latest(measures=measures)
    assessments = selectors.assessment_list(measures=measures)
    return BigThingMeasures(
        rows=_summary_rows(measures, latest, assessments),
        spine=spine_of(big_thing, measures, latest, assessments),
    )


def big_thing_panel_context(site: PlaceSite, big_thing: BigThing) -> dict[str, Any]:
    """The context of ``measures/includes/big_thing_summary.html`` on the big thing's page.

    A plain function of the page's site and object, as a web panel's ``context`` is.
    """
    shown = big_thing_measures(place=site.place, big_thing=big_thing)
    return {"rows": shown.rows, "spine": shown.spine, "big_thing": big_thing}


def progress_overview(*, place: Place) -> list[ProgressSection]:
    """Every big thing with its measures' baseline, latest, target and statuses."""
    measures = list(selectors.measure_list(place=place))
    rows = {
        row.measure.id: row
        for row in _summary_rows(
            measures,
            selectors.datapoint_latest(measures=measures),
            selectors.assessment_list(measures=measures),
        )
    }
    sections = []
    for big_thing in big_thing_list(place=place):
        members = [m for m in measures if big_thing in m.big_things.all()]
        sections.append(ProgressSection(big_thing, [rows[m.id] for m in members]))
    return sections
