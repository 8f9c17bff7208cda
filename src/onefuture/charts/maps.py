"""The ward choropleth, drawn over the real ward boundaries (GeoJSON)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt

from onefuture.charts.builders import (
    LIGHT_GREY,
    WIDTH,
    Bar,
    _alt,
    _config,
    _number_format,
    _title,
    _valid,
)
from onefuture.charts.model import Chart, Column, require_rows, rounded

BOUNDARIES_DATASET = "ward-boundaries"


def ward_map(
    *,
    title: str,
    unit: str,
    boundaries: Mapping[str, Any],
    wards: Sequence[Bar],
    code_property: str = "area_code",
    period: str = "",
    attribution: str = "",
    notes: Sequence[str] = (),
    decimals: int = 1,
    illustrative: bool = False,
    slug: str = "map",
) -> Chart:
    """A choropleth of ``wards`` (matched on ``Bar.code``) over the GeoJSON ``boundaries``.

    Wards without a value stay drawn in light grey, so a gap in the data is visible rather than a
    hole in the map. The boundaries' licence needs ``attribution`` on the chart: it is printed
    in the chart (split before "©" to fit) and under it, with any ``notes``.
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
    # The boundaries join the spec only at the end, as a named dataset: altair copies inline data
    # at every step of building a chart, and tens of kilobytes of coordinates made that slow.
    shapes = alt.NamedData(name=BOUNDARIES_DATASET)
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
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Ward"),
                alt.Tooltip("value:Q", title=unit or "Value", format=_number_format(decimals)),
            ],
        )
        .project(type="mercator")
    )
    alt_text = (
        f"Map: {title}{' in ' + period if period else ''} for {len(rows)} wards, darker blue for "
        "higher values. The table below gives each ward's value."
    )
    alt_text = _alt(alt_text, illustrative)
    layered = alt.layer(outline, filled).properties(
        width=WIDTH - 120, height=420, title=_title(title, illustrative), description=alt_text
    )
    spec = _config(layered)
    spec.setdefault("datasets", {})[BOUNDARIES_DATASET] = list(features)
    if attribution:
        lines = attribution.replace(" ©", "\n©").split("\n")
        spec["title"]["subtitle"] = [*_as_list(spec["title"].get("subtitle")), *lines]
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
        notes=(*notes, attribution) if attribution else tuple(notes),
    )


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
