"""A small world for the capture tests: the sample place, two groups, two wards, age bands and
people with each role that matters (engagement officer, strategy officer, scrutiny, an editor)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.engagement.models import EngagementSettings, StakeholderGroup
from onefuture.places.models import Area, AreaType
from tests.website.sample import SamplePlace, sample_place


@dataclass
class CaptureWorld:
    sample: SamplePlace
    groups: list[StakeholderGroup]
    wards: list[Area]
    officer: object  # engagement officer
    strategy: object
    scrutiny: object
    editor: object

    @property
    def place(self):
        return self.sample.place


def _user(name: str, place, role: str | None, partner=None):
    user = get_user_model().objects.create_user(username=name, password="capture-pw-123456")
    if role is not None:
        membership_set(user=user, place=place, role=role, partner=partner)
    return user


def capture_world(*, slug: str = "riverton") -> CaptureWorld:
    sample = sample_place(slug=slug, name=slug.title())
    place = sample.place
    groups = [
        StakeholderGroup.objects.create(
            place=place, key="young-people", name="Young people", order=1
        ),
        StakeholderGroup.objects.create(place=place, key="businesses", name="Businesses", order=2),
    ]
    wards = [
        Area.objects.create(place=place, code=f"E0599000{i}", name=name, type=AreaType.WARD)
        for i, name in enumerate(("Brinnington", "Heaton Moor"), start=1)
    ]
    EngagementSettings.objects.create(
        place=place,
        age_bands=[{"key": "under-16", "name": "Under 16"}, {"key": "16-24", "name": "16 to 24"}],
        have_your_say_open=True,
        have_your_say_question=f"What would make {place.name} better by 2040?",
    )
    return CaptureWorld(
        sample=sample,
        groups=groups,
        wards=wards,
        officer=_user(f"{slug}-engage", place, Role.ENGAGEMENT_OFFICER),
        strategy=_user(f"{slug}-strategy", place, Role.STRATEGY_OFFICER),
        scrutiny=_user(f"{slug}-scrutiny", place, Role.SCRUTINY_MEMBER),
        editor=_user(f"{slug}-editor", place, Role.PARTNER_EDITOR, partner=sample.partners[0]),
    )
