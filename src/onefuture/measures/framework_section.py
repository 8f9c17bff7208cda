"""The ``measures:`` section of the framework file: success-measure definitions in YAML.

Registered from :class:`~onefuture.measures.apps.MeasuresConfig` with F1's section registry
(``onefuture.framework.fileformat``). Each entry::

    - id: physically-inactive-adults          # the measure's stable key (data files use it)
      title: Physically inactive adults
      definition: Adults doing less than 30 minutes of moderate activity a week.
      big_things: [best-health-and-care]
      ambitions: [fairness-and-inclusion]
      value_type: proportion                  # proportion, rate, count, mean, dsr, ratio, ...
      unit: "%"
      multiplier: 100
      polarity: low_is_good                   # high_is_good, low_is_good, no_judgement
      source: OHID Fingertips, indicator 93015
      licence: Open Government Licence v3.0
      frequency: annual
      home_area: E08000007
      benchmark_areas: [E92000001]
      comparator_group: cipfa-nearest-neighbours
      baseline: {period: 2018/19, value: 21.4}
      targets:
        - {period: "2030", value: 19}
        - {period: "2040", value: 16, horizon: true}
      target_path: linear                     # or constant_growth
      assessments: [comparison, trend, progress, trajectory, inequality]
      fingertips_indicator: 93015
      illustrative: false

Measures share the framework's id namespace, so links may point at them. Like every section, it
replaces what the place had: a measure left out of the file is deleted, with its data.
"""

from __future__ import annotations

from typing import Any

from onefuture.framework.fileformat import (
    ITEMS,
    CheckContext,
    LoadContext,
    Section,
    as_list,
)
from onefuture.framework.fileformat.parts import AREA_CODE, ID, OPTIONAL_TEXT, TEXT, put
from onefuture.measures.models import (
    ALL_ASSESSMENTS,
    Measure,
    Polarity,
    TargetPath,
    ValueType,
)
from onefuture.measures.periods import PeriodError, period_parse
from onefuture.places.models import Place

_PERIOD = {"type": ["string", "integer"]}
_NUMBER = {"type": "number"}

_ENTRY = {
    "type": "object",
    "required": ["id", "title", "definition", "value_type", "polarity"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "title": TEXT,
        "definition": TEXT,
        "big_things": {"type": "array", "items": ID, "uniqueItems": True},
        "ambitions": {"type": "array", "items": ID, "uniqueItems": True},
        "value_type": {"enum": list(ValueType.values)},
        "unit": OPTIONAL_TEXT,
        "multiplier": {"type": "number", "exclusiveMinimum": 0},
        "decimal_places": {"type": "integer", "minimum": 0, "maximum": 6},
        "polarity": {"enum": list(Polarity.values)},
        "source": OPTIONAL_TEXT,
        "source_url": OPTIONAL_TEXT,
        "licence": OPTIONAL_TEXT,
        "attribution": OPTIONAL_TEXT,
        "frequency": OPTIONAL_TEXT,
        "home_area": AREA_CODE,
        "benchmark_areas": {"type": "array", "items": AREA_CODE, "uniqueItems": True},
        "comparator_group": ID,
        "baseline": {
            "type": "object",
            "required": ["period"],
            "additionalProperties": False,
            "properties": {
                "period": _PERIOD,
                "value": _NUMBER,
                "illustrative": {"type": "boolean"},
            },
        },
        "targets": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["period", "value"],
                "additionalProperties": False,
                "properties": {
                    "period": _PERIOD,
                    "value": _NUMBER,
                    "horizon": {"type": "boolean"},
                    "notes": OPTIONAL_TEXT,
                    "illustrative": {"type": "boolean"},
                },
            },
        },
        "target_path": {"enum": list(TargetPath.values)},
        "assessments": {
            "type": "array",
            "items": {"enum": ALL_ASSESSMENTS},
            "uniqueItems": True,
        },
        "fingertips_indicator": {"type": "integer", "minimum": 1},
        "illustrative": {"type": "boolean"},
    },
}


def _declare(ctx: CheckContext, value: Any) -> None:
    for i, measure in as_list(value):
        ctx.declare(ITEMS, measure.get("id"), "measure", ("measures", i, "id"))


def _check(ctx: CheckContext, value: Any) -> None:
    for i, measure in as_list(value):
        for j, key in enumerate(measure.get("big_things") or []):
            ctx.require(ITEMS, key, ("measures", i, "big_things", j), kinds=("big_thing",))
        for j, key in enumerate(measure.get("ambitions") or []):
            ctx.require(
                ITEMS, key, ("measures", i, "ambitions", j), kinds=("cross_cutting_ambition",)
            )
        ctx.require(
            "area", measure.get("home_area"), ("measures", i, "home_area"), what="area code"
        )
        for j, code in enumerate(measure.get("benchmark_areas") or []):
            ctx.require("area", code, ("measures", i, "benchmark_areas", j), what="area code")
        ctx.require(
            "comparator group",
            measure.get("comparator_group"),
            ("measures", i, "comparator_group"),
            what="comparator group",
        )
        baseline = measure.get("baseline")
        periods = (
            [(("measures", i, "baseline", "period"), baseline.get("period"))]
            if isinstance(baseline, dict)
            else []
        )
        periods += [
            (("measures", i, "targets", j, "period"), target.get("period"))
            for j, target in as_list(measure.get("targets"))
        ]
        for path, period in periods:
            if period is None:
                continue
            try:
                period_parse(str(period))
            except PeriodError as error:
                ctx.error(path, str(error))


def _load(ctx: LoadContext, value: Any) -> None:
    """Write every entry through :func:`~onefuture.measures.services.measures_upsert` (the one
    write path for measure definitions), then delete the measures the file no longer has."""
    from onefuture.measures.services import MeasureDefinition, measures_upsert

    definitions = []
    for order, item in enumerate(value or [], start=1):
        baseline = item.get("baseline") or {}
        definitions.append(
            MeasureDefinition(
                key=item["id"],
                order=order,
                title=item["title"],
                definition=item["definition"],
                value_type=item["value_type"],
                unit=item.get("unit", ""),
                multiplier=float(item.get("multiplier", 1)),
                decimal_places=item.get("decimal_places", 1),
                polarity=item["polarity"],
                source=item.get("source", ""),
                source_url=item.get("source_url", ""),
                licence=item.get("licence", ""),
                attribution=item.get("attribution", ""),
                frequency=item.get("frequency", ""),
                baseline_period=str(baseline.get("period", "")),
                baseline_value=baseline.get("value"),
                baseline_illustrative=baseline.get("illustrative"),
                target_path=item.get("target_path", TargetPath.LINEAR),
                home_area=item.get("home_area"),
                comparator_group=item.get("comparator_group"),
                assessments=list(item.get("assessments", ALL_ASSESSMENTS)),
                fingertips_indicator=item.get("fingertips_indicator"),
                # Omitted: the stored flag is kept (unticking is an explicit ``false``).
                illustrative=item.get("illustrative"),
                big_things=item.get("big_things", []),
                ambitions=item.get("ambitions", []),
                benchmark_areas=item.get("benchmark_areas", []),
                targets=item.get("targets", []),
            )
        )
    measures = measures_upsert(
        place=ctx.place, definitions=definitions, reason=ctx.reason, changes=ctx.counts
    )
    for measure in measures:
        ctx.remember(measure)
    ctx.delete_rest(Measure.objects.filter(place=ctx.place), [m.pk for m in measures])


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _dump(place: Place) -> list[dict[str, Any]]:
    out = []
    measures = (
        Measure.objects.filter(place=place)
        .select_related("home_area", "comparator_group")
        .prefetch_related("big_things", "ambitions", "benchmark_areas", "targets")
        .order_by("order", "key")
    )
    for m in measures:
        row: dict[str, Any] = {"id": m.key, "title": m.title, "definition": m.definition}
        put(row, "big_things", [b.key for b in m.big_things.order_by("order", "key")], [])
        put(row, "ambitions", [a.key for a in m.ambitions.order_by("order", "key")], [])
        row["value_type"] = m.value_type
        put(row, "unit", m.unit)
        put(row, "multiplier", _number(m.multiplier), 1)
        put(row, "decimal_places", m.decimal_places, 1)
        row["polarity"] = m.polarity
        for name in ("source", "source_url", "licence", "attribution", "frequency"):
            put(row, name, getattr(m, name))
        put(row, "home_area", m.home_area.code if m.home_area else None)
        put(row, "benchmark_areas", sorted(a.code for a in m.benchmark_areas.all()), [])
        put(row, "comparator_group", m.comparator_group.slug if m.comparator_group else None)
        if m.baseline_period:
            baseline: dict[str, Any] = {"period": m.baseline_period}
            put(
                baseline,
                "value",
                _number(m.baseline_value) if m.baseline_value is not None else None,
            )
            put(baseline, "illustrative", m.baseline_illustrative, False)
            row["baseline"] = baseline
        targets = []
        for t in sorted(m.targets.all(), key=lambda t: t.year):
            target: dict[str, Any] = {"period": t.period, "value": _number(t.value)}
            put(target, "horizon", t.is_horizon, False)
            put(target, "notes", t.notes)
            put(target, "illustrative", t.illustrative, False)
            targets.append(target)
        put(row, "targets", targets, [])
        put(row, "target_path", m.target_path, TargetPath.LINEAR)
        put(row, "assessments", list(m.assessments_applied), list(ALL_ASSESSMENTS))
        put(row, "fingertips_indicator", m.fingertips_indicator)
        put(row, "illustrative", m.illustrative, False)
        out.append(row)
    return out


MEASURES = Section(
    name="measures",
    order=80,
    schema={"type": "array", "items": _ENTRY},
    declare=_declare,
    check=_check,
    load=_load,
    dump=_dump,
    description="Success measures: definition, value type, polarity, source, baseline, targets "
    "and the path between them, benchmarks and which assessments apply (see docs/data-format.md).",
)
