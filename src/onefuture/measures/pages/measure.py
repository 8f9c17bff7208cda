"""The measure page: a plain summary, the officer's commentary, the latest value (how fresh),
each assessment with its rule (and why one could not be calculated), the status history and the
charts."""

from __future__ import annotations

from dataclasses import dataclass

from onefuture.measures import honesty, plain, selectors
from onefuture.measures.models import Assessment, AssessmentKind
from onefuture.measures.pages.basics import (
    AssessmentView,
    MeasurePage,
    _baseline,
    _targets,
    _value,
)
from onefuture.measures.pages.charts import measure_charts
from onefuture.measures.pages.status import Status, assessment_status
from onefuture.places.models import Place

_KINDS = {k.value for k in AssessmentKind}


@dataclass(frozen=True)
class HistoryRow:
    """One kept result on the measure page's status history."""

    when: object
    heading: str
    status: Status
    previous: str
    period: str
    cause: str


def _history_rows(records: list) -> list[HistoryRow]:
    rows = []
    for r in reversed(records):  # newest first
        heading = AssessmentKind(r.kind).label if r.kind in _KINDS else r.kind
        if r.benchmark is not None:
            heading = f"{heading}: {r.benchmark.name}"
        rows.append(
            HistoryRow(
                when=r.computed_at,
                heading=heading,
                status=assessment_status(r),
                previous=r.previous_text,
                period=r.period,
                cause=r.cause,
            )
        )
    return rows


def _assessment_view(a: Assessment, annual_points: int | None = None) -> AssessmentView:
    heading = AssessmentKind(a.kind).label if a.kind in _KINDS else a.kind
    if a.benchmark is not None:
        heading = f"{heading}: {a.benchmark.name}"
    return AssessmentView(
        kind=a.kind,
        heading=heading,
        status=assessment_status(a),
        rule=a.rule,
        method=a.method,
        period=a.period,
        benchmark=a.benchmark.name if a.benchmark else "",
        why_not=plain.why_not(a, annual_points=annual_points),
    )


def measure_page(*, place: Place, key: str) -> MeasurePage:
    """Everything the measure page shows (raises Measure.DoesNotExist for an unknown key)."""
    measure = selectors.measure_detail(place=place, key=key)
    home = selectors.measure_home_area(measure)
    latest_point = selectors.datapoint_latest(measures=[measure]).get(measure.id)
    charts = measure_charts(measure=measure)
    stored = selectors.assessment_list(measures=[measure])[measure.id]
    last_updated, annual = selectors.measure_data_facts(measure=measure)
    assessments = [_assessment_view(a, annual) for a in stored]
    latest = _value(measure, latest_point) if latest_point else None
    return MeasurePage(
        measure=measure,
        home_area=home,
        latest=latest,
        baseline=_baseline(measure),
        targets=_targets(measure),
        charts=charts,
        assessments=assessments,
        big_things=list(measure.big_things.all()),
        illustrative=honesty.measure_illustrative(measure)
        or bool(latest_point and honesty.datapoint_illustrative(latest_point, measure)),
        some_illustrative=honesty.measure_illustrative(measure)
        or honesty.any_target_illustrative(measure)
        or honesty.baseline_illustrative(measure)
        or any(c.illustrative for c in charts)
        or any(a.status.illustrative for a in assessments),
        summary=plain.summary(
            measure=measure,
            home_name=home.name if home else "",
            latest=latest,
            assessments=stored,
            annual_points=annual,
        ),
        commentary=selectors.commentary_latest(measure=measure),
        history=_history_rows(selectors.assessment_history(measure=measure)),
        assessed_at=measure.assessed_at,
        freshness=plain.freshness(
            frequency=measure.frequency,
            last_updated=last_updated,
            latest_period=latest_point.period if latest_point else None,
        ),
    )
