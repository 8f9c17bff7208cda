"""The delivery plan pages: the list, and one plan with its milestones' timeline and roll-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onefuture.places.models import Place
from onefuture.routemaps.pages.common import TimelineView, milestone_views, timeline_view
from onefuture.routemaps.selectors import plan
from onefuture.routemaps.selectors.plan import DeliveryPlanSummary


@dataclass(frozen=True)
class DeliveryPlanPage:
    """One delivery plan: what the selector reads, and the timeline of its milestones."""

    summary: DeliveryPlanSummary
    timeline: TimelineView


def delivery_plan_list_page(*, place: Place) -> list[DeliveryPlanSummary]:
    """Every delivery plan of the place, each with its roll-up."""
    return plan.delivery_plan_list(place=place)


def delivery_plan_page(*, place: Place, key: str, today: dt.date) -> DeliveryPlanPage:
    """The delivery plan ``key`` (raises ``NotFound``)."""
    summary = plan.delivery_plan_detail(place=place, key=key)
    horizons = [
        h
        for h in plan.horizon_list(place=place)
        if h.end_year >= summary.plan.start_year and h.start_year <= summary.plan.end_year
    ]
    return DeliveryPlanPage(
        summary=summary,
        timeline=timeline_view(
            id="timeline",
            title=f"Timeline: {summary.plan.title}",
            rows=milestone_views(summary.milestones),
            horizons=horizons,
            today=today,
            overall=summary.rollup.overall,
            show_big_thing=True,
        ),
    )
