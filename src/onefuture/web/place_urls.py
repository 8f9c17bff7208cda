"""Every public page exists twice: for the default place at ``/…`` and under ``/places/<slug>/…``.

Why: a single-council installation wants short addresses (``/big-things/good-jobs-and-homes/``),
while an installation that hosts several places needs each place addressable. Rather than
hand-write each route twice, apps declare their pages once as :class:`Page` rows and
:func:`place_patterns` produces both routes: ``name`` for the default place and
``place-<name>`` under ``/places/<place_slug>/``.

Views receive the resolved :class:`PlaceSite` through :func:`place_page` and build links with
``site.url("name", *args)`` (or ``{% place_url "name" arg %}`` in templates), so a visitor who
arrived under ``/places/<slug>/`` stays there and one who arrived at ``/`` keeps short links.

Adding pages from another app (for example measure pages) takes two lines in
``onefuture/website/urls.py``: import the app's list of :class:`Page` rows and add it to
``PAGES``. To add a service-navigation item, append a :class:`NavItem` to ``NAVIGATION``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, NamedTuple

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path, reverse

from onefuture.core.errors import NotFound
from onefuture.places.models import Place
from onefuture.places.selectors import place_resolve

PLACE_PREFIX = "place-"


class Page(NamedTuple):
    """One public page of a place: its route (relative to the place), view and URL name."""

    route: str
    view: Callable[..., HttpResponse]
    name: str


@dataclass(frozen=True)
class NavItem:
    """An item of the service navigation.

    ``label`` is a function of the place's terminology (so another council's "priorities" read
    as such); ``sections`` are the URL names that count as "inside" this item, marked with
    ``aria-current="true"`` (the item's own page gets ``aria-current="page"``).
    """

    url_name: str
    label: Callable[[Any], str]
    sections: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PlaceSite:
    """The place a request is about, and whether its URLs carry the ``/places/<slug>/`` prefix."""

    place: Place
    prefixed: bool
    url_name: str = ""

    def url(self, name: str, *args: object) -> str:
        """The URL of page ``name`` for this place, in the same style as the current request."""
        if self.prefixed:
            return reverse(f"web:{PLACE_PREFIX}{name}", args=[self.place.slug, *args])
        return reverse(f"web:{name}", args=list(args))


def place_patterns(pages: Iterable[Page]) -> list[URLPattern | URLResolver]:
    """URL patterns for ``pages`` at the root (default place) and under ``/places/<slug>/``."""
    pages = list(pages)
    root = [path(page.route, page.view, name=page.name) for page in pages]
    prefixed = [path(page.route, page.view, name=f"{PLACE_PREFIX}{page.name}") for page in pages]
    return [*root, path("places/<slug:place_slug>/", include(prefixed))]


def place_for_request(place_slug: str | None) -> Place:
    """The place a URL names, or the default place for un-prefixed URLs; 404 if there is none."""
    try:
        return place_resolve(slug=place_slug)
    except NotFound as error:
        raise Http404(str(error)) from None


def site_for(request: HttpRequest, place_slug: str | None) -> PlaceSite:
    """The :class:`PlaceSite` of a request; raises Http404 when the place cannot be found."""
    match = request.resolver_match
    url_name = (match.url_name or "") if match else ""
    return PlaceSite(
        place=place_for_request(place_slug),
        prefixed=place_slug is not None,
        url_name=url_name.removeprefix(PLACE_PREFIX),
    )


def place_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the place for a page view and pass it on as ``site`` (a :class:`PlaceSite`).

    The wrapped view is called as ``view(request, site, **url_kwargs)``.
    """

    @wraps(view)
    def wrapper(
        request: HttpRequest, *args: Any, place_slug: str | None = None, **kwargs: Any
    ) -> HttpResponse:
        return view(request, site_for(request, place_slug), *args, **kwargs)

    return wrapper
