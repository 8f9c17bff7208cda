"""What the routemaps add to the big thing page and the ambition page, as template context."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from onefuture.routemaps.pages.common import MilestoneView, milestone_views
from onefuture.routemaps.rollup import Rollup
from onefuture.routemaps.selectors import plan
from onefuture.routemaps.selectors.public import milestone_rows_for_ambition

#: How many of the next open milestones the big thing's panel lists.
NEXT_SHOWN = 3

_OPEN = {"not_started", "on_track", "at_risk", "off_track"}


@dataclass(frozen=True)
class BigThingRoutemap:
    """A big thing's routemap status: its roll-up and the next milestones due."""

    big_thing_key: str
    title: str
    rollup: Rollup
    next_due: tuple[MilestoneView, ...]
    count: int


def big_thing_routemap(*, big_thing: Any, today: dt.date) -> BigThingRoutemap | None:
    """The routemap status of ``big_thing`` (None if it has no routemap)."""
    summary = plan.big_thing_rollup(big_thing=big_thing)
    if summary is None:
        return None
    upcoming = [
        r for r in summary.milestones if r.status in _OPEN and r.milestone.due_date >= today
    ]
    return BigThingRoutemap(
        big_thing_key=big_thing.key,
        title=summary.routemap.title or f"{big_thing.title} routemap",
        rollup=summary.rollup,
        next_due=tuple(milestone_views(upcoming[:NEXT_SHOWN])),
        count=len(summary.milestones),
    )


def ambition_milestones(*, place: Any, ambition: Any) -> list[MilestoneView]:
    """The milestones tagged with ``ambition``, due-date order."""
    return milestone_views(milestone_rows_for_ambition(place=place, ambition=ambition))
