"""The public site's URLs: each page once here, served for the default place and per place.

To add another app's pages, import its list of :class:`Page` rows and add it to ``PAGES``.
"""

from __future__ import annotations

from django.urls import path

from onefuture.measures.urls import PAGES as MEASURE_PAGES
from onefuture.web.place_urls import Page, place_patterns
from onefuture.website import views

app_name = "web"

PAGES: list[Page] = [
    Page("", views.home, "home"),
    Page("big-things/", views.big_things, "big-things"),
    Page("big-things/<slug:key>/", views.big_thing, "big-thing"),
    Page("cross-cutting-ambitions/", views.ambitions, "cross-cutting-ambitions"),
    Page("cross-cutting-ambitions/<slug:key>/", views.ambition, "cross-cutting-ambition"),
    Page("partners/", views.partners, "partners"),
    Page("how-it-all-links/", views.how_it_all_links, "how-it-all-links"),
    *MEASURE_PAGES,
]

urlpatterns = [
    path("places/", views.places, name="places"),
    *place_patterns(PAGES),
]
