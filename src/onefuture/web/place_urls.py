"""Every public page exists twice: for the default place at ``/…`` and under ``/places/<slug>/…``.

Why: a single-council installation wants short addresses (``/big-things/good-jobs-and-homes/``),
while an installation that hosts several places needs each place addressable. Rather than
hand-write each route twice, apps declare their pages once as :class:`Page` rows (registered
with :func:`onefuture.web.registry.page_register`) and :func:`place_patterns` produces both
routes: ``name`` for the default place and ``place-<name>`` under ``/places/<place_slug>/``,
all in the URL namespace ``web``.

Views receive the resolved :class:`PlaceSite` through :func:`place_page` and build links with
``site.url("name", *args)`` (or ``{% place_url "name" arg %}`` in templates), so a visitor who
arrived under ``/places/<slug>/`` stays there and one who arrived at ``/`` keeps short links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, NamedTuple

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path, reverse

from onefuture.core.errors import NotFound
from onefuture.places.models import Place
from onefuture.places.selectors import place_resolve

#: The URL namespace of every public page.
NAMESPACE = "web"

PLACE_PREFIX = "place-"


class Page(NamedTuple):
    """One public page of a place: its route (relative to the place), view and URL name."""

    route: str
    view: Callable[..., HttpResponse]
    name: str


@dataclass(frozen=True)
class PlaceSite:
    """The place a request is about, and whether its URLs carry the ``/places/<slug>/`` prefix."""

    place: Place
    prefixed: bool
    url_name: str = ""

    def url(self, name: str, *args: object) -> str:
        """The URL of page ``name`` for this place, in the same style as the current request."""
        if self.prefixed:
            return reverse(f"{NAMESPACE}:{PLACE_PREFIX}{name}", args=[self.place.slug, *args])
        return reverse(f"{NAMESPACE}:{name}", args=list(args))


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
