"""Reads about places."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from onefuture.places.models import Place


def place_list() -> QuerySet[Place]:
    return Place.objects.order_by("slug")


def place_resolve(*, slug: str | None = None) -> Place:
    """The place with ``slug``; without one, the default place or the only place.

    Raises LookupError with a message that tells the user what to do.
    """
    if slug:
        try:
            return Place.objects.get(slug=slug)
        except Place.DoesNotExist:
            known = ", ".join(place_list().values_list("slug", flat=True)) or "none yet"
            raise LookupError(f"No place with slug '{slug}'. Known places: {known}.") from None
    if settings.ONEFUTURE_DEFAULT_PLACE:
        return place_resolve(slug=settings.ONEFUTURE_DEFAULT_PLACE)
    places = list(place_list()[:2])
    if len(places) == 1:
        return places[0]
    if not places:
        raise LookupError(
            "There are no places yet: load a framework first (onefuture framework load FILE)."
        )
    raise LookupError("There are several places: choose one with --place SLUG.")
