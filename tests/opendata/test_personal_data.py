"""Planted personal data never reaches open data (issue 12 item 2, ADR 0040).

On :func:`tests.engagement.redaction_sample.planted_world` — comments carrying names, e-mail
addresses, phone numbers, postcodes and addresses taken through capture, redaction, themes and
published responses; one pending, one withheld, one never consented — plus staff with full names
and e-mail addresses who wrote, submitted and approved updates, an unpublished update and an
unagreed commitment with marker text, and a proposed theme with a published response: every
open data file a visitor can fetch (the /data/ page, every table as CSV and JSON, the data
package and every file in it) must hold none of it. What must be public is there (else the test
proves nothing): the published update's narrative and the confirmed theme.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.engagement.models import Theme, ThemeStatus
from onefuture.opendata.registry import open_table_list
from onefuture.routemaps.models import (
    Commitment,
    CommitmentStatus,
    Milestone,
    Update,
    UpdateState,
)
from tests.engagement.redaction_sample import PHONE_DIGITS, PLANTED, planted_world

pytestmark = pytest.mark.django_db

STAFF = {
    "username": "rosalind.quartermaine",
    "first_name": "Rosalind",
    "last_name": "Quartermaine",
    "email": "rosalind.quartermaine@council.example",
}
UNPUBLISHED = "MARKER-UNPUBLISHED-UPDATE-9F"
SUBMITTED = "MARKER-SUBMITTED-UPDATE-4C"
REVIEW = "MARKER-REVIEW-COMMENT-2H"
PUBLISHED = "The bridge is open to buses: PUBLISHED-NARRATIVE-6T"
UNAGREED = "MARKER-UNAGREED-COMMITMENT-8K"
NEVER = (
    *PLANTED,
    *STAFF.values(),
    "Quartermaine",
    "council.example",
    UNPUBLISHED,
    SUBMITTED,
    REVIEW,
    UNAGREED,
)


def _staff_world(place) -> None:
    """Staff with names and e-mail addresses, and updates in every state."""
    person = get_user_model().objects.create_user(password="pw-12345678", **STAFF)
    membership_set(user=person, place=place, role=Role.STRATEGY_OFFICER)
    milestone = Milestone.objects.filter(place=place).order_by("due_date").first()
    now = timezone.now()
    common = {"place": place, "milestone": milestone, "status": milestone.status}
    Update.objects.create(
        **common, narrative=PUBLISHED, state=UpdateState.PUBLISHED, created_by=person,
        submitted_by=person, reviewed_by=person, review_comment=REVIEW, published_at=now,
    )  # fmt: skip
    Update.objects.create(**common, narrative=UNPUBLISHED, state=UpdateState.DRAFT,
                          created_by=person)  # fmt: skip
    Update.objects.create(**common, narrative=SUBMITTED, state=UpdateState.SUBMITTED,
                          created_by=person, submitted_by=person)  # fmt: skip
    agreed = Commitment.objects.filter(place=place).first()
    Commitment.objects.create(
        place=place, partner=agreed.partner if agreed else milestone.lead_partners.first(),
        big_thing=milestone.routemap.big_thing, title=UNAGREED, description=UNAGREED,
        status=CommitmentStatus.COMMITTED, committed_by=person,
    )  # fmt: skip


def _leaks(where: str, text: str) -> list[str]:
    folded = text.casefold()
    found = [f"{where}: shows {s!r}" for s in NEVER if s.casefold() in folded]
    digits = re.sub(r"[\s\-.()/+]", "", text)
    found += [f"{where}: shows the phone digits {d}" for d in PHONE_DIGITS if d in digits]
    return found


def test_planted_personal_data_never_reaches_open_data():
    world = planted_world()
    place = world.place
    _staff_world(place)
    proposed = Theme.objects.filter(place=place, status=ThemeStatus.PROPOSED).first()
    assert proposed is not None and hasattr(proposed, "response")  # "Litter", answered
    visitor = Client()
    base = f"/places/{place.slug}/data/"
    texts: dict[str, str] = {}

    index = visitor.get(base)
    assert index.status_code == 200
    texts[base] = index.content.decode()
    for table in open_table_list():
        for suffix in ("csv", "json"):
            url = f"{base}{table.name}.{suffix}"
            response = visitor.get(url)
            assert response.status_code == 200, url
            body = b"".join(response.streaming_content) if response.streaming else response.content
            texts[url] = body.decode("utf-8")
            assert url in texts[base], f"the /data/ page does not link {url}"
    package = visitor.get(f"{base}{place.slug}-datapackage.zip")
    assert package.status_code == 200
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        names = archive.namelist()
        for name in names:
            texts[f"zip:{name}"] = archive.read(name).decode("utf-8")
    assert len(names) == len(open_table_list()) + 1

    problems = [leak for where, text in texts.items() for leak in _leaks(where, text)]
    assert not problems, "\n".join(["personal or unpublished data in open data:", *problems])

    # What is public is there: the published narrative, a confirmed theme, not the proposed one.
    updates = json.loads(texts[f"{base}updates.json"])["rows"]
    assert [u["narrative"] for u in updates] == [PUBLISHED]
    themes = {t["key"] for t in json.loads(texts[f"{base}engagement-themes.json"])["rows"]}
    assert {t.key for t in world.themes_confirmed} <= themes
    assert proposed.key not in themes
    responses = json.loads(texts[f"{base}engagement-responses.json"])["rows"]
    assert responses and proposed.key not in {r["theme"] for r in responses}
    everything = "\n".join(texts.values())
    # The staff member is in the database, so the test could fail: the names are real there.
    assert get_user_model().objects.filter(email=STAFF["email"]).exists()
    assert PUBLISHED in everything
