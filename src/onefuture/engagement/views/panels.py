"""The big thing page's "have your say" panel (a web shell panel)."""

from __future__ import annotations

from typing import Any

from onefuture.engagement.pages.capture import have_your_say_panel
from onefuture.web.place_urls import PlaceSite


def big_thing_have_your_say(site: PlaceSite, big_thing: Any) -> dict[str, Any] | None:
    found = have_your_say_panel(place=site.place)
    return None if found is None else {**found, "big_thing": big_thing}
