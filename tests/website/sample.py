"""A small but complete place built with the shared factories, for page and browser tests.

It has every kind of content the pages show: a vision, three big things (one flagged
illustrative, one with an illustrative summary), outcomes, two cross-cutting ambitions with
applications, links of every type (including links to an outcome and to a partner), partners of
several types and a previous plan's priorities mapped to a big thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from onefuture.framework.models import BigThing, CrossCuttingAmbition, Outcome, Priority
from onefuture.partners.models import Partner
from onefuture.places.models import Place
from tests.factories import (
    AmbitionApplicationFactory,
    BigThingFactory,
    CrossCuttingAmbitionFactory,
    LinkFactory,
    OutcomeFactory,
    PartnerFactory,
    PillarFactory,
    PlaceFactory,
    PredecessorPlanFactory,
    PriorityFactory,
    VisionFactory,
)


@dataclass
class SamplePlace:
    place: Place
    big_things: list[BigThing]
    outcomes: list[Outcome]
    ambitions: list[CrossCuttingAmbition]
    partners: list[Partner]
    priority: Priority


def sample_place(*, slug: str = "riverton", name: str = "Riverton") -> SamplePlace:
    """Create the sample place; every title carries the place's name so scoping is testable."""
    place = PlaceFactory(slug=slug, name=name, description=f"{name} is a riverside borough.")
    VisionFactory(
        place=place,
        title=f"One {name}, One Future",
        statement=f"{name} will be one of the best places to live a happy, healthy life.",
        start_year=2024,
        horizon_year=2040,
    )
    jobs = BigThingFactory(
        place=place,
        key="good-jobs",
        order=1,
        title=f"{name} good jobs and homes",
        summary=f"Well-paid work and good homes across {name}.",
    )
    growing = BigThingFactory(
        place=place,
        key="growing-up",
        order=2,
        title=f"{name} best place to grow up",
        summary=f"Every child in {name} gets a strong start.",
        summary_illustrative=True,
    )
    transport = BigThingFactory(
        place=place,
        key="green-transport",
        order=3,
        title=f"{name} clean green transport",
        summary=f"Walking, cycling and buses are the easy choice in {name}.",
        illustrative=True,
    )
    outcomes = [
        OutcomeFactory(big_thing=jobs, key="more-local-jobs", statement=f"More {name} jobs."),
        OutcomeFactory(
            big_thing=jobs,
            key="town-centre-homes",
            statement=f"A {name} town centre full of homes.",
            illustrative=True,
        ),
    ]
    fairness = CrossCuttingAmbitionFactory(
        place=place, key="fairness", order=1, title=f"{name} fairness and inclusion"
    )
    net_zero = CrossCuttingAmbitionFactory(
        place=place, key="net-zero", order=2, title=f"{name} net zero"
    )
    AmbitionApplicationFactory(
        ambition=fairness, big_thing=jobs, how=f"Jobs open to everyone in {name}."
    )
    AmbitionApplicationFactory(
        ambition=net_zero,
        big_thing=transport,
        how=f"Fewer car trips in {name}.",
        illustrative=True,
    )
    council = PartnerFactory(
        place=place, key="council", name=f"{name} Council", type="council", order=1
    )
    trust = PartnerFactory(
        place=place,
        key="nhs-trust",
        name=f"{name} NHS Foundation Trust",
        type="nhs",
        order=2,
        url="https://example.org/nhs",
    )
    forum = PartnerFactory(
        place=place,
        key="vcfse-forum",
        name=f"{name} VCFSE Forum",
        type="vcfse",
        order=3,
        illustrative=True,
    )
    LinkFactory(
        source=jobs,
        target=growing,
        type="supports",
        strength=2,
        rationale=f"Parents in {name} with good jobs can support their children.",
    )
    LinkFactory(
        source=transport,
        target=jobs,
        type="depends_on",
        strength=1,
        rationale=f"{name} jobs need buses.",
        illustrative=True,
    )
    LinkFactory(
        source=jobs,
        target=net_zero,
        type="conflicts_with",
        strength=-1,
        rationale=f"Building in {name} emits carbon.",
    )
    LinkFactory(source=outcomes[0], target=council, type="depends_on", strength=3, rationale="")
    plan = PredecessorPlanFactory(place=place, title=f"{name} Borough Plan", start_year=2021)
    pillar = PillarFactory(plan=plan, key="one-future", title=f"{name} One Future pillar")
    priority = PriorityFactory(
        pillar=pillar,
        key="skilled-confident",
        title=f"A skilled and confident {name}",
        focus="apprenticeships",
    )
    priority.big_things.add(jobs)
    return SamplePlace(
        place=place,
        big_things=[jobs, growing, transport],
        outcomes=outcomes,
        ambitions=[fairness, net_zero],
        partners=[council, trust, forum],
        priority=priority,
    )


#: Every public page of a place, relative to the place's root.
def page_paths(sample: SamplePlace) -> list[str]:
    return [
        "",
        "big-things/",
        *(f"big-things/{b.key}/" for b in sample.big_things),
        "cross-cutting-ambitions/",
        *(f"cross-cutting-ambitions/{a.key}/" for a in sample.ambitions),
        "partners/",
        "how-it-all-links/",
    ]
