"""The search page and its navigation item, as data (registered from ``SearchConfig.ready()``)."""

from __future__ import annotations

from onefuture.search import views
from onefuture.web.place_urls import Page
from onefuture.web.registry import NavItem

PAGES: list[Page] = [Page("search/", views.search, "search")]

#: Last in the service navigation.
NAVIGATION = NavItem("search", lambda terms: "Search", order=90)
