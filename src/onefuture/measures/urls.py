"""The measures' pages and navigation item, as data; ``MeasuresConfig.ready()`` registers them
with the web shell (:mod:`onefuture.web.registry`), whose URLconf serves each page per place.
"""

from __future__ import annotations

from onefuture.measures import views
from onefuture.web.place_urls import Page
from onefuture.web.registry import NavItem

PAGES: list[Page] = [
    Page("progress/", views.progress, "progress"),
    Page("progress.csv", views.progress_csv, "progress-csv"),
    Page("measures/<slug:key>/", views.measure_detail, "measure"),
    Page("measures/<slug:key>/charts/<slug:chart>.csv", views.chart_csv, "measure-chart-csv"),
    Page("measures/<slug:key>/charts/<slug:chart>.svg", views.chart_image, "measure-chart-svg"),
    Page("measures/<slug:key>/charts/<slug:chart>.json", views.chart_spec, "measure-chart-json"),
    Page("measures/<slug:key>/template.<slug:fmt>", views.measure_template, "measure-template"),
    Page("big-things/<slug:key>/measures-spine.svg", views.spine_image, "big-thing-spine-svg"),
    Page("big-things/<slug:key>/measures-spine.csv", views.spine_csv, "big-thing-spine-csv"),
    Page("data/upload/", views.upload, "data-upload"),
    Page("data/imports/<int:batch_id>/", views.import_status, "import-status"),
]

#: After the big things (20), before the cross-cutting ambitions (40).
NAVIGATION = NavItem("progress", lambda terms: "Progress", sections=("measure",), order=30)
