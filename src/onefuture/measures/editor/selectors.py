"""Reads for the measure editor and the commentary page, scoped by place.

The choices an officer picks from are few and named: benchmarks from the countries and regions
the place has (and the home area's own parents), never its hundreds of wards or small areas;
home areas from the local authorities the place's comparator groups are about.
"""

from __future__ import annotations

from onefuture.measures.models import Commentary, Measure
from onefuture.measures.selectors import measure_home_area
from onefuture.places.models import Area, AreaType, ComparatorGroup, Place

#: The area types a benchmark may be chosen from: broad areas to compare with.
BENCHMARK_TYPES = (AreaType.COUNTRY, AreaType.REGION)


def _ancestors(area: Area | None) -> list[Area]:
    found: list[Area] = []
    seen: set[int] = set()
    while area is not None and area.parent_id and area.parent_id not in seen:
        seen.add(area.parent_id)
        area = Area.objects.filter(pk=area.parent_id).first()
        if area is not None:
            found.append(area)
    return found


def editor_benchmark_choices(*, place: Place, measure: Measure) -> list[Area]:
    """The areas a measure's benchmarks are chosen from: the place's countries and regions,
    the parents of the measure's home area, and the benchmarks it has now; broadest first."""
    areas = {a.pk: a for a in Area.objects.filter(place=place, type__in=BENCHMARK_TYPES)}
    for area in _ancestors(measure_home_area(measure)):
        areas.setdefault(area.pk, area)
    for area in measure.benchmark_areas.all():
        areas.setdefault(area.pk, area)
    rank = {t.value: r for r, t in enumerate(AreaType)}
    return sorted(areas.values(), key=lambda a: (rank.get(a.type, 99), a.name))


def editor_home_area_choices(*, place: Place, measure: Measure) -> list[Area]:
    """The areas a measure can be about: the subjects of the place's comparator groups, the
    local authorities that have wards in the place, and the measure's own home area."""
    areas = {
        a.pk: a
        for a in Area.objects.filter(place=place, comparator_groups_as_subject__isnull=False)
    }
    for area in Area.objects.filter(
        place=place, type=AreaType.LOCAL_AUTHORITY, children__type="ward"
    ):
        areas.setdefault(area.pk, area)
    if measure.home_area_id:
        areas.setdefault(measure.home_area_id, measure.home_area)
    return sorted(areas.values(), key=lambda a: a.name)


def editor_comparator_groups(*, place: Place) -> list[ComparatorGroup]:
    """The place's comparator groups by name."""
    return list(ComparatorGroup.objects.filter(place=place).order_by("name"))


def commentary_history(*, measure: Measure) -> list[Commentary]:
    """Everything written about ``measure``, newest first, with its author."""
    return list(
        Commentary.objects.filter(measure=measure)
        .select_related("author")
        .order_by("-created_at", "-id")
    )
