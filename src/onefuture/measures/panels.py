"""What the measures add to other apps' pages: a big thing's measures as tiles with status words,
and the measures tagged with a cross-cutting ambition on the ambition's page.

Registered from ``MeasuresConfig.ready()`` as :class:`onefuture.web.registry.Panel` rows, so the
big thing and ambition pages (owned by the website app) show them without knowing measures exist.
"""

from __future__ import annotations

from typing import Any

from onefuture.measures.pages import ProgressFilters, big_thing_panel_context, progress_page
from onefuture.web.place_urls import PlaceSite


def big_thing_measures(site: PlaceSite, big_thing: Any) -> dict[str, Any]:
    """The context of ``measures/includes/big_thing_summary.html`` for ``big_thing``: its
    measures' tiles and spine chart, read once (``pages.big_thing_panel_context``)."""
    return big_thing_panel_context(site, big_thing)


def ambition_measures(site: PlaceSite, ambition: Any) -> dict[str, Any]:
    """The context of ``measures/includes/ambition_measures.html``: the measures tagged with
    ``ambition``, as the progress page shows them filtered by it (the same rows and target)."""
    page = progress_page(place=site.place, filters=ProgressFilters(ambition=ambition.key))
    return {"rows": page.rows, "ambition": ambition}
