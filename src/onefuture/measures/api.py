"""The success measures' routes of the JSON API (``/api/v1/…``; registered in ``apps.py``).

``GET /measures/``               the measures in the framework's order, each with its latest
                                 value, baseline, targets and headline verdicts (a page);
                                 ``?big_thing=``, ``?ambition=``, ``?area=<code>`` (has data for
                                 it), ``?assessment=<kind>`` and ``?verdict=<label>`` (its
                                 headline result of that kind, or of any kind, is that label)
``GET /measures/{key}/``         one measure: definition, source and licence, benchmarks, and
                                 every assessment its page shows, in words and as a verdict,
                                 with its method and rule
``GET /measures/{key}/data/``    its data points (``?area=<code>``, ``?breakdown=``,
                                 ``?period_from=`` and ``?period_to=`` by the year each period
                                 counts as; a page, paged in the database)

Everything a measure's public page shows is published: the measure, its targets, data and
assessments; each number and verdict carries ``illustrative`` by the one rule
(:mod:`onefuture.measures.honesty`). Never who imported the data or wrote the commentary. Reads
go through :mod:`onefuture.measures.selectors`; the words through
:mod:`onefuture.measures.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from onefuture.api.main import api_place
from onefuture.api.paging import ERRORS, ListQuery, PlaceQuery, page_of, page_schema
from onefuture.core.errors import ApplicationError, ErrorDetail, NotFound
from onefuture.framework.selectors import ambition_list, big_thing_list
from onefuture.measures import honesty, selectors, vocabulary
from onefuture.measures.models import Assessment, AssessmentKind, DataPoint, Measure, Polarity
from onefuture.measures.periods import PeriodError, period_parse
from onefuture.places.models import Area
from onefuture.places.selectors import area_get

#: Every verdict (machine label) an assessment of each kind may have, from the vocabulary.
VERDICTS: dict[str, list[str]] = {
    kind: sorted({key[0] if isinstance(key, tuple) else key for key in table})
    for kind, table in vocabulary.VOCABULARY.items()
}


class AreaOut(Schema):
    code: str
    name: str
    type: str


class ValueOut(Schema):
    period: str
    value: float | None
    illustrative: bool


class LatestOut(ValueOut):
    lower: float | None
    upper: float | None


class TargetOut(ValueOut):
    is_horizon: bool


class VerdictOut(Schema):
    """One assessment result: the verdict (a machine label) and its words."""

    kind: AssessmentKind
    kind_label: str
    #: The machine label, e.g. ``better``, ``significant_progress``, ``on_or_ahead``.
    verdict: str
    #: Short words for a tag, e.g. "Better".
    status: str
    #: The sentence, e.g. "Better than England".
    text: str
    #: The tag colour the site shows it in (never its only signal).
    colour: str
    period: str
    area: str
    benchmark: str | None
    breakdown: str
    category: str
    illustrative: bool


class AssessmentOut(VerdictOut):
    method: str
    rule: str
    computed_at: str


class MeasureOut(Schema):
    key: str
    title: str
    definition: str
    value_type: str
    unit: str
    decimal_places: int
    polarity: Polarity
    polarity_words: str
    big_things: list[str]
    ambitions: list[str]
    home_area: AreaOut | None
    latest: LatestOut | None
    baseline: ValueOut | None
    targets: list[TargetOut]
    #: The headline verdicts (one per kind, for its home area against its primary benchmark).
    headline: list[VerdictOut]
    source: str
    source_url: str
    licence: str
    attribution: str
    frequency: str
    illustrative: bool


class MeasureDetailOut(MeasureOut):
    benchmarks: list[AreaOut]
    comparators: list[AreaOut]
    #: Every assessment the measure's page shows (headline and inequality), in page order.
    assessments: list[AssessmentOut]


class DataPointOut(Schema):
    area: str
    area_name: str
    period: str
    period_kind: str
    year: float
    breakdown: str
    category: str
    value: float | None
    lower: float | None
    upper: float | None
    numerator: float | None
    denominator: float | None
    notes: str
    source: str
    illustrative: bool


class MeasureQuery(ListQuery):
    big_thing: str | None = Field(None, description="Only the measures of this big thing (key).")
    ambition: str | None = Field(None, description="Only the measures of this ambition (key).")
    area: str | None = Field(None, description="Only the measures with data for this area code.")
    assessment: AssessmentKind | None = Field(
        None, description="With verdict: the kind of headline assessment to match."
    )
    verdict: str | None = Field(
        None,
        description="Only the measures whose headline assessment (of the kind given, else of "
        "any kind) has this verdict, e.g. 'worse' or 'on_or_ahead'.",
    )


class DataQuery(ListQuery):
    area: str | None = Field(None, description="Only this area's points (its code).")
    breakdown: str | None = Field(None, description="Only this breakdown ('none': headline).")
    period_from: str | None = Field(
        None, description="Periods from this one (by the year each counts as), e.g. 2015/16."
    )
    period_to: str | None = Field(None, description="Periods up to this one, e.g. 2023.")


def _area(area: Area | None) -> dict[str, Any] | None:
    if area is None:
        return None
    return {"code": area.code, "name": area.name, "type": area.type}


def _verdict(a: Assessment) -> dict[str, Any]:
    polarity = None
    if a.kind == AssessmentKind.TREND:
        polarity = (a.numbers or {}).get("polarity") or a.measure.polarity
    words = vocabulary.status_for(a.kind, a.label, polarity=polarity)
    shown = vocabulary.assessment_status(a)
    return {
        "kind": a.kind,
        "kind_label": a.get_kind_display(),
        "verdict": a.label,
        "status": words.text,
        "text": a.text,
        "colour": shown.colour,
        "period": a.period,
        "area": a.area.code,
        "benchmark": a.benchmark.code if a.benchmark_id else None,
        "breakdown": a.breakdown,
        "category": a.category,
        "illustrative": shown.illustrative,
    }


def _headline(assessments: Sequence[Assessment]) -> list[Assessment]:
    """The first of each kind for the headline series (page order: primary benchmark first)."""
    shown: dict[str, Assessment] = {}
    for a in assessments:
        if a.breakdown == "none":
            shown.setdefault(a.kind, a)
    return list(shown.values())


def _measure(
    m: Measure, latest: DataPoint | None, assessments: Sequence[Assessment]
) -> dict[str, Any]:
    baseline = None
    if m.baseline_value is not None:
        baseline = {
            "period": m.baseline_period,
            "value": m.baseline_value,
            "illustrative": honesty.baseline_illustrative(m),
        }
    return {
        "key": m.key,
        "title": m.title,
        "definition": m.definition,
        "value_type": m.value_type,
        "unit": m.unit,
        "decimal_places": m.decimal_places,
        "polarity": m.polarity,
        "polarity_words": vocabulary.polarity_words(m),
        "big_things": [b.key for b in m.big_things.all()],
        "ambitions": [a.key for a in m.ambitions.all()],
        "home_area": _area(selectors.measure_home_area(m)),
        "latest": None
        if latest is None
        else {
            "period": latest.period,
            "value": latest.value,
            "lower": latest.lower,
            "upper": latest.upper,
            "illustrative": honesty.datapoint_illustrative(latest, m),
        },
        "baseline": baseline,
        "targets": [
            {
                "period": t.period,
                "value": t.value,
                "is_horizon": t.is_horizon,
                "illustrative": honesty.target_illustrative(t, m),
            }
            for t in sorted(m.targets.all(), key=lambda t: t.year)
        ],
        "headline": [_verdict(a) for a in _headline(assessments)],
        "source": m.source,
        "source_url": m.source_url,
        "licence": m.licence,
        "attribution": m.attribution,
        "frequency": m.frequency,
        "illustrative": honesty.measure_illustrative(m),
    }


def _invalid(field: str, message: str) -> ApplicationError:
    return ApplicationError(
        "The request is not valid:", errors=[ErrorDetail(field=field, message=message)]
    )


def _area_of(place: Any, code: str) -> Area:
    try:
        return area_get(place=place, code=code)
    except Area.DoesNotExist:
        raise _invalid("area", f"There is no area with code '{code}' in {place}.") from None


def _year(field: str, text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return period_parse(text).year
    except PeriodError as error:
        raise _invalid(field, str(error)) from None


def _matches(headline: list[Assessment], kind: str | None, verdict: str) -> bool:
    return any(a.label == verdict and (kind is None or a.kind == kind) for a in headline)


def measures_router() -> Router:
    """A new router with the measures' routes (see the module)."""
    router = Router()

    @router.get(
        "/measures/", response={200: page_schema(MeasureOut), **ERRORS}, url_name="measures"
    )
    def measure_list(request: HttpRequest, query: Query[MeasureQuery]) -> dict[str, Any]:
        """The place's measures in the framework's order, filtered as the query says."""
        place = api_place(query.place)
        big_thing = None
        if query.big_thing:
            big_thing = next(
                (b for b in big_thing_list(place=place) if b.key == query.big_thing), None
            )
            if big_thing is None:
                raise _invalid("big_thing", f"There is no big thing '{query.big_thing}'.")
        if query.ambition and query.ambition not in {a.key for a in ambition_list(place=place)}:
            raise _invalid("ambition", f"There is no cross-cutting ambition '{query.ambition}'.")
        if query.verdict:
            allowed = (
                VERDICTS[query.assessment]
                if query.assessment
                else sorted({v for labels in VERDICTS.values() for v in labels})
            )
            if query.verdict not in allowed:
                raise _invalid(
                    "verdict",
                    f"'{query.verdict}' is not a verdict; use one of: {', '.join(allowed)}.",
                )
        measures = list(selectors.measure_list(place=place, big_thing=big_thing))
        if query.ambition:
            measures = [m for m in measures if query.ambition in {a.key for a in m.ambitions.all()}]
        if query.area:
            with_data = selectors.measure_ids_with_data(
                measures=measures, area=_area_of(place, query.area)
            )
            measures = [m for m in measures if m.id in with_data]
        assessments = selectors.assessment_list(measures=measures)
        if query.verdict:
            kind = query.assessment.value if query.assessment else None
            measures = [
                m
                for m in measures
                if _matches(_headline(assessments.get(m.id, [])), kind, query.verdict)
            ]
        page = page_of(measures, query)
        shown = page["items"]
        latest = selectors.datapoint_latest(measures=shown)
        page["items"] = [_measure(m, latest.get(m.id), assessments.get(m.id, [])) for m in shown]
        return page

    @router.get("/measures/{key}/", response={200: MeasureDetailOut, **ERRORS}, url_name="measure")
    def measure_detail(request: HttpRequest, key: str, query: Query[PlaceQuery]) -> dict[str, Any]:
        """One measure with every assessment its page shows, in words and as a verdict."""
        measure = _measure_get(api_place(query.place), key)
        assessments = selectors.assessment_list(measures=[measure]).get(measure.id, [])
        latest = selectors.datapoint_latest(measures=[measure]).get(measure.id)
        return {
            **_measure(measure, latest, assessments),
            "benchmarks": [_area(a) for a in selectors.measure_benchmarks(measure=measure)],
            "comparators": [_area(a) for a in selectors.measure_comparators(measure=measure)],
            "assessments": [
                {
                    **_verdict(a),
                    "method": a.method,
                    "rule": a.rule,
                    "computed_at": a.computed_at.isoformat(),
                }
                for a in assessments
            ],
        }

    @router.get(
        "/measures/{key}/data/",
        response={200: page_schema(DataPointOut), **ERRORS},
        url_name="measure_data",
    )
    def measure_data(request: HttpRequest, key: str, query: Query[DataQuery]) -> dict[str, Any]:
        """The measure's data points in a stable order (area, breakdown, category, period)."""
        place = api_place(query.place)
        measure = _measure_get(place, key)
        rows = selectors.datapoint_list(
            measure=measure,
            area=_area_of(place, query.area) if query.area else None,
            breakdown=query.breakdown or None,
            year_from=_year("period_from", query.period_from),
            year_to=_year("period_to", query.period_to),
        )
        return page_of(rows, query, lambda p: _point(p, measure))

    return router


def _measure_get(place: Any, key: str) -> Measure:
    try:
        return selectors.measure_detail(place=place, key=key)
    except Measure.DoesNotExist:
        raise NotFound(f"There is no measure '{key}'.") from None


def _point(p: DataPoint, measure: Measure) -> dict[str, Any]:
    return {
        "area": p.area.code,
        "area_name": p.area.name,
        "period": p.period,
        "period_kind": p.period_kind,
        "year": p.year,
        "breakdown": p.breakdown,
        "category": p.category,
        "value": p.value,
        "lower": p.lower,
        "upper": p.upper,
        "numerator": p.numerator,
        "denominator": p.denominator,
        "notes": p.notes,
        "source": p.source,
        "illustrative": honesty.datapoint_illustrative(p, measure),
    }
