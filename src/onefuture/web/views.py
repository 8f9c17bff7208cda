"""The shell's own pages: the list of places, and the error pages in the site's layout.

The error pages keep the header and navigation of the place the visitor was on, so a mistyped
address under ``/places/<slug>/`` still looks like that place's site.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse

from onefuture.core.errors import NotFound
from onefuture.places.selectors import place_list, place_resolve
from onefuture.web.place_urls import PlaceSite
from onefuture.web.shortcuts import render

_PLACE_PATH = re.compile(r"^/places/(?P<slug>[-a-zA-Z0-9_]+)/")


def places(request: HttpRequest) -> HttpResponse:
    """Every place this installation serves."""
    return render(request, None, "web/place_list.html", {"places": list(place_list())})


def site_for_path(request: HttpRequest) -> PlaceSite | None:
    """The place the requested address belongs to (by its ``/places/<slug>/`` prefix, else the
    default place), or None when there is no such place; for pages that no view resolved."""
    match = _PLACE_PATH.match(request.path)
    try:
        if match:
            return PlaceSite(place=place_resolve(slug=match["slug"]), prefixed=True)
        return PlaceSite(place=place_resolve(), prefixed=False)
    except NotFound:
        return None


def page_not_found(
    request: HttpRequest, exception: Exception | None = None, *, message: str = ""
) -> HttpResponse:
    """The 404 page, in the same layout as every other page (Django's ``handler404``)."""
    return render(request, site_for_path(request), "web/404.html", {"message": message}, status=404)


def permission_denied(
    request: HttpRequest, exception: Exception | None = None, *, message: str = ""
) -> HttpResponse:
    """The 403 page in the site's layout (Django's ``handler403``)."""
    return render(request, site_for_path(request), "web/403.html", {"message": message}, status=403)
