"""Charts for documents: an ``onefuture.charts`` ``Chart`` drawn to PNG from its own spec.

The image is never re-drawn by the report: vl-convert renders the very spec the web page uses,
and the figure carries the chart's alt text and the same rows as a table.
"""

from __future__ import annotations

import struct

from onefuture.charts.model import Chart
from onefuture.charts.render import chart_png
from onefuture.reports.document import Figure, Table


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def chart_table(chart: Chart) -> Table:
    return Table(
        caption=f"{chart.title}: the numbers",
        columns=tuple(c.label for c in chart.columns),
        rows=tuple(tuple(row) for row in chart.table()),
    )


def chart_figure(chart: Chart, *, caption: str = "", scale: float = 2.0) -> Figure:
    """The chart as a figure: PNG bytes, its alt text, a caption and its table."""
    png = chart_png(chart.spec, scale=scale)
    width, height = png_size(png)
    alt = chart.alt
    if chart.illustrative and "llustrative" not in alt:
        alt = f"Illustrative. {alt}"
    return Figure(
        png=png,
        alt=alt,
        caption=caption or chart.title,
        table=chart_table(chart),
        width_px=width,
        height_px=height,
    )
