"""The service navigation of a place's public site.

Other apps add their own item by appending a :class:`~onefuture.web.place_urls.NavItem` to
``NAVIGATION`` (for example "Progress to 2040" from the measures pages). Labels are functions of
the place's terminology, so a council that says "missions" sees "Missions".
"""

from __future__ import annotations

from typing import Any

from onefuture.web.place_urls import NavItem, PlaceSite

NAVIGATION: list[NavItem] = [
    NavItem("home", lambda terms: "Home"),
    NavItem(
        "big-things",
        lambda terms: terms["big_thing"]["plural"].capitalize(),
        sections=("big-thing",),
    ),
    NavItem(
        "cross-cutting-ambitions",
        lambda terms: terms["cross_cutting_ambition"]["plural"].capitalize(),
        sections=("cross-cutting-ambition",),
    ),
    NavItem("how-it-all-links", lambda terms: "How it all links"),
    NavItem("partners", lambda terms: terms["partner"]["plural"].capitalize()),
]


def navigation_for(site: PlaceSite) -> list[dict[str, Any]]:
    """The navigation items with their URLs for ``site`` and which one is current.

    ``current`` is ``"page"`` on the item's own page and ``"true"`` inside its section, the
    values ``aria-current`` takes.
    """
    terms = site.place.terms
    items = []
    for item in NAVIGATION:
        current = ""
        if site.url_name == item.url_name:
            current = "page"
        elif site.url_name in item.sections:
            current = "true"
        items.append(
            {"href": site.url(item.url_name), "label": item.label(terms), "current": current}
        )
    return items
