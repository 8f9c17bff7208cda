"""``render``: every public page's response, with what the shared layout needs.

One function for every app's views, so each page gets the same context: ``site`` (the
:class:`~onefuture.web.place_urls.PlaceSite`), ``terms`` (the place's words for each concept)
and every registered :class:`~onefuture.web.registry.PageContext` value the view did not supply
(the framework's ``vision``, whose title names the service beside the navigation).
"""

from __future__ import annotations

from typing import Any

from django import shortcuts
from django.http import HttpRequest, HttpResponse

from onefuture.web.place_urls import PlaceSite
from onefuture.web.registry import page_context_list


def page_context(site: PlaceSite | None, context: dict[str, Any] | None = None) -> dict[str, Any]:
    """The template context of a page of ``site`` (None for pages about no place)."""
    page: dict[str, Any] = {"site": site, "terms": site.place.terms if site else None}
    page.update(context or {})
    if site is not None:
        for entry in page_context_list():
            if entry.name not in page:
                page[entry.name] = entry.value(site)
    return page


def render(
    request: HttpRequest,
    site: PlaceSite | None,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    """Render ``template`` (a full template name, e.g. ``"measures/progress.html"``)."""
    return shortcuts.render(request, template, page_context(site, context), status=status)
