"""The public routemap pages. Views only translate HTTP to :mod:`onefuture.routemaps.pages`.

Every page is scoped by the place in the URL; an unknown key is a 404 naming it (the
selectors' ``NotFound``, translated by the web shell). Nothing here reads an unpublished update:
the page builders read only published ones.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from onefuture.routemaps.pages.changes import changes_page, default_since
from onefuture.routemaps.pages.milestone import milestone_page
from onefuture.routemaps.pages.plans import delivery_plan_list_page, delivery_plan_page
from onefuture.routemaps.pages.routemap import routemap_overview, routemap_page
from onefuture.web.place_urls import Page, PlaceSite, place_page
from onefuture.web.registry import NavItem
from onefuture.web.shortcuts import render


def _render(request: HttpRequest, site: PlaceSite, template: str, context: dict) -> HttpResponse:
    return render(request, site, f"routemaps/public/{template}", context)


@place_page
def overview(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The plan on a page: every big thing's roll-up by horizon."""
    page = routemap_overview(place=site.place, today=timezone.localdate())
    return _render(request, site, "overview.html", {"page": page})


@place_page
def routemap(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """A big thing's routemap: the timeline, its table, the roll-up and its delivery plans."""
    page = routemap_page(place=site.place, big_thing_key=key, today=timezone.localdate())
    return _render(request, site, "routemap.html", {"page": page})


@place_page
def routemap_svg(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """The routemap's timeline as a standalone SVG file (the same drawing as the page's)."""
    page = routemap_page(place=site.place, big_thing_key=key, today=timezone.localdate())
    svg = render_to_string("routemaps/includes/timeline_svg.html", {"timeline": page.timeline})
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg.strip(), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'attachment; filename="{key}-routemap.svg"'
    return response


@place_page
def milestone(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """One milestone with its published updates, dependencies, measures and ambitions."""
    return _render(
        request, site, "milestone.html", {"page": milestone_page(place=site.place, key=key)}
    )


@place_page
def delivery_plans(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Every delivery plan."""
    return _render(
        request, site, "delivery_plans.html", {"plans": delivery_plan_list_page(place=site.place)}
    )


@place_page
def delivery_plan(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """One delivery plan with its milestones."""
    page = delivery_plan_page(place=site.place, key=key, today=timezone.localdate())
    return _render(request, site, "delivery_plan.html", {"page": page})


def _since(value: str, today: dt.date) -> tuple[dt.date, str]:
    """The date asked for, or the default with the error to show (GOV.UK error message)."""
    if not value:
        return default_since(today), ""
    try:
        since = dt.date.fromisoformat(value.strip())
    except ValueError:
        return default_since(today), "Enter the date as year-month-day, for example 2026-01-31"
    if since > today:
        return default_since(today), "The date must be today or in the past"
    return since, ""


@place_page
def changes(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """What changed since a chosen date (``?since=YYYY-MM-DD``; 3 months back by default)."""
    today = timezone.localdate()
    raw = request.GET.get("since", "")
    since, error = _since(raw, today)
    return _render(
        request,
        site,
        "changes.html",
        {
            "page": changes_page(place=site.place, since=since),
            "since_value": raw if error else since.isoformat(),
            "error": error,
        },
    )


#: The public pages, registered by ``registration.register_public_pages``.
PAGES = [
    Page("routemaps/", overview, "routemaps"),
    Page("routemaps/changes/", changes, "routemap-changes"),
    Page("big-things/<slug:key>/routemap/", routemap, "routemap"),
    Page("big-things/<slug:key>/routemap.svg", routemap_svg, "routemap-svg"),
    Page("milestones/<slug:key>/", milestone, "milestone"),
    Page("delivery-plans/", delivery_plans, "delivery-plans"),
    Page("delivery-plans/<slug:key>/", delivery_plan, "delivery-plan"),
]

#: Between "Progress" (30) and the cross-cutting ambitions (40).
NAVIGATION = NavItem(
    "routemaps",
    lambda terms: "Routemaps",
    sections=("routemap", "milestone", "delivery-plans", "delivery-plan", "routemap-changes"),
    order=35,
)
