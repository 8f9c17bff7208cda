"""The public pages of a place. Views only translate: reads come from ``website.selectors``."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from onefuture.core.errors import NotFound
from onefuture.framework.models import BigThing, CrossCuttingAmbition, LinkType
from onefuture.partners.models import Partner
from onefuture.places.selectors import place_list, place_resolve
from onefuture.web.place_urls import PlaceSite, place_page, site_for
from onefuture.web.shortcuts import render
from onefuture.website import selectors
from onefuture.website.network import NetworkEdge, NetworkNode, network_layout


def _render(
    request: HttpRequest,
    site: PlaceSite | None,
    template: str,
    context: dict[str, object] | None = None,
) -> HttpResponse:
    return render(request, site, f"website/{template}", context)


def home(request: HttpRequest, place_slug: str | None = None) -> HttpResponse:
    """The place's home; at ``/`` with several places and no default, a list to choose from."""
    if place_slug is None:
        try:
            place_resolve()
        except NotFound:
            places = list(place_list())
            if len(places) > 1:
                return render(request, None, "web/place_list.html", {"places": places})
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
def partner(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """A partner's page: who it is, its links, and (panels) what it leads and has committed to."""
    try:
        page = selectors.partner_page(place=site.place, key=key)
    except Partner.DoesNotExist:
        raise Http404(f"No {site.place.terms['partner']['singular']} '{key}'.") from None
    return _render(request, site, "partner.html", {"page": page})


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
