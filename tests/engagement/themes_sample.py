"""A small consultation for the theme tests: 36 short comments on three subjects, and people.

Comments are made directly (their ``redacted_text`` given, their redaction checked: a theme run
reads only those, ADR 0032), so the theme tests do not depend on capture; each subject's
comments are alike, so discovery and propagation run in seconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.engagement.models import Comment, CommentSource, Consultation, RedactionState
from tests.website.sample import SamplePlace, sample_place

BUSES = [
    "The buses are always late in the morning",
    "More buses please, the bus is late again",
    "Bus services are unreliable and late",
    "We need a better bus service to town",
    "The late buses make me miss work",
    "Cheaper bus fares and more frequent buses",
    "The bus never comes on time",
    "Evening buses stop far too early",
    "Please fix the bus timetable, buses late",
    "Bus route 42 is late every day",
    "My bus to the hospital is always late",
    "Buses should run later at night",
]
PARKS = [
    "The park needs more trees and benches",
    "Keep our parks green and clean",
    "A lovely park for children to play in",
    "Parks need better lighting and toilets",
    "Plant more trees in the park",
    "The park playground is broken",
    "More green space and parks please",
    "Our local park is full of litter",
    "Clean up the park and the pond",
    "The park should have a cafe and benches",
    "Protect green parks from building",
    "I love walking my dog in the park",
]
HOUSING = [
    "Rents are too high, we need affordable homes",
    "Build more affordable housing for families",
    "Young people cannot afford a home here",
    "Council housing waiting lists are too long",
    "Affordable homes near the town centre",
    "House prices are out of reach for locals",
    "More social housing please",
    "Homes for young families at fair rents",
    "Stop empty homes, we need housing",
    "Affordable rent for people on low pay",
    "Too many people waiting for a council home",
    "New homes should be affordable to buy",
]


@dataclass
class ThemesWorld:
    sample: SamplePlace
    consultation: Consultation
    comments: list[Comment]
    analyst: object
    scrutiny: object
    editor: object

    @property
    def place(self):
        return self.sample.place


def _user(name: str, place, role: str | None, partner=None):
    user = get_user_model().objects.create_user(username=name, password="themes-pw-123456")
    if role is not None:
        membership_set(user=user, place=place, role=role, partner=partner)
    return user


def themes_world(*, slug: str = "riverton") -> ThemesWorld:
    """The sample place with one consultation of 36 comments (12 per subject) and people."""
    sample = sample_place(slug=slug, name=slug.title())
    place = sample.place
    consultation = Consultation.objects.create(
        place=place, key="town-2040", title="Our town in 2040", question="What would help?"
    )
    start = timezone.make_aware(dt.datetime(2026, 3, 1, 10))
    comments = [
        Comment.objects.create(
            place=place,
            consultation=consultation,
            source=CommentSource.ENTERED,
            text=f"{text}, write to person{i}@example.org" if i % 6 == 0 else text,
            redacted_text=f"{text}, write to [EMAIL]" if i % 6 == 0 else text,
            redaction_state=RedactionState.CONFIRMED,
            received_at=start + dt.timedelta(minutes=i),
        )
        for i, text in enumerate(BUSES + PARKS + HOUSING)
    ]
    return ThemesWorld(
        sample=sample,
        consultation=consultation,
        comments=comments,
        analyst=_user(f"{slug}-analyst", place, Role.ENGAGEMENT_OFFICER),
        scrutiny=_user(f"{slug}-scrutiny", place, Role.SCRUTINY_MEMBER),
        editor=_user(f"{slug}-editor", place, Role.PARTNER_EDITOR, sample.partners[0]),
    )
