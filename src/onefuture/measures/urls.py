"""The measures' pages, declared once as :class:`Page` rows for every place (see place_urls).

``onefuture/website/urls.py`` adds ``PAGES`` to the site; importing this module also adds the
"Progress" item to the service navigation.
"""

from __future__ import annotations

from onefuture.measures import views
from onefuture.web.navigation import NAVIGATION
from onefuture.web.place_urls import NavItem, Page

PAGES: list[Page] = [
    Page("progress/", views.progress, "progress"),
    Page("measures/<slug:key>/", views.measure_detail, "measure"),
    Page("measures/<slug:key>/charts/<slug:chart>.csv", views.chart_csv, "measure-chart-csv"),
    Page("measures/<slug:key>/charts/<slug:chart>.svg", views.chart_image, "measure-chart-svg"),
    Page("measures/<slug:key>/template.<slug:fmt>", views.measure_template, "measure-template"),
    Page("big-things/<slug:key>/measures-spine.svg", views.spine_image, "big-thing-spine-svg"),
    Page("big-things/<slug:key>/measures-spine.csv", views.spine_csv, "big-thing-spine-csv"),
    Page("data/upload/", views.upload, "data-upload"),
    Page("data/imports/<int:batch_id>/", views.import_status, "import-status"),
]

if not any(item.url_name == "progress" for item in NAVIGATION):
    NAVIGATION.insert(2, NavItem("progress", lambda terms: "Progress", sections=("measure",)))
