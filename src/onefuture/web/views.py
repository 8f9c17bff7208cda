"""The shell's own pages: the list of places, and the error pages in the site's layout.

The error pages keep the header and navigation of the place the visitor was on, so a mistyped
address under ``/places/<slug>/`` still looks like that place's site. They are what every mode
shows (``make run`` included): Django's debug pages appear only when a developer sets
``DJANGO_DEBUG=1``.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

from onefuture.core.errors import NotFound
from onefuture.places.selectors import place_list, place_resolve
from onefuture.web.place_urls import PlaceSite
from onefuture.web.shortcuts import page_context, render

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


#: The last resort when even the plain 500 template cannot be rendered (a broken template).
_BARE_500 = (
    "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
    "<title>Sorry, there is a problem with the service</title></head><body>"
    "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p></body></html>"
)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page (Django's ``handler500``), in GOV.UK style.

    Whatever failed may be the database or a template, so this page asks as little as it can:
    the place's layout if the place can still be read, else the layout without a place, else
    a bare page. It never shows what went wrong (that is in the server's log).
    """
    for site in _sites_for_error(request):
        try:
            html = render_to_string("web/500.html", _error_context(site), request=request)
        except Exception:  # noqa: S112 - the next, plainer layout is tried
            continue
        return HttpResponseServerError(html)
    return HttpResponseServerError(_BARE_500)


def _sites_for_error(request: HttpRequest):
    try:
        site = site_for_path(request)
    except Exception:  # the database itself may be what failed
        site = None
    if site is not None:
        yield site
    yield None


def _error_context(site: PlaceSite | None) -> dict:
    return page_context(site, {})
