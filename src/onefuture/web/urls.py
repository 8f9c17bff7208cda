"""The public site's URLconf: the shell's own pages and every registered page, per place.

Django imports this when it first resolves a URL, after every app's ``ready()`` has registered
its pages (``onefuture.web.registry.page_register``). Every name is in the ``web`` namespace:
``reverse("web:big-thing", args=[key])``, or ``site.url("big-thing", key)`` in a view.
"""

from __future__ import annotations

from django.urls import path

from onefuture.web import views
from onefuture.web.place_urls import NAMESPACE, place_patterns
from onefuture.web.registry import page_list

app_name = NAMESPACE

urlpatterns = [
    path("places/", views.places, name="places"),
    *place_patterns(page_list()),
]
