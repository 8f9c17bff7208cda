"""The success measures' open data tables (registered from ``apps.py``; ADR 0040).

The measures' definitions, their data points (value, limits, period, area) and the stored
assessments in words, read through the same selectors as the pages and the API. Each measure
keeps its source's licence and attribution: the tables name every licence their rows are under
(the place's own for a measure that names none).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from onefuture.measures import selectors
from onefuture.opendata.registry import OpenField, OpenLicence, OpenSource, OpenTable
from onefuture.opendata.selectors import licence_from_words, place_licence

ILLUSTRATIVE = OpenField(
    "illustrative", "boolean", "True when this row is an illustrative example, not real."
)


def _keys(items: Any) -> str:
    return " ".join(item.key for item in items.all())


def _measures(place: Any) -> Iterator[dict[str, Any]]:
    for m in selectors.measure_list(place=place):
        horizon = next((t for t in m.targets.all() if t.is_horizon), None)
        yield {
            "key": m.key,
            "title": m.title,
            "definition": m.definition,
            "big_things": _keys(m.big_things),
            "ambitions": _keys(m.ambitions),
            "value_type": m.value_type,
            "value_type_label": m.get_value_type_display(),
            "unit": m.unit,
            "multiplier": m.multiplier,
            "decimal_places": m.decimal_places,
            "polarity": m.polarity,
            "polarity_label": m.get_polarity_display(),
            "frequency": m.frequency,
            "home_area": m.home_area.code if m.home_area_id else None,
            "baseline_period": m.baseline_period,
            "baseline_value": m.baseline_value,
            "baseline_illustrative": m.baseline_illustrative,
            "target_period": horizon.period if horizon else None,
            "target_value": horizon.value if horizon else None,
            "target_illustrative": horizon.illustrative if horizon else None,
            "source": m.source,
            "source_url": m.source_url,
            "licence": m.licence,
            "attribution": m.attribution,
            "illustrative": m.illustrative,
        }


def _data(place: Any) -> Iterator[dict[str, Any]]:
    for p in selectors.datapoint_published(place=place):
        m = p.measure
        yield {
            "measure": m.key,
            "area_code": p.area.code,
            "area_name": p.area.name,
            "area_type": p.area.type,
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
            "unit": m.unit,
            "source": p.source or m.source,
            "illustrative": p.illustrative or m.illustrative,
        }


def _assessments(place: Any) -> Iterator[dict[str, Any]]:
    measures = list(selectors.measure_list(place=place))
    found = selectors.assessment_list(measures=measures)
    for m in measures:
        for a in found.get(m.id, []):
            yield {
                "measure": m.key,
                "area_code": a.area.code,
                "kind": a.kind,
                "breakdown": a.breakdown,
                "category": a.category,
                "benchmark": a.benchmark.code if a.benchmark_id else None,
                "period": a.period,
                "label": a.label,
                "text": a.text,
                "method": a.method,
                "rule": a.rule,
                "computed_at": a.computed_at,
            }


def _licences(place: Any) -> list[OpenLicence]:
    """Each licence the measures name, once; the place's own for a measure naming none."""
    found: list[OpenLicence] = []
    for m in selectors.measure_list(place=place):
        licence = licence_from_words(m.licence, attribution=m.attribution)
        if licence is None:
            licence = place_licence(place=place).licence
        if all(
            (f.name, f.title, f.attribution) != (licence.name, licence.title, licence.attribution)
            for f in found
        ):
            found.append(licence)
    return found


def _sources(place: Any) -> list[OpenSource]:
    found: list[OpenSource] = []
    for m in selectors.measure_list(place=place):
        source = OpenSource(title=m.source, path=m.source_url)
        if m.source and source not in found:
            found.append(source)
    return found


TABLES = (
    OpenTable(
        name="measures",
        title="Success measures",
        description="What each success measure counts, its unit, whether higher or lower is "
        "better, its baseline and 2040 target, and where its data come from under which licence.",
        fields=(
            OpenField("key", "string", "The measure's id.", required=True),
            OpenField("title", "string", "The measure's name."),
            OpenField("definition", "string", "What is counted, in plain English."),
            OpenField("big_things", "string", "The ids of its big things, space-separated."),
            OpenField("ambitions", "string", "The ids of its cross-cutting ambitions."),
            OpenField("value_type", "string", "The kind of value (a code)."),
            OpenField("value_type_label", "string", "The kind of value in words."),
            OpenField("unit", "string", "The unit its values are in, e.g. '%', 'per 100,000'."),
            OpenField(
                "multiplier", "number", "100 for a percentage, 100000 for a rate per 100,000."
            ),
            OpenField("decimal_places", "integer", "Decimal places the site shows."),
            OpenField("polarity", "string", "Which direction is better (a code)."),
            OpenField("polarity_label", "string", "Which direction is better, in words."),
            OpenField("frequency", "string", "How often new data come, e.g. 'annual'."),
            OpenField("home_area", "string", "The code of the area its targets are for."),
            OpenField("baseline_period", "string", "The baseline's period."),
            OpenField("baseline_value", "number", "The baseline value.", unit_from="unit"),
            OpenField(
                "baseline_illustrative", "boolean", "True when the baseline is illustrative."
            ),
            OpenField("target_period", "string", "The horizon target's period."),
            OpenField("target_value", "number", "The horizon target.", unit_from="unit"),
            OpenField(
                "target_illustrative",
                "boolean",
                "True when the target is illustrative, not agreed.",
            ),
            OpenField("source", "string", "Where its data come from."),
            OpenField("source_url", "string", "The source's address."),
            OpenField("licence", "string", "The licence its data are under."),
            OpenField("attribution", "string", "The words the licence asks reusers to show."),
            ILLUSTRATIVE,
        ),
        rows=_measures,
        order=30,
        licences=_licences,
        sources=_sources,
        updated=lambda place: selectors.measures_changed_latest(place=place),
        primary_key=("key",),
    ),
    OpenTable(
        name="measure-data",
        title="Success measures' data",
        description="Every data point of every measure: the value with its lower and upper "
        "95% confidence limits where known, for an area, a period and a breakdown.",
        fields=(
            OpenField("measure", "string", "The measure's id (see measures).", required=True),
            OpenField("area_code", "string", "The area's official (ONS GSS) code.", required=True),
            OpenField("area_name", "string", "The area's name."),
            OpenField("area_type", "string", "country, region, local_authority, ward, ..."),
            OpenField(
                "period",
                "string",
                "The period, e.g. 2023, 2023/24, 2021-23, 2024-Q1.",
                required=True,
            ),
            OpenField("period_kind", "string", "The kind of period."),
            OpenField("year", "number", "The year the period counts as for trends."),
            OpenField("breakdown", "string", "The breakdown ('none', 'sex', 'deprivation', ...)."),
            OpenField("category", "string", "The category within the breakdown."),
            OpenField("value", "number", "The value.", unit_from="unit"),
            OpenField("lower", "number", "Lower 95% confidence limit.", unit_from="unit"),
            OpenField("upper", "number", "Upper 95% confidence limit.", unit_from="unit"),
            OpenField("numerator", "number", "The count the value is made from, if known."),
            OpenField("denominator", "number", "The population it is out of, if known."),
            OpenField("unit", "string", "The measure's unit."),
            OpenField("source", "string", "Where the point comes from."),
            ILLUSTRATIVE,
        ),
        rows=_data,
        order=40,
        licences=_licences,
        sources=_sources,
        updated=lambda place: selectors.measure_data_changed_latest(place=place),
        primary_key=("measure", "area_code", "period", "breakdown", "category"),
    ),
    OpenTable(
        name="assessments",
        title="Success measures' assessments",
        description="What the statistics say about each measure for the place's own area, "
        "in words, with the method and the rule used: comparison with benchmarks, trend, "
        "progress to target, inequality.",
        fields=(
            OpenField("measure", "string", "The measure's id.", required=True),
            OpenField("area_code", "string", "The code of the area assessed."),
            OpenField("kind", "string", "comparison, trend, progress, trajectory, inequality."),
            OpenField("breakdown", "string", "The breakdown assessed."),
            OpenField("category", "string", "The category assessed."),
            OpenField("benchmark", "string", "The code of the area compared with, if any."),
            OpenField("period", "string", "The latest period assessed."),
            OpenField("label", "string", "The result as a code, e.g. 'better'."),
            OpenField("text", "string", "The result in words, e.g. 'Better than England'."),
            OpenField("method", "string", "The statistical method."),
            OpenField("rule", "string", "The rule that gives the result, in words."),
            OpenField("computed_at", "datetime", "When it was computed (UTC)."),
        ),
        rows=_assessments,
        order=50,
        licences=_licences,
        sources=_sources,
        updated=lambda place: selectors.assessments_computed_latest(place=place),
    ),
)
