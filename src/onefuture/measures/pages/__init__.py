"""What the measure pages show, as plain dataclasses composed from the selectors (no queries).

The views, the CSV and SVG downloads, the big thing's panel and later the reports all go through
these functions, so a chart, its table, its CSV and its static image are built from one read and
one chart builder. Every read is a selector of :mod:`onefuture.measures.selectors`, which owns
the rules (home area, benchmark order, latest point) and the place scoping; a page builder that
queries a model itself fails ``tests/test_layers.py``.

Modules: ``status`` (status words and tag colours), ``basics`` (the dataclasses and number
formatting), ``charts`` (a measure's charts), ``measure`` (the measure page), ``summaries`` (big
thing tiles, the big thing's panel and the progress overview), ``spine`` (the big thing's spine
chart), ``progress`` (the progress page: one row per measure, filters, sort, its CSV),
``imports`` (what the import status page shows).
"""

from onefuture.measures.pages.basics import (
    AssessmentView,
    MeasurePage,
    ProgressSection,
    SummaryRow,
    Value,
)
from onefuture.measures.pages.charts import measure_chart
from onefuture.measures.pages.imports import ERRORS_SHOWN
from onefuture.measures.pages.measure import measure_page
from onefuture.measures.pages.progress import SORTS as PROGRESS_SORTS
from onefuture.measures.pages.progress import (
    ProgressFilters,
    ProgressPage,
    ProgressRow,
    progress_csv,
    progress_filters,
    progress_page,
)
from onefuture.measures.pages.spine import big_thing_spine
from onefuture.measures.pages.status import (
    NOT_ASSESSED,
    Status,
    assessment_status,
    polarity_words,
    status_for,
)
from onefuture.measures.pages.summaries import (
    BigThingMeasures,
    big_thing_measures,
    big_thing_panel_context,
    progress_overview,
)

__all__ = [
    "ERRORS_SHOWN",
    "NOT_ASSESSED",
    "PROGRESS_SORTS",
    "AssessmentView",
    "BigThingMeasures",
    "MeasurePage",
    "ProgressFilters",
    "ProgressPage",
    "ProgressRow",
    "ProgressSection",
    "Status",
    "SummaryRow",
    "Value",
    "assessment_status",
    "big_thing_measures",
    "big_thing_panel_context",
    "big_thing_spine",
    "measure_chart",
    "measure_page",
    "polarity_words",
    "progress_csv",
    "progress_filters",
    "progress_overview",
    "progress_page",
    "status_for",
]
