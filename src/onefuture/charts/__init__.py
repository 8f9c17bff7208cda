"""Charts: Vega-Lite spec builders (altair) and static rendering (vl-convert).

One chart definition serves the web page (drawn by ``charts.js``), its no-JavaScript image, the
table and CSV beside it, and the reports.
"""

from onefuture.charts.bars import breakdown_chart, comparison_chart
from onefuture.charts.builders import Bar, PathPoint, TrendPoint, trend_chart
from onefuture.charts.maps import ward_map
from onefuture.charts.model import Chart, Column
from onefuture.charts.render import chart_png, chart_svg, spec_key
from onefuture.charts.spine import SpineRow, spine_chart

__all__ = [
    "Bar",
    "Chart",
    "Column",
    "PathPoint",
    "SpineRow",
    "TrendPoint",
    "breakdown_chart",
    "chart_png",
    "chart_svg",
    "comparison_chart",
    "spec_key",
    "spine_chart",
    "trend_chart",
    "ward_map",
]
