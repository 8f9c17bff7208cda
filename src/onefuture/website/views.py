"""The public pages of a place. Views only translate: reads come from ``website.selectors``."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from onefuture.core.errors import NotFound
from onefuture.framework.models import BigThing, CrossCuttingAmbition, LinkType
from onefuture.framework.selectors import vision_get
from onefuture.places.models import Place
from onefuture.places.selectors import place_list, place_resolve
from onefuture.web.place_urls import PlaceSite, place_page, site_for
from onefuture.website import selectors
from onefuture.website.network import NetworkEdge, NetworkNode, network_layout


def _render(
    request: HttpRequest,
    site: PlaceSite | None,
    template: str,
    context: dict[str, object] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    page: dict[str, object] = {"site": site, "terms": site.place.terms if site else None}
    page.update(context or {})
    if site is not None and "vision" not in page:
        # The vision's title names the service beside the navigation on every page.
        page["vision"] = vision_get(place=site.place)
    return render(
        request, template if "/" in template else f"website/{template}", page, status=status
    )


def home(request: HttpRequest, place_slug: str | None = None) -> HttpResponse:
    """The place's home; at ``/`` with several places and no default, a list to choose from."""
    if place_slug is None:
        try:
            place_resolve()
        except NotFound:
            places = list(place_list())
            if len(places) > 1:
                return _render(request, None, "place_list.html", {"places": places})
    site = site_for(request, place_slug)
    content = selectors.home_content(place=site.place)
    return _render(
        request,
        site,
        "home.html",
        {
            "vision": content.vision,
            "big_things": content.big_things,
            "ambitions": content.ambitions,
        },
    )


def places(request: HttpRequest) -> HttpResponse:
    """Every place this installation serves."""
    return _render(request, None, "place_list.html", {"places": list(place_list())})


@place_page
def big_things(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    content = selectors.home_content(place=site.place)
    return _render(
        request, site, "big_things.html", {"vision": content.vision, "cards": content.big_things}
    )


@place_page
def big_thing(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    try:
        page = selectors.big_thing_page(place=site.place, key=key)
    except BigThing.DoesNotExist:
        raise Http404(f"No {site.place.terms['big_thing']['singular']} '{key}'.") from None
    return _render(request, site, "big_thing.html", {"page": page})


@place_page
def ambitions(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    return _render(
        request,
        site,
        "ambitions.html",
        {"ambitions": selectors.home_content(place=site.place).ambitions},
    )


@place_page
def ambition(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    try:
        page = selectors.ambition_page(place=site.place, key=key)
    except CrossCuttingAmbition.DoesNotExist:
        term = site.place.terms["cross_cutting_ambition"]["singular"]
        raise Http404(f"No {term} '{key}'.") from None
    return _render(request, site, "ambition.html", {"page": page})


@place_page
def partners(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    return _render(
        request, site, "partners.html", {"groups": selectors.partner_groups(place=site.place)}
    )


@place_page
def how_it_all_links(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    overview = selectors.links_overview(place=site.place)
    node_ids = {(ref.kind, ref.key): f"{ref.kind}:{ref.key}" for ref in overview.nodes}
    layout = network_layout(
        [
            NetworkNode(
                id=node_ids[(ref.kind, ref.key)],
                label=ref.title,
                group=ref.kind,
                illustrative=ref.illustrative,
            )
            for ref in overview.nodes
        ],
        [
            NetworkEdge(
                source=node_ids[(row.source.kind, row.source.key)],
                target=node_ids[(row.target.kind, row.target.key)],
                type=row.type,
                strength=row.strength,
            )
            for row in overview.links
        ],
    )
    return _render(
        request,
        site,
        "how_it_all_links.html",
        {
            "overview": overview,
            "network": layout,
            "link_types": [t.value for t in LinkType],
            "illustrative_links": sum(1 for row in overview.links if row.illustrative),
        },
    )


_PLACE_PATH = re.compile(r"^/places/(?P<slug>[-a-zA-Z0-9_]+)/")


def _site_for_missing_page(request: HttpRequest) -> PlaceSite | None:
    """The place a missing page would have belonged to, so the 404 keeps that place's header."""
    match = _PLACE_PATH.match(request.path)
    try:
        if match:
            place = Place.objects.get(slug=match["slug"])
            return PlaceSite(place=place, prefixed=True)
        return PlaceSite(place=place_resolve(), prefixed=False)
    except (NotFound, Place.DoesNotExist):
        return None


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page, in the same layout as every other page."""
    return _render(request, _site_for_missing_page(request), "web/404.html", status=404)
