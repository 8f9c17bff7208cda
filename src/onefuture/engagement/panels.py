"""What engagement adds to other apps' pages: "What people asked for" on a milestone's page and
on a measure's page — the public themes whose published response it delivers or tracks."""

from __future__ import annotations

from typing import Any

from onefuture.engagement.selectors.report import themes_for_measure, themes_for_milestone
from onefuture.web.place_urls import PlaceSite


def milestone_panel(site: PlaceSite, milestone: Any) -> dict[str, Any] | None:
    """The context of ``engagement/public/includes/asked_for_panel.html`` (None: no theme)."""
    themes = themes_for_milestone(place=site.place, milestone=milestone)
    return {"themes": themes, "what": "milestone"} if themes else None


def measure_panel(site: PlaceSite, measure: Any) -> dict[str, Any] | None:
    themes = themes_for_measure(place=site.place, measure=measure)
    return {"themes": themes, "what": "measure"} if themes else None
