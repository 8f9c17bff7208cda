"""The framework pages and their navigation items, as data; ``WebsiteConfig.ready()`` registers
them with the web shell (:mod:`onefuture.web.registry`), whose URLconf serves them per place.
"""

from __future__ import annotations

from onefuture.web.place_urls import Page
from onefuture.web.registry import NavItem
from onefuture.website import views

PAGES: list[Page] = [
    Page("", views.home, "home"),
    Page("big-things/", views.big_things, "big-things"),
    Page("big-things/<slug:key>/", views.big_thing, "big-thing"),
    Page("cross-cutting-ambitions/", views.ambitions, "cross-cutting-ambitions"),
    Page("cross-cutting-ambitions/<slug:key>/", views.ambition, "cross-cutting-ambition"),
    Page("partners/", views.partners, "partners"),
    Page("partners/<slug:key>/", views.partner, "partner"),
    Page("how-it-all-links/", views.how_it_all_links, "how-it-all-links"),
]

#: Orders leave room between items for other apps' (measures' "Progress" is 30).
NAVIGATION: list[NavItem] = [
    NavItem("home", lambda terms: "Home", order=10),
    NavItem(
        "big-things",
        lambda terms: terms["big_thing"]["plural"].capitalize(),
        sections=("big-thing",),
        order=20,
    ),
    NavItem(
        "cross-cutting-ambitions",
        lambda terms: terms["cross_cutting_ambition"]["plural"].capitalize(),
        sections=("cross-cutting-ambition",),
        order=40,
    ),
    NavItem("how-it-all-links", lambda terms: "How it all links", order=50),
    NavItem(
        "partners",
        lambda terms: terms["partner"]["plural"].capitalize(),
        sections=("partner",),
        order=60,
    ),
]
