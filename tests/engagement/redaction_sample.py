"""A world with planted personal data, taken the whole way a comment goes (issue 10's "Done
when"): captured by the service, the public "have your say" form and an import; checked in the
workspace's redaction review (one name the rules miss, marked by hand; one withheld; one left
pending; one never consented); put in a theme with a published response; then a theme run, and
every theme it proposes confirmed and answered, as a hurried analyst might.

Built on :func:`tests.engagement.public_sample.public_world` (a small plan with themes and
responses), so every public page has something to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.engagement.models import Comment, EngagementSettings, Event, Theme, ThemeStatus
from onefuture.engagement.services.capture import comment_add, comments_import
from onefuture.engagement.services.responses import response_publish, response_save
from onefuture.engagement.services.themes import (
    comment_themes_set,
    theme_confirm,
    theme_run_start,
)
from onefuture.framework.models import BigThing
from onefuture.measures.models import DataPoint
from onefuture.places.models import Area
from tests.engagement.public_sample import (
    ORIGINAL_MARKER,
    PublicWorld,
    add_ward_boundaries,
    public_world,
)

#: What each planted comment says. The markers in capitals are not personal data: they tell
#: whether a comment that must never be public (pending, unconsented, withheld) shows at all.
SERVICE_TEXT = "My name is Sarah Thompson, ring 07700 900123: the 192 bus is always late"
FORM_TEXT = "Please email j.bloggs@example.com, I live at 12 Acacia Road, SK4 1AA, buses are late"
MISSED_NAME = "Blossom Featherstonehaugh"
IMPORT_TEXT = f"{MISSED_NAME} says the buses never come; call 0161 496 0000 any time"
UNCONSENTED_TEXT = "UNCONSENTED-WORDS-Q7 more buses please, ring Kevin Oduya on 07700 900456"
WITHHELD_TEXT = "WITHHELD-WORDS-K2 the bus driver Gideon Okonkwo-Baptiste was rude"
PENDING_TEXT = "PENDING-WORDS-P4 buses please, write to Marigold Peverell-Smythe at SK4 2BB"

#: None of these may appear on a public page, a download or an API response.
PLANTED = (
    "Sarah Thompson",
    "Thompson",
    "07700 900123",
    "07700900123",
    "j.bloggs@example.com",
    "bloggs",
    "SK4 1AA",
    "SK41AA",
    "12 Acacia Road",
    "Acacia",
    MISSED_NAME,
    "Featherstonehaugh",
    "0161 496 0000",
    "01614960000",
    "Kevin Oduya",
    "Oduya",
    "07700 900456",
    "07700900456",
    "Okonkwo",
    "Peverell",
    "Marigold",
    "SK4 2BB",
    "UNCONSENTED-WORDS-Q7",
    "WITHHELD-WORDS-K2",
    "PENDING-WORDS-P4",
    ORIGINAL_MARKER,
)
#: Phone numbers as digits only (a page that strips spaces or punctuation must not show them).
PHONE_DIGITS = ("07700900123", "01614960000", "07700900456")

#: What must be public (the test can fail the other way): the redacted words of the three
#: published comments.
PUBLISHED_REDACTED = (
    "My name is [NAME], ring [PHONE]: the 192 bus is always late",
    "Please email [EMAIL], I live at [ADDRESS], [POSTCODE], buses are late",
    "[REDACTED] says the buses never come; call [PHONE] any time",
)


@dataclass
class PlantedWorld:
    base: PublicWorld
    engagement_officer: object
    big_thing: BigThing
    comments: dict[str, Comment] = field(default_factory=dict)
    themes_confirmed: list[Theme] = field(default_factory=list)

    @property
    def place(self):
        return self.base.place


def _review(client: Client, comment: Comment, **data: str) -> None:
    url = f"/places/{comment.place.slug}/workspace/engagement/redaction/{comment.pk}/"
    response = client.post(url, {"action": "confirm", **data})
    assert response.status_code == 302, response.content.decode()[:3000]


def _measure_data(base: PublicWorld) -> None:
    measure = base.plan.measure
    area = measure.home_area or Area.objects.filter(place=base.place).first()
    if measure.home_area_id is None:
        measure.home_area = area
        measure.save()
    if not measure.big_things.exists():
        measure.big_things.add(BigThing.objects.filter(place=base.place).first())
    for year in (2021, 2022, 2023):
        DataPoint.objects.create(
            measure=measure,
            area=area,
            period=str(year),
            period_kind="calendar",
            year=year,
            value=10.0 + year - 2021,
        )


def planted_world(*, themes_run: bool = True) -> PlantedWorld:
    base = public_world()
    place = base.place
    add_ward_boundaries(base)  # the coverage map and its downloads
    _measure_data(base)  # the measure's charts and the big things' spines
    cache.clear()  # the form's flood limit
    EngagementSettings.objects.filter(place=place).update(
        have_your_say_open=True, have_your_say_question="What would make Riverton better?"
    )
    officer = get_user_model().objects.create_user(
        username="planted-engagement", password="pw-12345678"
    )
    membership_set(user=officer, place=place, role=Role.ENGAGEMENT_OFFICER)
    big_thing = BigThing.objects.filter(place=place).order_by("order", "key").first()
    forum = Event.objects.get(place=place, title="Brinnington forum")
    world = PlantedWorld(base=base, engagement_officer=officer, big_thing=big_thing)
    made = world.comments

    # Capture: the service (an officer entering what was said at the forum) …
    made["service"] = comment_add(
        user=officer,
        place=place,
        text=SERVICE_TEXT,
        event=forum,
        group=base.groups["residents"],
        ward=base.wards["Brinnington"],
        age_band="16-24",
        consent_publish=True,
        big_things=[big_thing],
    )
    # … the public form …
    response = Client().post(
        f"/places/{place.slug}/big-things/{big_thing.key}/have-your-say/",
        {"text": FORM_TEXT, "consent_publish": "on", "ward": base.wards["Heaton Moor"].code},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    made["form"] = Comment.objects.get(place=place, text=FORM_TEXT)
    # … and an import.
    rows = [
        ("text", "group", "ward", "consent"),
        (IMPORT_TEXT, "residents", "Offerton", "yes"),
        (UNCONSENTED_TEXT, "young-people", "Brinnington", "no"),
        (WITHHELD_TEXT, "residents", "Brinnington", "yes"),
        (PENDING_TEXT, "residents", "Heaton Moor", "yes"),
    ]
    source = "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows).encode()
    comments_import(user=officer, place=place, source=source, filename="planted.csv", event=forum)
    for name, text in (
        ("import", IMPORT_TEXT),
        ("unconsented", UNCONSENTED_TEXT),
        ("withheld", WITHHELD_TEXT),
        ("pending", PENDING_TEXT),
    ):
        made[name] = Comment.objects.get(place=place, text=text)

    # The redaction review, in the workspace as an engagement officer.
    client = Client()
    client.force_login(officer)
    _review(client, made["service"])
    _review(client, made["form"])
    _review(client, made["import"], marked=MISSED_NAME)
    _review(client, made["unconsented"])
    _review(client, made["withheld"])
    url = f"/places/{place.slug}/workspace/engagement/redaction/{made['withheld'].pk}/"
    assert client.post(url, {"action": "withhold", "reason": "Names a driver"}).status_code == 302
    for name in made:
        made[name].refresh_from_db()

    # Themes: every planted comment in the public theme "Buses" (its response is published) …
    buses = base.themes["buses"]
    for comment in made.values():
        comment_themes_set(user=officer, place=place, comment=comment, themes=[buses])
    if themes_run:
        # … then a run over the place, and whatever it proposes confirmed and answered.
        theme_run_start(user=officer, place=place, n_themes=3)
        for theme in Theme.objects.filter(place=place, status=ThemeStatus.PROPOSED):
            if theme.key == "litter":
                continue
            world.themes_confirmed.append(theme_confirm(user=officer, place=place, theme=theme))
        for theme in world.themes_confirmed:
            saved = response_save(
                user=base.officer,
                place=place,
                theme=theme,
                summary=f"We heard you about {theme.name.lower()}.",
                status="considering",
            )
            response_publish(user=base.officer, place=place, response=saved)
    return world
