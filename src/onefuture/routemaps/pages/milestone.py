"""The milestone page: what it is, who leads it, its status with the published updates behind
it, its dependencies both ways, the success measures it moves and the ambitions it serves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onefuture.framework.models import BigThing, CrossCuttingAmbition
from onefuture.measures import honesty
from onefuture.measures import selectors as measure_selectors
from onefuture.measures.models import AssessmentKind, Measure
from onefuture.measures.vocabulary import NOT_ASSESSED, Status, assessment_status
from onefuture.places.models import Place
from onefuture.routemaps.models import DeliveryPlan, Routemap
from onefuture.routemaps.pages.common import MilestoneView, milestone_view
from onefuture.routemaps.selectors import plan
from onefuture.routemaps.selectors.updates import update_list_published
from onefuture.routemaps.vocabulary import MILESTONE_STATUS, StatusWords

#: The headline assessments a milestone's measure shows, in this order.
HEADLINE_KINDS = (
    AssessmentKind.PROGRESS,
    AssessmentKind.TRAJECTORY,
    AssessmentKind.TREND,
    AssessmentKind.COMPARISON,
)


@dataclass(frozen=True)
class UpdateView:
    """A published update as the public sees it: no person's name, only what was reported."""

    published_on: dt.date | None
    period: str
    words: StatusWords
    changed_from: StatusWords | None
    no_change: bool
    narrative: str
    evidence_url: str


@dataclass(frozen=True)
class AssessmentLine:
    heading: str
    status: Status


@dataclass(frozen=True)
class MeasureView:
    """A linked success measure with its latest headline assessments."""

    measure: Measure
    illustrative: bool
    assessments: tuple[AssessmentLine, ...]


@dataclass(frozen=True)
class MilestonePage:
    """Everything the milestone page shows."""

    row: MilestoneView
    description: str
    source: str
    source_url: str
    routemap: Routemap
    big_thing: BigThing
    delivery_plan: DeliveryPlan | None
    updates: tuple[UpdateView, ...]
    depends_on: tuple[MilestoneView, ...]
    needed_by: tuple[MilestoneView, ...]
    measures: tuple[MeasureView, ...]
    ambitions: tuple[CrossCuttingAmbition, ...]


def update_views(updates: list, planned: str) -> list[UpdateView]:
    """Published updates (newest first) in words, each saying what status it moved from."""
    oldest_first = list(reversed(updates))
    views = []
    previous = planned
    for update in oldest_first:
        views.append(
            UpdateView(
                published_on=update.published_at.date() if update.published_at else None,
                period=update.period.title if update.period_id else "",
                words=MILESTONE_STATUS[update.status],
                changed_from=MILESTONE_STATUS[previous] if previous != update.status else None,
                no_change=update.no_change,
                narrative=update.narrative,
                evidence_url=update.evidence_url,
            )
        )
        previous = update.status
    return list(reversed(views))


def _measure_views(place: Place, keys: set[str]) -> list[MeasureView]:
    if not keys:
        return []
    measures = [m for m in measure_selectors.measure_list(place=place) if m.key in keys]
    found = measure_selectors.assessment_list(measures=measures)
    views = []
    for measure in measures:
        shown = {}
        for a in found.get(measure.id, []):
            if a.breakdown == "none":
                shown.setdefault(a.kind, a)
        lines = [
            AssessmentLine(
                heading=AssessmentKind(kind).label,
                status=assessment_status(shown[kind]) if kind in shown else NOT_ASSESSED,
            )
            for kind in HEADLINE_KINDS
            if kind in shown
        ]
        views.append(
            MeasureView(
                measure=measure,
                illustrative=honesty.measure_illustrative(measure),
                assessments=tuple(lines),
            )
        )
    return views


def milestone_page(*, place: Place, key: str) -> MilestonePage:
    """The milestone ``key`` of ``place`` (raises ``NotFound``)."""
    detail = plan.milestone_detail(place=place, key=key)
    milestone = detail.milestone
    updates = update_list_published(place=place, milestone=milestone)
    # Dependencies may sit on other routemaps: name their big things from one read.
    big_things = {s.routemap.pk: s.big_thing for s in plan.routemap_list(place=place)}
    return MilestonePage(
        row=milestone_view(detail.row),
        description=milestone.description,
        source=milestone.source,
        source_url=milestone.source_url,
        routemap=detail.routemap,
        big_thing=detail.big_thing,
        delivery_plan=detail.delivery_plan,
        updates=tuple(update_views(updates, milestone.status)),
        depends_on=tuple(milestone_view(r, big_things=big_things) for r in detail.depends_on),
        needed_by=tuple(milestone_view(r, big_things=big_things) for r in detail.needed_by),
        measures=tuple(_measure_views(place, {m.key for m in detail.measures})),
        ambitions=tuple(detail.ambitions),
    )
