"""What the measure pages show, as plain dataclasses built from the database (reads only).

The views, the CSV and SVG downloads, and later the reports all go through these functions, so a
chart, its table, its CSV and its static image are built from one query and one chart builder.
Every read is scoped by place: a measure, an area or an import batch of another place is never
found, whatever its id or key.

Modules: ``status`` (status words and tag colours), ``basics`` (the dataclasses and shared
reads), ``charts`` (a measure's charts), ``measure`` (the measure page), ``summaries`` (big thing
tiles and the progress overview), ``spine`` (the big thing's spine chart), ``imports`` (import
batches and templates).
"""

from onefuture.measures.pages.basics import (
    AssessmentView,
    MeasurePage,
    ProgressSection,
    SummaryRow,
    Value,
    measure_get,
    measure_list,
)
from onefuture.measures.pages.charts import (
    CHART_SLUGS,
    measure_chart,
    measure_charts,
)
from onefuture.measures.pages.imports import (
    ERRORS_SHOWN,
    TEMPLATE_COLUMNS,
    import_batch_get,
    measure_template_frame,
)
from onefuture.measures.pages.measure import measure_page
from onefuture.measures.pages.spine import big_thing_spine
from onefuture.measures.pages.status import (
    NOT_ASSESSED,
    Status,
    assessment_status,
    polarity_words,
    status_for,
)
from onefuture.measures.pages.summaries import big_thing_summary, progress_overview
from onefuture.measures.selectors import measure_home_area

__all__ = [
    "CHART_SLUGS",
    "ERRORS_SHOWN",
    "NOT_ASSESSED",
    "TEMPLATE_COLUMNS",
    "AssessmentView",
    "MeasurePage",
    "ProgressSection",
    "Status",
    "SummaryRow",
    "Value",
    "assessment_status",
    "big_thing_spine",
    "big_thing_summary",
    "import_batch_get",
    "measure_chart",
    "measure_charts",
    "measure_get",
    "measure_home_area",
    "measure_list",
    "measure_page",
    "measure_template_frame",
    "polarity_words",
    "progress_overview",
    "status_for",
]
