"""A Fingertips-style spine chart: where the area sits among its comparators, measure by measure.

Each measure is one row. The benchmark (England) is the spine down the middle; the light bar spans
the comparators from lowest to highest, the darker bar their middle (20th to 80th percentile, as
``stats.quintiles`` gives them); the marker is the area. Rows are scaled so the comparator
farthest from the benchmark touches the edge, and turned so that better is always to the right
(for measures with no better direction, higher is to the right). The words of each comparison are
printed at the end of its row, so the status never rests on the marker's colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt

from onefuture.charts.builders import (
    BLACK,
    BLUE,
    MID_GREY,
    WIDTH,
    _alt,
    _config,
    _title,
    _valid,
)
from onefuture.charts.model import Chart, Column, require_rows, rounded

#: Lighter than the middle bar (GOV.UK mid-grey) yet visible on white, as Fingertips draws it.
RANGE_GREY = "#dcdddf"


@dataclass(frozen=True)
class SpineRow:
    """One measure: the area's value, the benchmark's, and the comparators' spread."""

    label: str
    value: float | None
    benchmark: float | None
    lowest: float | None
    p20: float | None
    p80: float | None
    highest: float | None
    status: str = ""
    higher_is_better: bool | None = None
    decimals: int = 1


def _position(x: float | None, centre: float, half_width: float, flip: bool) -> float | None:
    """Where ``x`` sits on the row: 0.5 is the benchmark, 0 and 1 the row's ends."""
    if x is None:
        return None
    offset = (x - centre) / (2 * half_width) if half_width else 0.0
    return round(0.5 - offset if flip else 0.5 + offset, 4)


def spine_chart(
    *,
    title: str,
    rows: Sequence[SpineRow],
    area_name: str,
    benchmark_name: str,
    comparators_name: str,
    illustrative: bool = False,
    slug: str = "spine",
) -> Chart:
    """The spine chart of ``rows``; the table lists the real values, the chart their positions."""
    usable = [r for r in rows if r.benchmark is not None and r.lowest is not None]
    require_rows(usable, "spine")
    records = []
    for r in usable:
        d = r.decimals
        values = [v for v in (r.value, r.lowest, r.highest) if v is not None]
        half = max(abs(v - r.benchmark) for v in values) if values else 0.0
        flip = r.higher_is_better is False

        def pos(x: float | None, r=r, half=half, flip=flip) -> float | None:
            return _position(x, r.benchmark, half, flip)

        ends = sorted(p for p in (pos(r.lowest), pos(r.highest)) if p is not None)
        middle = sorted(p for p in (pos(r.p20), pos(r.p80)) if p is not None)
        records.append(
            {
                "label": r.label,
                "value": rounded(r.value, d),
                "benchmark": rounded(r.benchmark, d),
                "lowest": rounded(r.lowest, d),
                "p20": rounded(r.p20, d),
                "p80": rounded(r.p80, d),
                "highest": rounded(r.highest, d),
                "status": r.status,
                # Drawing positions (0 to 1, better to the right); not shown in the table.
                "pos_value": pos(r.value),
                "pos_start": ends[0] if ends else None,
                "pos_end": ends[-1] if ends else None,
                "pos_mid_start": middle[0] if middle else None,
                "pos_mid_end": middle[-1] if middle else None,
            }
        )
    axis = alt.Axis(values=[0, 0.5, 1], labelExpr=alt.Undefined, labels=False, ticks=False)
    x_scale = alt.Scale(domain=[0, 1])
    base = alt.Chart(alt.InlineData(values=records)).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=260))
    )
    layers = [
        base.transform_filter(_valid("pos_start"))
        .mark_bar(color=RANGE_GREY, height={"band": 0.6})
        .encode(
            x=alt.X("pos_start:Q", scale=x_scale, axis=axis, title="Worse ← → Better"),
            x2="pos_end:Q",
        ),
        base.transform_filter(_valid("pos_mid_start"))
        .mark_bar(color=MID_GREY, height={"band": 0.6})
        .encode(x="pos_mid_start:Q", x2="pos_mid_end:Q"),
        alt.Chart(alt.InlineData(values=[{"spine": 0.5}]))
        .mark_rule(color=BLACK, strokeWidth=2)
        .encode(x="spine:Q"),
        base.transform_filter(_valid("pos_value"))
        .mark_point(filled=True, size=140, shape="diamond", color=BLUE, stroke=BLACK)
        .encode(x="pos_value:Q"),
        base.mark_text(align="left", dx=8, color=BLACK).encode(x=alt.datum(1), text="status:N"),
    ]
    alt_text = (
        f"Spine chart: {title}. For each of {len(records)} measures, {area_name}'s value is "
        f"marked against {benchmark_name} (the centre line) and the spread of "
        f"{comparators_name}, better to the right. The table below gives the numbers."
    )
    alt_text = _alt(alt_text, illustrative)
    spec = _config(
        alt.layer(*layers).properties(
            width=WIDTH - 260,
            height=max(80, 34 * len(records)),
            title=_title(title, illustrative),
            description=alt_text,
        )
    )
    return Chart(
        slug=slug,
        title=title,
        alt=alt_text,
        spec=spec,
        columns=(
            Column("label", "Measure", numeric=False),
            Column("value", area_name),
            Column("benchmark", benchmark_name),
            Column("lowest", f"Lowest of {comparators_name}"),
            Column("p20", "20th percentile"),
            Column("p80", "80th percentile"),
            Column("highest", f"Highest of {comparators_name}"),
            Column("status", f"Compared with {benchmark_name}", numeric=False),
        ),
        rows=tuple(records),
        decimals=max((r.decimals for r in usable), default=1),
        illustrative=illustrative,
    )
