"""Bar charts: the area against its statistical neighbours, and breakdowns by ward or decile."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from onefuture.charts.builders import (
    BLACK,
    BLUE,
    LIGHT_BLUE,
    MID_GREY,
    WIDTH,
    Bar,
    _alt,
    _config,
    _number_format,
    _title,
    _valid,
)
from onefuture.charts.model import Chart, Column, Number, note_columns, require_rows, rounded


def _bar_rows(bars: Sequence[Bar], decimals: int, group: str, highlight: str) -> list[dict]:
    return [
        {
            "label": b.label,
            "code": b.code,
            "value": rounded(b.value, decimals),
            "lower": rounded(b.lower, decimals),
            "upper": rounded(b.upper, decimals),
            "group": highlight if b.highlight else group,
            "notes": b.notes,
            "source": b.source,
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
    decimals: int,
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
            tooltip=[
                alt.Tooltip("label:N", title=axis_title),
                alt.Tooltip("value:Q", title=unit or "Value", format=_number_format(decimals)),
                alt.Tooltip("lower:Q", title="Lower 95% limit", format=_number_format(decimals)),
                alt.Tooltip("upper:Q", title="Upper 95% limit", format=_number_format(decimals)),
            ],
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
    return _bar_figure(
        slug=slug,
        title=title,
        unit=unit,
        rows=rows + _reference_row(benchmark_name or "Benchmark", reference, "Benchmark"),
        groups=[("This area", BLUE), ("Statistical neighbour", MID_GREY)],
        reference_group="Benchmark",
        axis_title="Area",
        alt_text=alt_text,
        illustrative=illustrative,
        decimals=decimals,
        label_columns=(
            Column("label", "Area", numeric=False),
            Column("group", "Group", numeric=False),
        ),
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
    return _bar_figure(
        slug=slug,
        title=title,
        unit=unit,
        rows=rows + _reference_row(reference_name or "Reference", reference, "Reference"),
        groups=[(category_name, LIGHT_BLUE)],
        reference_group="Reference",
        axis_title=category_name,
        alt_text=alt_text,
        illustrative=illustrative,
        decimals=decimals,
        label_columns=(Column("label", category_name, numeric=False),),
    )


def _bar_figure(
    *,
    slug: str,
    title: str,
    unit: str,
    rows: list[dict],
    groups: list[tuple[str, str]],
    reference_group: str,
    axis_title: str,
    alt_text: str,
    illustrative: bool,
    decimals: int,
    label_columns: tuple[Column, ...],
) -> Chart:
    """A bar chart with 95 % limits and its table (the bars plus the reference line's row): what
    the comparison and breakdown charts share, so their tables and labels cannot drift apart."""
    alt_text = _alt(alt_text, illustrative)
    return Chart(
        slug=slug,
        title=title,
        alt=alt_text,
        spec=_bar_chart(
            title=title,
            unit=unit,
            rows=rows,
            groups=groups,
            reference_group=reference_group,
            axis_title=axis_title,
            alt_text=alt_text,
            illustrative=illustrative,
            decimals=decimals,
        ),
        columns=(
            *label_columns,
            Column("value", "Value"),
            Column("lower", "Lower 95% limit"),
            Column("upper", "Upper 95% limit"),
            *note_columns(rows),
        ),
        rows=tuple(rows),
        decimals=decimals,
        illustrative=illustrative,
    )
