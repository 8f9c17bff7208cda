"""Reads about places, areas and comparator groups; every read is scoped by place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When

from onefuture.core.errors import NotFound
from onefuture.places.models import (
    AREA_TYPE_RANK,
    Area,
    AreaType,
    Boundary,
    BoundarySet,
    ComparatorGroup,
    Place,
)


def place_list() -> QuerySet[Place]:
    return Place.objects.order_by("slug")


def place_resolve(*, slug: str | None = None) -> Place:
    """The place with ``slug``; without one, the default place or the only place.

    Raises :class:`~onefuture.core.errors.NotFound` with a message that tells the user what to
    do (the CLI prints it, a page answers 404).
    """
    if slug:
        try:
            return Place.objects.get(slug=slug)
        except Place.DoesNotExist:
            known = ", ".join(place_list().values_list("slug", flat=True)) or "none yet"
            raise NotFound(f"No place with slug '{slug}'. Known places: {known}.") from None
    if settings.ONEFUTURE_DEFAULT_PLACE:
        return place_resolve(slug=settings.ONEFUTURE_DEFAULT_PLACE)
    places = list(place_list()[:2])
    if len(places) == 1:
        return places[0]
    if not places:
        raise NotFound(
            "There are no places yet: load a framework first (onefuture framework load FILE)."
        )
    raise NotFound("There are several places: choose one with --place SLUG.")


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


@dataclass(frozen=True)
class AreaBoundaries:
    """A place's shapes for one type of area, ready for a map, with what its licence requires.

    ``collection`` is a GeoJSON FeatureCollection whose features carry ``code`` and ``name``
    properties (the area's), whatever the loaded file called them.
    """

    area_type: str
    collection: dict[str, Any]
    name: str
    source: str
    licence: str
    attribution: str

    #: The feature property that holds each area's code in ``collection``.
    code_property = "code"

    @property
    def codes(self) -> set[str]:
        return {f["properties"]["code"] for f in self.collection["features"]}

    @property
    def note(self) -> str:
        """Where the shapes come from, for under the map: 'Ward boundaries: name; source.'"""
        parts = [p for p in (self.name, self.source, self.licence) if p]
        label = AreaType(self.area_type).label
        return f"{label} boundaries: {'; '.join(parts)}." if parts else ""


def area_boundaries(*, place: Place, area_type: str) -> AreaBoundaries | None:
    """The place's stored boundaries for ``area_type`` (e.g. its wards), or None if it has none."""
    boundary_set = BoundarySet.objects.filter(place=place, area_type=area_type).first()
    if boundary_set is None:
        return None
    rows = (
        Boundary.objects.filter(boundary_set=boundary_set, area__type=area_type)
        .order_by("area__code")
        .values_list("area__code", "area__name", "geometry")
    )
    features = [
        {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geometry}
        for code, name, geometry in rows
    ]
    if not features:
        return None
    return AreaBoundaries(
        area_type=area_type,
        collection={"type": "FeatureCollection", "features": features},
        name=boundary_set.name,
        source=boundary_set.source,
        licence=boundary_set.licence,
        attribution=boundary_set.attribution,
    )


def boundary_set_list(*, place: Place) -> QuerySet[BoundarySet]:
    """The place's boundary sets, one per type of area, broadest type first."""
    rank = Case(
        *(When(area_type=t, then=Value(r)) for t, r in AREA_TYPE_RANK.items()),
        output_field=IntegerField(),
    )
    return BoundarySet.objects.filter(place=place).annotate(type_rank=rank).order_by("type_rank")
