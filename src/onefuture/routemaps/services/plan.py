"""Writes of the plan: horizons, routemaps with their milestones, and delivery plans.

The framework file's sections (``routemaps.framework_section``) are the only caller today:
each function takes the load's :class:`~onefuture.framework.fileformat.LoadContext` (the
place, the items loaded so far by id, the change counts and the history reason) and the
section's entries as typed definitions, saves only what differs (a reload of the same file
writes nothing, not even history), and deletes what the file no longer has. The whole load is
one transaction, opened by ``framework.services.framework_load``, which checks
``framework.edit`` first.

Deleting a milestone deletes its updates (they report on it) and leaves commitments to it in
place, no longer tied to a milestone; deleting a routemap deletes its milestones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from onefuture.framework.fileformat import LoadContext
from onefuture.routemaps.models import DeliveryPlan, Horizon, Milestone, Routemap


@dataclass(frozen=True)
class HorizonDefinition:
    key: str
    title: str
    start_year: int
    end_year: int
    description: str = ""


@dataclass(frozen=True)
class MilestoneDefinition:
    key: str
    title: str
    due_date: dt.date
    start_date: dt.date | None = None
    description: str = ""
    status: str = "not_started"
    weight: Decimal = Decimal(1)
    lead_partners: list[str] = field(default_factory=list)
    lead_officer: str = ""
    depends_on: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    ambitions: list[str] = field(default_factory=list)
    source: str = ""
    source_url: str = ""
    illustrative: bool = False


@dataclass(frozen=True)
class RoutemapDefinition:
    key: str
    big_thing: str
    title: str = ""
    summary: str = ""
    illustrative: bool = False
    milestones: list[MilestoneDefinition] = field(default_factory=list)


@dataclass(frozen=True)
class DeliveryPlanDefinition:
    key: str
    title: str
    start_year: int
    end_year: int
    summary: str = ""
    lead_partner: str | None = None
    big_things: list[str] = field(default_factory=list)
    milestones: list[str] = field(default_factory=list)
    url: str = ""
    source: str = ""
    illustrative: bool = False


def horizons_upsert(*, ctx: LoadContext, definitions: list[HorizonDefinition]) -> list[Horizon]:
    """Save the place's horizons in file order; delete the ones the file left out."""
    existing = {h.key: h for h in Horizon.objects.filter(place=ctx.place)}
    saved = [
        ctx.upsert(
            Horizon,
            {"place": ctx.place, "key": d.key},
            {
                "title": d.title,
                "start_year": d.start_year,
                "end_year": d.end_year,
                "description": d.description,
                "order": order,
            },
            found=existing.get(d.key),
        )
        for order, d in enumerate(definitions, start=1)
    ]
    ctx.delete_rest(Horizon.objects.filter(place=ctx.place), [h.pk for h in saved])
    return saved


def routemaps_upsert(*, ctx: LoadContext, definitions: list[RoutemapDefinition]) -> list[Routemap]:
    """Save each routemap and its milestones (leads, dependencies, measures, ambitions).

    Milestones are saved first and their dependencies after, so a milestone may depend on one
    later in the file or on another routemap. A milestone's delivery plan is left as it is: the
    delivery plans section sets it.
    """
    routemaps_found = {r.key: r for r in Routemap.objects.filter(place=ctx.place)}
    milestones_found = {m.key: m for m in Milestone.objects.filter(place=ctx.place)}
    routemaps: list[Routemap] = []
    milestones: list[tuple[Milestone, MilestoneDefinition]] = []
    for d in definitions:
        routemap = ctx.upsert(
            Routemap,
            {"place": ctx.place, "key": d.key},
            {
                "big_thing": ctx.items[d.big_thing],
                "title": d.title,
                "summary": d.summary,
                "illustrative": d.illustrative,
            },
            found=routemaps_found.get(d.key),
        )
        ctx.remember(routemap)
        routemaps.append(routemap)
        for order, m in enumerate(d.milestones, start=1):
            milestone = ctx.upsert(
                Milestone,
                {"place": ctx.place, "key": m.key},
                {
                    "routemap": routemap,
                    "order": order,
                    "title": m.title,
                    "description": m.description,
                    "lead_officer": m.lead_officer,
                    "start_date": m.start_date,
                    "due_date": m.due_date,
                    "status": m.status,
                    "weight": m.weight,
                    "source": m.source,
                    "source_url": m.source_url,
                    "illustrative": m.illustrative,
                },
                found=milestones_found.get(m.key),
            )
            ctx.remember(milestone)
            milestones.append((milestone, m))
    for milestone, m in milestones:
        ctx.set_many(milestone, "lead_partners", [ctx.items[k] for k in m.lead_partners])
        ctx.set_many(milestone, "depends_on", [ctx.items[k] for k in m.depends_on])
        ctx.set_many(milestone, "measures", [ctx.items[k] for k in m.measures])
        ctx.set_many(milestone, "ambitions", [ctx.items[k] for k in m.ambitions])
    ctx.delete_rest(Milestone.objects.filter(place=ctx.place), [m.pk for m, _d in milestones])
    ctx.delete_rest(Routemap.objects.filter(place=ctx.place), [r.pk for r in routemaps])
    return routemaps


def delivery_plans_upsert(
    *, ctx: LoadContext, definitions: list[DeliveryPlanDefinition]
) -> list[DeliveryPlan]:
    """Save each delivery plan, tie the milestones it lists to it (and untie the rest)."""
    found = {p.key: p for p in DeliveryPlan.objects.filter(place=ctx.place)}
    plans: list[DeliveryPlan] = []
    plan_of: dict[str, DeliveryPlan] = {}
    for order, d in enumerate(definitions, start=1):
        plan = ctx.upsert(
            DeliveryPlan,
            {"place": ctx.place, "key": d.key},
            {
                "order": order,
                "title": d.title,
                "summary": d.summary,
                "start_year": d.start_year,
                "end_year": d.end_year,
                "lead_partner": ctx.items[d.lead_partner] if d.lead_partner else None,
                "url": d.url,
                "source": d.source,
                "illustrative": d.illustrative,
            },
            found=found.get(d.key),
        )
        ctx.set_many(plan, "big_things", [ctx.items[k] for k in d.big_things])
        ctx.remember(plan)
        plans.append(plan)
        plan_of.update(dict.fromkeys(d.milestones, plan))
    for milestone in Milestone.objects.filter(place=ctx.place):
        ctx.upsert(
            Milestone,
            {"place": ctx.place, "key": milestone.key},
            {"delivery_plan": plan_of.get(milestone.key)},
            found=milestone,
        )
    ctx.delete_rest(DeliveryPlan.objects.filter(place=ctx.place), [p.pk for p in plans])
    return plans
