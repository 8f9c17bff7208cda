"""A small routemaps plan on top of ``tests.website.sample.sample_place``, for every routemaps test.

Three horizons (2024–2027, 2028–2032, 2033–2040); routemaps for two big things ("good-jobs" and
"green-transport"); six milestones with dependencies (a chain ``depot`` → ``bus-lanes`` →
``buses`` on transport, and ``skills`` → ``jobs-hub`` on jobs, with ``jobs-hub`` also needing
``bus-lanes`` across routemaps), measures, ambitions, lead partners and planned statuses of
every colour; one delivery plan (a transport plan led by the council) holding two of the
transport milestones. No commitment exists, so no lead is *named* yet: tests add the
commitments they need.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from onefuture.measures.models import Measure
from onefuture.routemaps.models import DeliveryPlan, Horizon, Milestone, Routemap
from tests.website.sample import SamplePlace, sample_place


@dataclass
class SamplePlan:
    sample: SamplePlace
    horizons: list[Horizon]
    routemaps: dict[str, Routemap]
    milestones: dict[str, Milestone]
    delivery_plan: DeliveryPlan
    measure: Measure
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def place(self):
        return self.sample.place


def _milestone(place, routemap, key, title, due, **fields) -> Milestone:
    relations = {
        name: fields.pop(name, [])
        for name in ("lead_partners", "depends_on", "measures", "ambitions")
    }
    milestone = Milestone.objects.create(
        place=place, routemap=routemap, key=key, title=title, due_date=due, **fields
    )
    for name, rows in relations.items():
        getattr(milestone, name).set(rows)
    return milestone


def sample_plan(*, slug: str = "riverton", name: str = "Riverton") -> SamplePlan:
    """Create the sample place and its plan; titles carry the place's name."""
    sample = sample_place(slug=slug, name=name)
    place = sample.place
    jobs, _growing, transport = sample.big_things
    council, trust, forum = sample.partners
    fairness, net_zero = sample.ambitions
    horizons = [
        Horizon.objects.create(
            place=place, key="now", title="2024 to 2027", start_year=2024, end_year=2027, order=1
        ),
        Horizon.objects.create(
            place=place, key="next", title="2028 to 2032", start_year=2028, end_year=2032, order=2
        ),
        Horizon.objects.create(
            place=place, key="later", title="2033 to 2040", start_year=2033, end_year=2040, order=3
        ),
    ]
    measure = Measure.objects.create(
        place=place,
        key="bus-trips",
        title=f"{name} bus trips",
        definition="Bus trips a year.",
        value_type="count",
        polarity="high_is_good",
    )
    routemaps = {
        "good-jobs": Routemap.objects.create(
            place=place,
            key="good-jobs-routemap",
            big_thing=jobs,
            title=f"{name} good jobs routemap",
            summary=f"How {name} gets good jobs and homes.",
        ),
        "green-transport": Routemap.objects.create(
            place=place,
            key="green-transport-routemap",
            big_thing=transport,
            title=f"{name} transport routemap",
            summary=f"How {name} gets clean green transport.",
            illustrative=True,
        ),
    }
    plan = DeliveryPlan.objects.create(
        place=place,
        key="transport-plan",
        order=1,
        title=f"{name} Transport Plan 2024 to 2029",
        summary="The borough's transport plan.",
        start_year=2024,
        end_year=2029,
        lead_partner=council,
        source=f"{name} Council, Transport Plan",
    )
    plan.big_things.set([transport])
    rt = routemaps["green-transport"]
    rj = routemaps["good-jobs"]
    depot = _milestone(
        place, rt, "depot", f"{name} electric bus depot opens", dt.date(2025, 9, 30),
        start_date=dt.date(2024, 4, 1), status="complete", lead_partners=[council],
        delivery_plan=plan, source=f"{name} Council Cabinet, March 2024",
        source_url="https://example.org/cabinet",
    )  # fmt: skip
    bus_lanes = _milestone(
        place, rt, "bus-lanes", f"{name} bus lanes on the A6", dt.date(2027, 3, 31),
        start_date=dt.date(2025, 10, 1), status="at_risk", lead_partners=[council],
        depends_on=[depot], measures=[measure], ambitions=[net_zero], delivery_plan=plan,
        lead_officer="Director of Place",
    )  # fmt: skip
    buses = _milestone(
        place, rt, "buses", f"{name} all buses zero emission", dt.date(2032, 12, 31),
        status="not_started", lead_partners=[council, forum], depends_on=[bus_lanes],
        measures=[measure], ambitions=[net_zero], weight=Decimal("2"), illustrative=True,
    )  # fmt: skip
    skills = _milestone(
        place, rj, "skills", f"{name} skills centre", dt.date(2026, 6, 30),
        start_date=dt.date(2024, 9, 1), status="on_track", lead_partners=[trust],
        ambitions=[fairness],
    )  # fmt: skip
    jobs_hub = _milestone(
        place, rj, "jobs-hub", f"{name} jobs hub opens", dt.date(2029, 3, 31),
        status="off_track", lead_partners=[council, trust], depends_on=[skills, bus_lanes],
        ambitions=[fairness],
    )  # fmt: skip
    homes = _milestone(
        place, rj, "homes", f"{name} 1,000 town centre homes", dt.date(2038, 12, 31),
        status="dropped", lead_partners=[council], illustrative=True,
    )  # fmt: skip
    return SamplePlan(
        sample=sample,
        horizons=horizons,
        routemaps=routemaps,
        milestones={m.key: m for m in (depot, bus_lanes, buses, skills, jobs_hub, homes)},
        delivery_plan=plan,
        measure=measure,
    )
