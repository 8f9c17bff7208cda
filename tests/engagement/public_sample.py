"""A small world for the public engagement tests, on top of ``tests.routemaps.sample``'s plan.

Three groups (young people, businesses, residents), three wards with populations (Brinnington
2,000, Heaton Moor 1,000, Offerton 500 — Offerton never heard from), two age bands, suppression
below 5. Comments: 12 from residents in Brinnington (10 people: two respondents said two
things), 3 from young people in Heaton Moor, none from businesses. Two events (40 and 25 people
at them). Themes: "Buses" confirmed, with a published response delivered by a milestone and a
measure; "Parks" confirmed with an unpublished response; "Litter" proposed with a published
response (which must stay off the public pages). Comments are written straight to the models
(their redaction is the capture part's business): each has an original ``text`` holding a
marker that must never appear on a public page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.engagement.models import (
    Comment,
    CommentSource,
    CommentTheme,
    EngagementSettings,
    Event,
    PopulationFigure,
    RedactionState,
    Response,
    StakeholderGroup,
    Theme,
    ThemeStatus,
)
from onefuture.places.models import Area, AreaType
from tests.routemaps.sample import SamplePlan, sample_plan

ORIGINAL_MARKER = "ORIGINAL-SECRET-07700900123"


@dataclass
class PublicWorld:
    plan: SamplePlan
    groups: dict[str, StakeholderGroup]
    wards: dict[str, Area]
    themes: dict[str, Theme]
    responses: dict[str, Response]
    comments: list[Comment]
    officer: object
    scrutiny: object

    @property
    def place(self):
        return self.plan.place


def _comment(place, n, group, ward, respondent="", public=True, band="", event=None) -> Comment:
    return Comment.objects.create(
        place=place,
        source=CommentSource.ENTERED,
        text=f"More buses please, call me on {ORIGINAL_MARKER} ({n})",
        redacted_text=f"More buses please, call me on [PHONE] ({n})",
        redaction_state=RedactionState.CONFIRMED if public else RedactionState.PENDING,
        consent_publish=public,
        group=group,
        ward=ward,
        age_band=band,
        respondent=respondent,
        event=event,
        received_at=timezone.now() - dt.timedelta(days=3),
    )


def public_world(*, slug: str = "riverton") -> PublicWorld:
    plan = sample_plan(slug=slug, name=slug.title())
    place = plan.place
    groups = {
        key: StakeholderGroup.objects.create(place=place, key=key, name=name, order=i)
        for i, (key, name) in enumerate(
            (
                ("young-people", "Young people"),
                ("businesses", "Businesses"),
                ("residents", "Residents"),
            )
        )
    }
    wards = {}
    for i, (name, population) in enumerate(
        (("Brinnington", 2000), ("Heaton Moor", 1000), ("Offerton", 500)), start=1
    ):
        wards[name] = Area.objects.create(
            place=place, code=f"E0599900{i}", name=name, type=AreaType.WARD
        )
        PopulationFigure.objects.create(
            place=place, area=wards[name], population=population, year=2023, source="ONS mid-2023"
        )
    PopulationFigure.objects.create(
        place=place, area=wards["Brinnington"], age_band="16-24", population=300, year=2023,
        source="ONS mid-2023",
    )  # fmt: skip
    EngagementSettings.objects.create(
        place=place,
        suppress_below=5,
        age_bands=[{"key": "under-16", "name": "Under 16"}, {"key": "16-24", "name": "16 to 24"}],
    )
    forum = Event.objects.create(
        place=place, title="Brinnington forum", kind="forum", date=dt.date(2026, 3, 4),
        ward=wards["Brinnington"], people_count=40, notes="STAFF-NOTE-ONLY",
    )  # fmt: skip
    Event.objects.create(
        place=place, title="Youth summit", kind="summit", date=dt.date(2026, 4, 1), people_count=25
    )
    comments = []
    residents, young = groups["residents"], groups["young-people"]
    for n in range(12):
        respondent = "r-a" if n in (0, 1) else ("r-b" if n in (2, 3) else "")
        comments.append(
            _comment(
                place, n, residents, wards["Brinnington"], respondent, event=forum, band="16-24"
            )
        )
    for n in range(3):
        comments.append(_comment(place, 100 + n, young, wards["Heaton Moor"], public=n == 0))
    themes = {
        key: Theme.objects.create(
            place=place,
            key=key,
            name=name,
            status=status,
            order=i,
            description=f"What people said about {name.lower()}.",
        )
        for i, (key, name, status) in enumerate(
            (
                ("buses", "Buses", ThemeStatus.CONFIRMED),
                ("parks", "Parks", ThemeStatus.CONFIRMED),
                ("litter", "Litter", ThemeStatus.PROPOSED),
            )
        )
    }
    for c in comments:
        CommentTheme.objects.create(comment=c, theme=themes["buses"], source="assigned")
    for c in comments[:6]:
        CommentTheme.objects.create(comment=c, theme=themes["parks"], source="assigned")
    for c in comments[12:]:
        CommentTheme.objects.create(comment=c, theme=themes["litter"], source="assigned")
    milestone = plan.milestones["bus-lanes"]
    responses = {
        "buses": Response.objects.create(
            place=place, theme=themes["buses"], summary="We are adding bus lanes on the A6.",
            status="delivering", published=True, published_at=timezone.now(),
        ),
        "parks": Response.objects.create(
            place=place, theme=themes["parks"], summary="UNPUBLISHED-PARKS-RESPONSE",
            status="considering",
        ),
        "litter": Response.objects.create(
            place=place, theme=themes["litter"], summary="PROPOSED-THEME-RESPONSE",
            status="decided", published=True, published_at=timezone.now(),
        ),
    }  # fmt: skip
    responses["buses"].milestones.set([milestone])
    responses["buses"].measures.set([plan.measure])
    officer = get_user_model().objects.create_user(
        username=f"{slug}-officer", password="pw-12345678"
    )
    membership_set(user=officer, place=place, role=Role.STRATEGY_OFFICER)
    scrutiny = get_user_model().objects.create_user(username=f"{slug}-scru", password="pw-12345678")
    membership_set(user=scrutiny, place=place, role=Role.SCRUTINY_MEMBER)
    return PublicWorld(
        plan=plan, groups=groups, wards=wards, themes=themes, responses=responses,
        comments=comments, officer=officer, scrutiny=scrutiny,
    )  # fmt: skip


def add_ward_boundaries(world: PublicWorld) -> None:
    """Square ward shapes side by side, so the coverage page draws its ward map."""
    from onefuture.places.models import Boundary, BoundarySet

    boundary_set = BoundarySet.objects.create(
        place=world.place, area_type=AreaType.WARD, name="Test wards", source="Made up",
        licence="OGL v3.0", attribution="Contains made-up boundaries",
    )  # fmt: skip
    for i, ward in enumerate(world.wards.values()):
        x = -2.2 + i * 0.02
        ring = [[x, 53.4], [x + 0.02, 53.4], [x + 0.02, 53.42], [x, 53.42], [x, 53.4]]
        Boundary.objects.create(
            boundary_set=boundary_set,
            area=ward,
            geometry={"type": "Polygon", "coordinates": [ring]},
        )
