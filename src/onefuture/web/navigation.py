"""The service navigation of a place's public site, built from the registered items.

Apps add their items with :func:`onefuture.web.registry.navigation_register` (the framework
pages add "Home", the big things ...; measures adds "Progress"). Labels are functions of the
place's terminology, so a council that says "missions" sees "Missions".
"""

from __future__ import annotations

from typing import Any

from onefuture.web.place_urls import PlaceSite
from onefuture.web.registry import navigation_list


def navigation_for(site: PlaceSite) -> list[dict[str, Any]]:
    """The navigation items with their URLs for ``site`` and which one is current.

    ``current`` is ``"page"`` on the item's own page and ``"true"`` inside its section, the
    values ``aria-current`` takes.
    """
    terms = site.place.terms
    items = []
    for item in navigation_list():
        current = ""
        if site.url_name == item.url_name:
            current = "page"
        elif site.url_name in item.sections:
            current = "true"
        items.append(
            {"href": site.url(item.url_name), "label": item.label(terms), "current": current}
        )
    return items
