"""The measure page: definition, latest value, charts and each assessment with its rule."""

from __future__ import annotations

from django.db.models import Q

from onefuture.measures.models import (
    Assessment,
    AssessmentKind,
    Measure,
)
from onefuture.measures.pages.basics import (
    AssessmentView,
    MeasurePage,
    _baseline,
    _series,
    _targets,
    _value,
    measure_get,
)
from onefuture.measures.pages.charts import _latest_point, measure_charts
from onefuture.measures.pages.status import assessment_status
from onefuture.measures.selectors import measure_home_area
from onefuture.places.models import Area, Place

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
                status=assessment_status(a),
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
    assessments = _assessment_views(measure, home)
    return MeasurePage(
        measure=measure,
        home_area=home,
        latest=_value(measure, latest_point) if latest_point else None,
        baseline=_baseline(measure),
        targets=_targets(measure),
        charts=charts,
        assessments=assessments,
        big_things=list(measure.big_things.order_by("order")),
        illustrative=measure.illustrative or bool(latest_point and latest_point.illustrative),
        some_illustrative=measure.illustrative
        or any(c.illustrative for c in charts)
        or any(a.status.illustrative for a in assessments),
    )
