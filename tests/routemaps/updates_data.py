"""A small place for the update tests: a routemap, milestones with lead partners, periods, people.

Built on ``tests.website.sample.sample_place``: the council leads the interchange milestone,
the NHS trust leads the clinic milestone; one person per role (the partner editor edits for the
trust), plus an editor for the council; two quarterly periods, the first locked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from onefuture.core.models import Membership, Role
from onefuture.places.models import Place
from onefuture.routemaps.models import (
    Commitment,
    CommitmentStatus,
    Milestone,
    ReportingPeriod,
    Routemap,
)
from tests.website.sample import SamplePlace, sample_place


@dataclass
class UpdatesPlace:
    sample: SamplePlace
    place: Place
    routemap: Routemap
    interchange: Milestone  # led by the council
    clinic: Milestone  # led by the NHS trust
    unled: Milestone  # no lead partner
    commitment: Commitment  # the trust's, agreed
    locked: ReportingPeriod
    current: ReportingPeriod
    admin: User
    officer: User
    trust_editor: User
    council_editor: User
    scrutiny: User
    outsider: User  # a member of no place


def person(username: str, *, place=None, role: str | None = None, partner=None) -> User:
    """A user (password 'pw'), with a membership of ``place`` when given a role."""
    user = User.objects.create_user(
        username=username, password="pw", email=f"{username}@example.org"
    )
    if role is not None:
        Membership.objects.create(user=user, place=place, role=role, partner=partner)
    return user


def updates_place(*, slug: str = "riverton", today: datetime.date | None = None) -> UpdatesPlace:
    """Create the place (``today`` sets the current quarter: default 15 August 2026)."""
    today = today or datetime.date(2026, 8, 15)
    sample = sample_place(slug=slug, name=slug.title())
    place = sample.place
    council, trust, _forum = sample.partners
    jobs = sample.big_things[0]
    routemap = Routemap.objects.create(place=place, key=f"{jobs.key}-routemap", big_thing=jobs)
    interchange = Milestone.objects.create(
        place=place,
        key="interchange-opens",
        routemap=routemap,
        title="Interchange opens",
        due_date=datetime.date(2026, 12, 31),
        status="on_track",
    )
    interchange.lead_partners.add(council)
    clinic = Milestone.objects.create(
        place=place,
        key="clinic-opens",
        routemap=routemap,
        title="Town centre clinic opens",
        due_date=datetime.date(2027, 6, 30),
    )
    clinic.lead_partners.add(trust)
    unled = Milestone.objects.create(
        place=place,
        key="masterplan-agreed",
        routemap=routemap,
        title="Masterplan agreed",
        due_date=datetime.date(2026, 9, 30),
    )
    commitment = Commitment.objects.create(
        place=place,
        partner=trust,
        big_thing=jobs,
        title="Two hundred apprenticeships",
        status=CommitmentStatus.AGREED,
    )
    admin = person(f"{slug}-admin", place=place, role=Role.ADMINISTRATOR)
    officer = person(f"{slug}-officer", place=place, role=Role.STRATEGY_OFFICER)
    locked = ReportingPeriod.objects.create(
        place=place,
        key="2026-27-q1",
        title="April to June 2026",
        start=datetime.date(2026, 4, 1),
        end=datetime.date(2026, 6, 30),
        due=datetime.date(2026, 7, 31),
        locked_at=timezone.now(),
        locked_by=officer,
    )
    current = ReportingPeriod.objects.create(
        place=place,
        key="2026-27-q2",
        title="July to September 2026",
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2026, 9, 30),
        due=datetime.date(2026, 10, 31),
    )
    return UpdatesPlace(
        sample=sample,
        place=place,
        routemap=routemap,
        interchange=interchange,
        clinic=clinic,
        unled=unled,
        commitment=commitment,
        locked=locked,
        current=current,
        admin=admin,
        officer=officer,
        trust_editor=person(
            f"{slug}-trust-editor", place=place, role=Role.PARTNER_EDITOR, partner=trust
        ),
        council_editor=person(
            f"{slug}-council-editor", place=place, role=Role.PARTNER_EDITOR, partner=council
        ),
        scrutiny=person(f"{slug}-scrutiny", place=place, role=Role.SCRUTINY_MEMBER),
        outsider=person(f"{slug}-outsider"),
    )
