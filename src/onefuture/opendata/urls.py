"""The open data pages and their navigation item, as data (registered from ``ready()``)."""

from __future__ import annotations

from onefuture.opendata import views
from onefuture.web.place_urls import Page
from onefuture.web.registry import NavItem

PAGES: list[Page] = [
    Page("data/", views.data_index, "open-data"),
    Page("data/<slug:table>.csv", views.table_csv, "open-data-csv"),
    Page("data/<slug:table>.json", views.table_json, "open-data-json"),
    Page("data/<slug:package_place>-datapackage.zip", views.package, "open-data-package"),
]

#: Before the search, the last item.
NAVIGATION = NavItem(
    "open-data",
    lambda terms: "Open data",
    sections=("open-data-csv", "open-data-json", "open-data-package"),
    order=88,
)
