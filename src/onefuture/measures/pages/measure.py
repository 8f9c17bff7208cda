"""The measure page: definition, latest value, charts and each assessment with its rule."""

from __future__ import annotations

from onefuture.measures import honesty, selectors
from onefuture.measures.models import Assessment, AssessmentKind
from onefuture.measures.pages.basics import (
    AssessmentView,
    MeasurePage,
    _baseline,
    _targets,
    _value,
)
from onefuture.measures.pages.charts import measure_charts
from onefuture.measures.pages.status import assessment_status
from onefuture.places.models import Place

_KINDS = {k.value for k in AssessmentKind}


def _assessment_view(a: Assessment) -> AssessmentView:
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
    )


def measure_page(*, place: Place, key: str) -> MeasurePage:
    """Everything the measure page shows (raises Measure.DoesNotExist for an unknown key)."""
    measure = selectors.measure_detail(place=place, key=key)
    home = selectors.measure_home_area(measure)
    latest_point = selectors.datapoint_latest(measures=[measure]).get(measure.id)
    charts = measure_charts(measure=measure)
    assessments = [
        _assessment_view(a) for a in selectors.assessment_list(measures=[measure])[measure.id]
    ]
    return MeasurePage(
        measure=measure,
        home_area=home,
        latest=_value(measure, latest_point) if latest_point else None,
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
    )
