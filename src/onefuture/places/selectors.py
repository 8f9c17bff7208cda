"""Reads about places, areas and comparator groups; every read is scoped by place."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When

from onefuture.places.models import AREA_TYPE_RANK, Area, ComparatorGroup, Place


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


def place_terms(*, place: Place) -> dict[str, dict[str, str]]:
    """The place's words for each concept: ``place_terms(place=p)['big_thing']['plural']``."""
    return place.terms


def area_list(*, place: Place, type: str | None = None) -> QuerySet[Area]:
    """The place's areas, broadest type first then by name; optionally one ``type`` only."""
    areas = Area.objects.filter(place=place).select_related("parent")
    if type:
        areas = areas.filter(type=type)
    rank = Case(
        *(When(type=t, then=Value(r)) for t, r in AREA_TYPE_RANK.items()),
        output_field=IntegerField(),
    )
    return areas.annotate(type_rank=rank).order_by("type_rank", "name")


def area_get(*, place: Place, code: str) -> Area:
    """The place's area with ``code``; raises Area.DoesNotExist."""
    return Area.objects.select_related("parent").get(place=place, code=code)


def area_children(*, area: Area) -> QuerySet[Area]:
    """The areas directly inside ``area`` (e.g. the wards of a local authority), by name."""
    return Area.objects.filter(place=area.place_id, parent=area).order_by("name")


def area_home(*, place: Place) -> Area | None:
    """The place's own local authority: the area its figures are about, if there is one."""
    return (
        Area.objects.filter(place=place, type="local_authority", children__type="ward")
        .distinct()
        .order_by("code")
        .first()
    )


def comparator_group_list(*, place: Place) -> QuerySet[ComparatorGroup]:
    return (
        ComparatorGroup.objects.filter(place=place)
        .select_related("subject")
        .prefetch_related("areas")
        .order_by("name")
    )


def comparator_group_get(*, place: Place, slug: str) -> ComparatorGroup:
    """The place's comparator group ``slug``; raises ComparatorGroup.DoesNotExist."""
    return comparator_group_list(place=place).get(slug=slug)
