"""The demo's partner commitments (a ``DemoStep`` at order 40, after the framework and measures).

So that the example *names* its leads, every partner the plan lists among a milestone's lead
partners gets a commitment to lead it, agreed by the council (illustrative when the milestone
is). Then a few commitments at the other stages, every one invented and flagged illustrative:
an invitation waiting for the demo partner editor's organisation (the example's first partner)
to answer, one committed waiting for agreement, one being delivered and one delivered with its
words of recognition. All through the services (``user=None``: the system acting), so each has
its history. Idempotent: a commitment already there (same partner, big thing and title) is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction

from onefuture.routemaps.models import Commitment, CommitmentStatus, Milestone
from onefuture.routemaps.services.commitments import (
    commitment_agree,
    commitment_deliver,
    commitment_invite,
    commitment_record,
    commitment_start,
)


def _example_place(example_dir: Path) -> Any:
    from onefuture.framework.services import framework_parse
    from onefuture.places.models import Place

    path = example_dir / "framework.yaml"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    slug = framework_parse(text=text, source=str(path), base_dir=path.parent)["place"]["slug"]
    return Place.objects.filter(slug=slug).first()


def _lead_title(milestone: Milestone) -> str:
    return f"Lead: {milestone.title}"[:300]


def _agreed_leads(place: Any) -> int:
    made = 0
    milestones = (
        Milestone.objects.filter(place=place)
        .select_related("routemap__big_thing")
        .prefetch_related("lead_partners")
        .order_by("due_date", "key")
    )
    for milestone in milestones:
        for partner in milestone.lead_partners.all():
            if Commitment.objects.filter(
                place=place, partner=partner, milestone=milestone
            ).exists():
                continue
            commitment = commitment_record(
                user=None,
                place=place,
                partner=partner,
                big_thing=milestone.routemap.big_thing,
                milestone=milestone,
                title=_lead_title(milestone),
                description="The partner leads this milestone of the routemap, as the plan asks.",
                due_date=milestone.due_date,
                illustrative=milestone.illustrative,
            )
            commitment_agree(user=None, place=place, commitment=commitment)
            made += 1
    return made


#: (stage, title, recognition) of the invented commitments, all illustrative.
_OTHERS = [
    ("invited", "Offer work placements to young people leaving care", ""),
    ("committed", "Plant 500 street trees in the town centre", ""),
    ("delivering", "Switch the fleet's vans to electric", ""),
    (
        "delivered",
        "Open a community food hub",
        "Illustrative example: thank you for opening a community food hub that served 2,000 "
        "families in its first year.",
    ),
]


def _others(place: Any) -> int:
    from onefuture.framework.models import BigThing
    from onefuture.partners.models import Partner

    partners = list(Partner.objects.filter(place=place).order_by("order", "name"))
    big_things = list(BigThing.objects.filter(place=place).order_by("order", "key"))
    if not partners or not big_things:
        return 0
    made = 0
    for index, (stage, title, recognition) in enumerate(_OTHERS):
        # The first two are the demo partner editor's organisation's: it has one to answer.
        partner = partners[0] if index < 2 else partners[index % len(partners)]
        big_thing = big_things[index % len(big_things)]
        if Commitment.objects.filter(place=place, partner=partner, title=title).exists():
            continue
        due = dt.date(2027 + index, 3, 31)
        if stage == "invited":
            commitment_invite(
                user=None, place=place, partner=partner, big_thing=big_thing, title=title,
                illustrative=True,
            )  # fmt: skip
            made += 1
            continue
        commitment = commitment_record(
            user=None, place=place, partner=partner, big_thing=big_thing, title=title,
            description="Illustrative example: an invented commitment.", due_date=due,
            illustrative=True,
        )  # fmt: skip
        if stage in ("delivering", "delivered"):
            commitment = commitment_agree(user=None, place=place, commitment=commitment)
            commitment = commitment_start(user=None, place=place, commitment=commitment)
        if stage == "delivered":
            commitment_deliver(
                user=None, place=place, commitment=commitment, recognition=recognition
            )
        made += 1
    return made


def example_commitments_load(example_dir: Path) -> str:
    """The demo step: agreed leads for the plan's lead partners, and the invented others."""
    place = _example_place(example_dir)
    if place is None:
        return "No example place loaded; no commitments added."
    with transaction.atomic():
        leads = _agreed_leads(place)
        others = _others(place)
    if not leads and not others:
        return f"Example commitments for {place.name} already present."
    agreed = Commitment.objects.filter(place=place, status=CommitmentStatus.AGREED).count()
    return (
        f"Commitments for {place.name}: {leads} agreed leads of milestones and {others} "
        f"illustrative commitments at other stages added ({agreed} agreed in all)."
    )
