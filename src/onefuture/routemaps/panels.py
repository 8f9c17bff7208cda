"""What the routemaps add to other apps' pages: the big thing's routemap status, and the
milestones tagged with a cross-cutting ambition (registered as web shell panels)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from onefuture.routemaps.pages.panels import ambition_milestones, big_thing_routemap
from onefuture.web.place_urls import PlaceSite


def big_thing_panel(site: PlaceSite, big_thing: Any) -> dict[str, Any] | None:
    """The context of ``routemaps/includes/big_thing_panel.html`` (None: no routemap)."""
    found = big_thing_routemap(big_thing=big_thing, today=timezone.localdate())
    return None if found is None else {"routemap": found}


def ambition_panel(site: PlaceSite, ambition: Any) -> dict[str, Any] | None:
    """The context of ``routemaps/includes/ambition_panel.html`` (None: no milestones)."""
    milestones = ambition_milestones(place=site.place, ambition=ambition)
    return {"milestones": milestones, "ambition": ambition} if milestones else None
