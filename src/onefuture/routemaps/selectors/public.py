"""The few reads only the public routemap pages need (the plan's rules stay in ``plan``).

``milestone_rows_for_ambition(place=, ambition=)``
    The milestones tagged with a cross-cutting ambition, as the plan's rows (current status,
    named leads, horizon), in due-date order.
"""

from __future__ import annotations

from onefuture.framework.models import CrossCuttingAmbition
from onefuture.places.models import Place
from onefuture.routemaps.models import Milestone
from onefuture.routemaps.selectors.plan import MilestoneRow, horizon_list, milestone_rows


def milestone_rows_for_ambition(
    *, place: Place, ambition: CrossCuttingAmbition
) -> list[MilestoneRow]:
    """The milestones of ``place`` tagged with ``ambition``, due-date order."""
    milestones = (
        Milestone.objects.filter(place=place, ambitions=ambition)
        .select_related("routemap", "routemap__big_thing", "delivery_plan")
        .order_by("due_date", "order", "key")
    )
    return milestone_rows(milestones, horizons=horizon_list(place=place))
