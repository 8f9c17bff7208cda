"""A small world for the scrutiny tracker tests: the sample place (Riverton) with a strategy
officer, an administrator, a scrutiny member and a partner editor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.reports import services
from tests.website.sample import SamplePlace, sample_place

COMMITTEE = "Corporate Resource Management and Governance Scrutiny Committee"


@dataclass
class TrackerWorld:
    sample: SamplePlace
    strategy: object
    admin: object
    scrutiny: object
    editor: object

    @property
    def place(self):
        return self.sample.place


def _user(name: str, place, role: str, partner=None):
    user = get_user_model().objects.create_user(username=name, password="tracker-pw-123456")
    membership_set(user=user, place=place, role=role, partner=partner)
    return user


def tracker_world(*, slug: str = "riverton") -> TrackerWorld:
    sample = sample_place(slug=slug, name=slug.title())
    place = sample.place
    return TrackerWorld(
        sample=sample,
        strategy=_user(f"{slug}-strategy", place, Role.STRATEGY_OFFICER),
        admin=_user(f"{slug}-admin", place, Role.ADMINISTRATOR),
        scrutiny=_user(f"{slug}-scrutiny", place, Role.SCRUTINY_MEMBER),
        editor=_user(f"{slug}-editor", place, Role.PARTNER_EDITOR, partner=sample.partners[0]),
    )


def meeting(world: TrackerWorld, date: dt.date, committee: str = COMMITTEE, **extra):
    defaults = {
        "report_of": "Cabinet Member for Finance and Resources",
        "report_title": f"One {world.place.name}, One Future",
        "recommendations_text": "Note and comment on the report.\n\nAgree the next steps.\n",
        "contact_name": "Pat Example",
        "contact_role": "Director of Strategy",
        "contact_email": "pat.example@riverton.gov.uk",
        "contact_phone": "0161 000 0000",
    }
    defaults.update(extra)
    return services.meeting_create(
        user=world.strategy, place=world.place, committee=committee, date=date, **defaults
    )
