"""A big thing's routemap page and the overview of every routemap (the plan on a page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onefuture.framework.models import BigThing
from onefuture.framework.selectors import big_thing_list
from onefuture.places.models import Place
from onefuture.routemaps.models import Horizon, Routemap
from onefuture.routemaps.pages.common import (
    MilestoneView,
    TimelineView,
    milestone_views,
    timeline_view,
)
from onefuture.routemaps.rollup import RULE, Rollup, rollup
from onefuture.routemaps.selectors import plan
from onefuture.routemaps.selectors.plan import DeliveryPlanSummary, MilestoneRow


@dataclass(frozen=True)
class HorizonGroup:
    """The milestones of one horizon (``horizon`` None: outside every horizon) and their roll-up."""

    horizon: Horizon | None
    title: str
    milestones: tuple[MilestoneView, ...]
    rollup: Rollup


@dataclass(frozen=True)
class RoutemapPage:
    """Everything a big thing's routemap page shows."""

    routemap: Routemap
    big_thing: BigThing
    title: str
    rollup: Rollup
    timeline: TimelineView
    horizons: tuple[HorizonGroup, ...]
    delivery_plans: tuple[DeliveryPlanSummary, ...]


def _rollup(rows: list[MilestoneRow]) -> Rollup:
    return rollup((r.status, r.milestone.weight) for r in rows)


def routemap_page(*, place: Place, big_thing_key: str, today: dt.date) -> RoutemapPage:
    """The routemap of big thing ``big_thing_key`` (raises ``NotFound`` if it has none)."""
    detail = plan.routemap_detail(place=place, big_thing_key=big_thing_key)
    views = milestone_views(detail.milestones)
    by_key = {v.key: v for v in views}
    groups = tuple(
        HorizonGroup(
            horizon=horizon,
            title=horizon.title if horizon is not None else "Outside the horizons",
            milestones=tuple(by_key[r.milestone.key] for r in rows),
            rollup=_rollup(rows),
        )
        for horizon, rows in detail.by_horizon()
    )
    title = detail.routemap.title or f"{detail.big_thing.title} routemap"
    timeline = timeline_view(
        id="timeline",
        title=f"Timeline: {title}",
        rows=views,
        horizons=detail.horizons,
        today=today,
        overall=detail.rollup.overall,
    )
    serving = tuple(
        summary
        for summary in plan.delivery_plan_list(place=place)
        if any(b.pk == detail.big_thing.pk for b in summary.big_things)
        or any(r.milestone.routemap_id == detail.routemap.pk for r in summary.milestones)
    )
    return RoutemapPage(
        routemap=detail.routemap,
        big_thing=detail.big_thing,
        title=title,
        rollup=detail.rollup,
        timeline=timeline,
        horizons=groups,
        delivery_plans=serving,
    )


@dataclass(frozen=True)
class OverviewCell:
    """One big thing's milestones in one horizon (or all of them), rolled up."""

    title: str
    rollup: Rollup


@dataclass(frozen=True)
class OverviewRow:
    """One big thing on the plan on a page: its roll-up by horizon and overall."""

    big_thing: BigThing
    routemap: Routemap | None
    cells: tuple[OverviewCell, ...]
    rollup: Rollup | None
    next_due: MilestoneView | None


@dataclass(frozen=True)
class RoutemapOverview:
    """The plan on a page: every big thing, with its roll-up by horizon, and the whole plan's."""

    horizons: tuple[Horizon, ...]
    columns: tuple[str, ...]
    rows: tuple[OverviewRow, ...]
    rollup: Rollup
    rule: str = RULE


_OPEN = {"not_started", "on_track", "at_risk", "off_track"}


def routemap_overview(*, place: Place, today: dt.date) -> RoutemapOverview:
    """Every big thing of the place in order, with or without a routemap."""
    horizons = tuple(plan.horizon_list(place=place))
    summaries = {s.big_thing.pk: s for s in plan.routemap_list(place=place)}
    everything = [r for s in summaries.values() for r in s.milestones]
    outside_column = any(r.horizon is None for r in everything)
    rows = []
    for big_thing in big_thing_list(place=place):
        summary = summaries.get(big_thing.pk)
        if summary is None:
            rows.append(OverviewRow(big_thing, None, (), None, None))
            continue
        milestones = list(summary.milestones)
        cells = [
            OverviewCell(h.title, _rollup([r for r in milestones if r.horizon == h]))
            for h in horizons
        ]
        if outside_column:
            outside = [r for r in milestones if r.horizon is None]
            cells.append(OverviewCell("Outside the horizons", _rollup(outside)))
        upcoming = [r for r in milestones if r.status in _OPEN and r.milestone.due_date >= today]
        rows.append(
            OverviewRow(
                big_thing=big_thing,
                routemap=summary.routemap,
                cells=tuple(cells),
                rollup=summary.rollup,
                next_due=milestone_views(upcoming[:1])[0] if upcoming else None,
            )
        )
    columns = tuple(h.title for h in horizons) + (
        ("Outside the horizons",) if outside_column else ()
    )
    return RoutemapOverview(
        horizons=horizons, columns=columns, rows=tuple(rows), rollup=_rollup(everything)
    )
