"""Vega-Lite chart builders: plain data in, a :class:`~onefuture.charts.model.Chart` out.

These are the only chart definitions in onefuture: the web pages embed ``chart.spec`` (drawn in the
browser by ``charts.js``), the static SVG fallback and the reports render the same spec with
vl-convert, and the table and CSV beside each chart come from the same ``chart.rows``.

The specs use no Vega expressions (filters are predicate objects, legends come from ``datum``
values), so they draw identically under vega-interpreter and vl-convert. Colour is never the only
carrier of meaning: lines differ by dash as well as colour, the area of interest is named in its
bar's label, and every number is in the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
from altair.utils import schemapi

from onefuture.charts.model import Chart, Column, Number, require_rows, rounded

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


def _title(title: str, illustrative: bool) -> alt.TitleParams:
    text = f"{ILLUSTRATIVE}: {title}" if illustrative else title
    subtitle = [ILLUSTRATIVE_NOTE] if illustrative else alt.Undefined
    return alt.TitleParams(
        text=text, subtitle=subtitle, anchor="start", fontSize=16, subtitleFontSize=13, limit=WIDTH
    )


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
    if illustrative:
        alt_text = f"{ILLUSTRATIVE}. {alt_text}"
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


def _bar_rows(bars: Sequence[Bar], decimals: int, group: str, highlight: str) -> list[dict]:
    return [
        {
            "label": b.label,
            "code": b.code,
            "value": rounded(b.value, decimals),
            "lower": rounded(b.lower, decimals),
            "upper": rounded(b.upper, decimals),
            "group": highlight if b.highlight else group,
        }
        for b in bars
    ]


def _bar_chart(
    *,
    title: str,
    unit: str,
    rows: list[dict],
    groups: list[tuple[str, str]],
    reference_group: str,
    axis_title: str,
    alt_text: str,
    illustrative: bool,
) -> dict[str, Any]:
    """Horizontal bars with 95 % limits, a colour per group and a labelled reference line.

    ``rows`` are the table's rows: the bars' groups and, in ``reference_group``, at most one row
    drawn as the reference line. One dataset feeds every layer (split by predicates, not
    expressions), so the chart's data are exactly the table.
    """
    present = [(g, c) for g, c in groups if any(r["group"] == g for r in rows)]
    colour = alt.Scale(domain=[g for g, _ in present], range=[c for _, c in present])
    data = alt.Chart(alt.InlineData(values=rows))
    bars = data.transform_filter(
        alt.FieldOneOfPredicate(field="group", oneOf=[g for g, _ in present])
    ).encode(y=alt.Y("label:N", sort=None, title=axis_title, axis=alt.Axis(labelLimit=220)))
    layers: list[alt.Chart] = [
        bars.transform_filter(_valid("value"))
        .mark_bar(height={"band": 0.7})
        .encode(
            x=alt.X("value:Q", title=unit),
            color=alt.Color("group:N", scale=colour, legend=alt.Legend(title=None)),
        ),
        bars.transform_filter(_valid("lower"))
        .transform_filter(_valid("upper"))
        .mark_rule(color=BLACK, strokeWidth=1.5)
        .encode(x="lower:Q", x2="upper:Q"),
    ]
    if any(r["group"] == reference_group and r["value"] is not None for r in rows):
        reference = data.transform_filter(
            alt.FieldEqualPredicate(field="group", equal=reference_group)
        ).transform_filter(_valid("value"))
        layers.append(
            reference.mark_rule(color=BLACK, strokeDash=[4, 3], strokeWidth=2).encode(x="value:Q")
        )
        layers.append(
            reference.mark_text(align="left", dx=4, dy=-6, baseline="bottom", color=BLACK).encode(
                x="value:Q", y=alt.value(0), text="label:N"
            )
        )
    height = max(120, 26 * sum(r["group"] != reference_group for r in rows))
    return _config(
        alt.layer(*layers).properties(
            width=WIDTH - 200,
            height=height,
            title=_title(title, illustrative),
            description=alt_text,
        )
    )


def _reference_row(name: str, value: float | None, group: str) -> list[dict]:
    if value is None:
        return []
    return [
        {"label": name, "code": "", "value": value, "lower": None, "upper": None, "group": group}
    ]


def comparison_chart(
    *,
    title: str,
    unit: str,
    areas: Sequence[Bar],
    benchmark_name: str = "",
    benchmark_value: Number = None,
    period: str = "",
    decimals: int = 1,
    illustrative: bool = False,
    slug: str = "comparison",
) -> Chart:
    """The area against its statistical neighbours (bars with 95 % limits) and the benchmark line.

    Mark the area of interest with ``Bar(highlight=True)``; it is coloured and named "This area"
    in the legend and the table. Bars keep the order given (sort them before calling).
    """
    require_rows(areas, "comparison")
    rows = _bar_rows(areas, decimals, "Statistical neighbour", "This area")
    reference = rounded(benchmark_value, decimals)
    highlighted = next((r["label"] for r in rows if r["group"] == "This area"), "")
    alt_text = (
        f"Bar chart: {title}{' in ' + period if period else ''}, "
        f"{highlighted + ' and ' if highlighted else ''}{len(rows) - bool(highlighted)} "
        "statistical neighbours, with 95% confidence limits"
        + (f" and a line for {benchmark_name}" if reference is not None else "")
        + ". The table below gives the numbers."
    )
    if illustrative:
        alt_text = f"{ILLUSTRATIVE}. {alt_text}"
    table_rows = rows + _reference_row(benchmark_name or "Benchmark", reference, "Benchmark")
    spec = _bar_chart(
        title=title,
        unit=unit,
        rows=table_rows,
        groups=[("This area", BLUE), ("Statistical neighbour", MID_GREY)],
        reference_group="Benchmark",
        axis_title="Area",
        alt_text=alt_text,
        illustrative=illustrative,
    )
    return Chart(
        slug=slug,
        title=title,
        alt=alt_text,
        spec=spec,
        columns=(
            Column("label", "Area", numeric=False),
            Column("group", "Group", numeric=False),
            Column("value", "Value"),
            Column("lower", "Lower 95% limit"),
            Column("upper", "Upper 95% limit"),
        ),
        rows=tuple(table_rows),
        decimals=decimals,
        illustrative=illustrative,
    )


def breakdown_chart(
    *,
    title: str,
    unit: str,
    categories: Sequence[Bar],
    category_name: str,
    reference_name: str = "",
    reference_value: Number = None,
    period: str = "",
    decimals: int = 1,
    illustrative: bool = False,
    slug: str = "breakdown",
) -> Chart:
    """Values by ward or by deprivation decile (bars with 95 % limits) against the area's value.

    ``category_name`` names the breakdown ("Ward", "Deprivation decile (1 = most deprived)").
    """
    require_rows(categories, "breakdown")
    rows = _bar_rows(categories, decimals, category_name, category_name)
    reference = rounded(reference_value, decimals)
    alt_text = (
        f"Bar chart: {title}{' in ' + period if period else ''} by "
        f"{category_name.lower()}, {len(rows)} bars with 95% confidence limits"
        + (f" and a line for {reference_name}" if reference is not None else "")
        + ". The table below gives the numbers."
    )
    if illustrative:
        alt_text = f"{ILLUSTRATIVE}. {alt_text}"
    table_rows = rows + _reference_row(reference_name or "Reference", reference, "Reference")
    spec = _bar_chart(
        title=title,
        unit=unit,
        rows=table_rows,
        groups=[(category_name, LIGHT_BLUE)],
        reference_group="Reference",
        axis_title=category_name,
        alt_text=alt_text,
        illustrative=illustrative,
    )
    return Chart(
        slug=slug,
        title=title,
        alt=alt_text,
        spec=spec,
        columns=(
            Column("label", category_name, numeric=False),
            Column("value", "Value"),
            Column("lower", "Lower 95% limit"),
            Column("upper", "Upper 95% limit"),
        ),
        rows=tuple(table_rows),
        decimals=decimals,
        illustrative=illustrative,
    )


def ward_map(
    *,
    title: str,
    unit: str,
    boundaries: Mapping[str, Any],
    wards: Sequence[Bar],
    code_property: str = "area_code",
    period: str = "",
    attribution: str = "",
    decimals: int = 1,
    illustrative: bool = False,
    slug: str = "map",
) -> Chart:
    """A choropleth of ``wards`` (matched on ``Bar.code``) over the GeoJSON ``boundaries``.

    Wards without a value stay drawn in light grey, so a gap in the data is visible rather than a
    hole in the map. The boundaries' licence needs ``attribution`` on the chart.
    """
    require_rows(wards, "ward map")
    features = boundaries.get("features") if isinstance(boundaries, Mapping) else None
    if not features:
        raise ValueError("The ward map needs GeoJSON boundaries with at least one feature.")
    known = {str(f.get("properties", {}).get(code_property)) for f in features}
    unknown = sorted({w.code for w in wards} - known)
    if unknown:
        raise ValueError(
            "The ward map has values for codes that are not in the boundaries: "
            f"{', '.join(unknown)}."
        )
    rows = [
        {"code": w.code, "label": w.label, "value": rounded(w.value, decimals)}
        for w in sorted(wards, key=lambda w: w.label)
    ]
    shapes = alt.InlineData(values=dict(boundaries), format=alt.DataFormat(property="features"))
    key = f"properties.{code_property}"
    outline = (
        alt.Chart(shapes)
        .mark_geoshape(fill=LIGHT_GREY, stroke="white", strokeWidth=1)
        .project(type="mercator")
    )
    filled = (
        alt.Chart(shapes)
        .transform_lookup(
            lookup=key,
            from_=alt.LookupData(
                alt.InlineData(values=rows), key="code", fields=["value", "label"]
            ),
        )
        .transform_filter(_valid("value"))
        .mark_geoshape(stroke="white", strokeWidth=1)
        .encode(
            color=alt.Color(
                "value:Q",
                title=unit,
                scale=alt.Scale(scheme="blues"),
                legend=alt.Legend(orient="right", direction="vertical", gradientLength=200),
            )
        )
        .project(type="mercator")
    )
    alt_text = (
        f"Map: {title}{' in ' + period if period else ''} for {len(rows)} wards, darker blue for "
        "higher values. The table below gives each ward's value."
    )
    if illustrative:
        alt_text = f"{ILLUSTRATIVE}. {alt_text}"
    layered = alt.layer(outline, filled).properties(
        width=WIDTH - 120, height=420, title=_title(title, illustrative), description=alt_text
    )
    spec = _config(layered)
    if attribution:
        spec["title"]["subtitle"] = [*_as_list(spec["title"].get("subtitle")), attribution]
    return Chart(
        slug=slug,
        title=title,
        alt=alt_text,
        spec=spec,
        columns=(
            Column("label", "Ward", numeric=False),
            Column("code", "Ward code", numeric=False),
            Column("value", "Value"),
        ),
        rows=tuple(rows),
        decimals=decimals,
        illustrative=illustrative,
        notes=(attribution,) if attribution else (),
    )


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
