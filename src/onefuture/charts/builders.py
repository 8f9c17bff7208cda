"""Vega-Lite chart builders: plain data in, a :class:`~onefuture.charts.model.Chart` out.

These are the only chart definitions in onefuture: the web pages embed ``chart.spec`` (drawn in the
browser by ``charts.js``), the static SVG fallback and the reports render the same spec with
vl-convert, and the table and CSV beside each chart come from the same ``chart.rows``.

This module holds the shared style and the trend chart; ``bars`` the comparison and breakdown
charts, ``maps`` the ward map. The specs use no Vega expressions (filters are predicate objects,
legend names come from a lookup), so they draw identically under vega-interpreter and
vl-convert. Colour is never the only carrier of meaning: lines differ by dash as well as colour,
the area of interest is named in the legend and the table, and every number is in the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
from altair.utils import schemapi

from onefuture.charts.model import Chart, Column, Number, note_columns, require_rows, rounded

# GOV.UK Design System colours (govuk-frontend settings/_colours-palette.scss).
BLUE = "#1d70b8"
DARK_BLUE = "#003078"
BLACK = "#0b0c0c"
DARK_GREY = "#505a5f"
MID_GREY = "#b1b4b6"
LIGHT_GREY = "#f3f2f1"
ORANGE = "#f47738"
LIGHT_BLUE = "#5694ca"

WIDTH = 560

#: Validate every spec against the Vega-Lite JSON schema. Validation costs about 0.3 s per chart
#: (jsonschema over a large schema), far more than building it, so pages skip it; the tests
#: switch it on and check every builder's output (tests/charts/test_builders.py).
VALIDATE = False
# altair also validates each object as it is created ("debug mode"); the final check above
# covers the same ground, so creation-time validation is switched off for the process.
schemapi.disable_debug_mode()


def _to_dict(chart: alt.TopLevelMixin) -> dict[str, Any]:
    return chart.to_dict(validate=VALIDATE)


ILLUSTRATIVE = "Illustrative"
ILLUSTRATIVE_NOTE = "Illustrative data: these values are made up to show how the chart will look."


@dataclass(frozen=True)
class TrendPoint:
    """One period of a measure for the area: ``year`` places it on the axis (2023/24 → 2023)."""

    period: str
    year: float
    value: Number
    lower: Number = None
    upper: Number = None
    #: The data point's own words from its upload, shown beside the value in the table and CSV.
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class PathPoint:
    """A point on a line drawn against the trend: the target path or the benchmark's series."""

    year: float
    value: Number
    period: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar: an area (or a breakdown category such as a deprivation decile) with its limits."""

    label: str
    value: Number
    lower: Number = None
    upper: Number = None
    code: str = ""
    highlight: bool = False
    #: The data point's own words from its upload, shown beside the value in the table and CSV.
    notes: str = ""
    source: str = ""


def _config(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart with onefuture's fonts and colours, as a Vega-Lite dict.

    ``aria=False`` hides the individual marks and axes from assistive technology: the chart as
    a whole carries the text alternative (its ``description``) and the table beside it holds
    every number, which is far easier to read with a screen reader than hundreds of shapes.
    """
    configured = (
        chart.configure(font="arial, sans-serif", aria=False)
        .configure_axis(
            labelFontSize=13,
            titleFontSize=14,
            labelColor=BLACK,
            titleColor=BLACK,
            gridColor=LIGHT_GREY,
        )
        .configure_legend(labelFontSize=13, titleFontSize=14, orient="bottom", labelLimit=400)
    )
    return _to_dict(configured)


def _alt(text: str, illustrative: bool) -> str:
    """A chart's text alternative, opening with "Illustrative" when its numbers are made up, so
    a screen reader hears the label a sighted reader sees in the title."""
    return f"{ILLUSTRATIVE}. {text}" if illustrative else text


def _title(title: str, illustrative: bool) -> alt.TitleParams:
    text = f"{ILLUSTRATIVE}: {title}" if illustrative else title
    subtitle = [ILLUSTRATIVE_NOTE] if illustrative else alt.Undefined
    return alt.TitleParams(
        text=text, subtitle=subtitle, anchor="start", fontSize=16, subtitleFontSize=13, limit=WIDTH
    )


def _number_format(decimals: int) -> str:
    """The d3 format that shows numbers as the table does (thousands commas, fixed places)."""
    return f",.{decimals}f"


def _valid(field: str) -> alt.FieldValidPredicate:
    return alt.FieldValidPredicate(field=field, valid=True)


def trend_chart(
    *,
    title: str,
    unit: str,
    area_name: str,
    points: Sequence[TrendPoint],
    benchmark_name: str = "",
    benchmark: Sequence[PathPoint] = (),
    target_path: Sequence[PathPoint] = (),
    decimals: int = 1,
    illustrative: bool = False,
    slug: str = "trend",
) -> Chart:
    """The area's values over time with 95 % limits, the benchmark's line and the target path.

    One record per year on the axis holds every number drawn for that year, so the table has one
    row per period: ``Period, <area>, lower, upper, <benchmark>, Target path``.
    """
    require_rows(points, "trend")
    by_year: dict[float, dict[str, Any]] = {}

    def record(year: float, period: str) -> dict[str, Any]:
        row = by_year.setdefault(
            float(year),
            {
                "period": period or _year_label(year),
                "year": float(year),
                "value": None,
                "lower": None,
                "upper": None,
                "benchmark": None,
                "target": None,
                "notes": "",
                "source": "",
            },
        )
        if period and row["period"] == _year_label(year):
            row["period"] = period
        return row

    for p in points:
        row = record(p.year, p.period)
        row.update(
            value=rounded(p.value, decimals),
            lower=rounded(p.lower, decimals),
            upper=rounded(p.upper, decimals),
            notes=p.notes,
            source=p.source,
        )
    for b in benchmark:
        record(b.year, b.period)["benchmark"] = rounded(b.value, decimals)
    for t in target_path:
        record(t.year, t.period)["target"] = rounded(t.value, decimals)
    rows = tuple(by_year[y] for y in sorted(by_year))

    target_label = "Target path"
    bench_label = benchmark_name or "Benchmark"
    # (record key, legend name, colour, dash): dashes tell the lines apart without colour.
    series = [("value", area_name, BLUE, [1, 0])]
    if any(r["benchmark"] is not None for r in rows):
        series.append(("benchmark", bench_label, DARK_GREY, [2, 2]))
    if any(r["target"] is not None for r in rows):
        series.append(("target", target_label, ORANGE, [8, 4]))
    has_benchmark = any(key == "benchmark" for key, *_ in series)
    has_target = any(key == "target" for key, *_ in series)
    colour = alt.Scale(domain=[n for _, n, _, _ in series], range=[c for *_, c, _ in series])
    dash = alt.Scale(domain=[n for _, n, _, _ in series], range=[d for *_, d in series])
    legend = alt.Legend(title=None)

    base = alt.Chart(alt.InlineData(values=list(rows))).encode(
        x=alt.X(
            "year:Q",
            title="Year",
            scale=alt.Scale(zero=False, nice=False),
            axis=alt.Axis(format="d", tickMinStep=1),
        )
    )
    y_title = unit

    # Lines come from the wide records folded long; a lookup names each series, so the legend
    # reads "Stockport / England / Target path" without any Vega expression.
    fields = [key for key, *_ in series]
    names = [{"key": key, "series": name} for key, name, *_ in series]
    lines = (
        base.transform_fold(fields, as_=["key", "amount"])
        .transform_filter(_valid("amount"))
        .transform_lookup(
            lookup="key",
            from_=alt.LookupData(alt.InlineData(values=names), key="key", fields=["series"]),
        )
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=40), strokeWidth=2)
        .encode(
            y=alt.Y("amount:Q", title=y_title, scale=alt.Scale(zero=False)),
            color=alt.Color("series:N", scale=colour, legend=legend),
            strokeDash=alt.StrokeDash("series:N", scale=dash, legend=legend),
            detail="series:N",
            tooltip=[
                alt.Tooltip("period:N", title="Period"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("amount:Q", title=unit or "Value", format=_number_format(decimals)),
            ],
        )
    )
    layers = [
        base.transform_filter(_valid("lower"))
        .transform_filter(_valid("upper"))
        .mark_rule(color=BLUE, strokeWidth=1.5)
        .encode(y=alt.Y("lower:Q", title=y_title), y2="upper:Q"),
        lines,
    ]

    alt_text = (
        f"Line chart: {title}, {area_name}, {rows[0]['period']} to {rows[-1]['period']}, "
        "with 95% confidence limits"
        + (f", {bench_label}" if has_benchmark else "")
        + (" and the target path" if has_target else "")
        + ". The table below gives the numbers."
    )
    alt_text = _alt(alt_text, illustrative)
    spec = _config(
        alt.layer(*layers).properties(
            width=WIDTH, height=300, title=_title(title, illustrative), description=alt_text
        )
    )
    columns = (
        Column("period", "Period", numeric=False),
        Column("value", area_name),
        Column("lower", "Lower 95% limit"),
        Column("upper", "Upper 95% limit"),
    )
    if has_benchmark:
        columns += (Column("benchmark", bench_label),)
    if has_target:
        columns += (Column("target", target_label),)
    columns += note_columns(rows)
    return Chart(
        slug=slug,
        title=title,
        alt=alt_text,
        spec=spec,
        columns=columns,
        rows=rows,
        decimals=decimals,
        illustrative=illustrative,
    )


def _year_label(year: float) -> str:
    return str(int(year)) if float(year).is_integer() else str(year)
