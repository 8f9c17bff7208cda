"""The site search's sources for the routemaps: milestones and delivery plans.

Registered from ``registration.register_public_pages`` with
:func:`onefuture.search.registry.search_source_register`. A document holds only what the
public pages show of the thing and never its status (which changes with published updates,
not with a save of the milestone) or anyone's name: a milestone's title, description, big
thing, lead officer (a role as the council publishes it) and source.
"""

from __future__ import annotations

from typing import Any

from onefuture.routemaps.models import DeliveryPlan, Milestone
from onefuture.routemaps.selectors.plan import delivery_plan_list, routemap_list
from onefuture.search.registry import SearchDocument, SearchSource


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def milestone_document(milestone: Milestone) -> SearchDocument:
    """What the search finds of a milestone: its page's words."""
    big_thing = milestone.routemap.big_thing
    day = milestone.due_date
    due = f"Due {day.day} {day:%B %Y} on the {big_thing.title} routemap."
    return SearchDocument(
        place_id=milestone.place_id,
        kind="milestone",
        key=str(milestone.pk),
        title=milestone.title,
        body=_join(
            milestone.description, big_thing.title, milestone.lead_officer, milestone.source
        ),
        summary=_join(milestone.description, due) if milestone.description else due,
        url_name="milestone",
        url_args=(milestone.key,),
        illustrative=milestone.illustrative,
    )


def delivery_plan_document(plan: DeliveryPlan) -> SearchDocument:
    """What the search finds of a delivery plan."""
    return SearchDocument(
        place_id=plan.place_id,
        kind="delivery_plan",
        key=str(plan.pk),
        title=plan.title,
        body=_join(plan.summary, plan.source),
        summary=plan.summary or f"A delivery plan, {plan.start_year} to {plan.end_year}.",
        url_name="delivery-plan",
        url_args=(plan.key,),
        illustrative=plan.illustrative,
    )


def _milestones(place: Any) -> list[SearchDocument]:
    return [
        milestone_document(row.milestone)
        for summary in routemap_list(place=place)
        for row in summary.milestones
    ]


SOURCES = [
    SearchSource(
        kind="milestone",
        label=lambda place: ("Milestone", "Milestones"),
        model=Milestone,
        documents=_milestones,
        document=milestone_document,
        order=50,
    ),
    SearchSource(
        kind="delivery_plan",
        label=lambda place: ("Delivery plan", "Delivery plans"),
        model=DeliveryPlan,
        documents=lambda place: [
            delivery_plan_document(s.plan) for s in delivery_plan_list(place=place)
        ],
        document=delivery_plan_document,
        order=55,
    ),
]
