"""What the measures add to other apps' pages: a big thing's measures as tiles with status words.

Registered from ``MeasuresConfig.ready()`` as a :class:`onefuture.web.registry.Panel`, so the
big thing page (owned by the website app) shows the summary without knowing measures exist.
"""

from __future__ import annotations

from typing import Any

from onefuture.measures.pages import big_thing_panel_context
from onefuture.web.place_urls import PlaceSite


def big_thing_measures(site: PlaceSite, big_thing: Any) -> dict[str, Any]:
    """The context of ``measures/includes/big_thing_summary.html`` for ``big_thing``: its
    measures' tiles and spine chart, read once (``pages.big_thing_panel_context``)."""
    return big_thing_panel_context(site, big_thing)
