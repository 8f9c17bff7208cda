"""The workspace's redaction review: the queue (oldest first, filters, counts per kind), a
comment's check (original highlighted beside the redacted text; accept, mark more, accept and
next, withhold, release), and who sees the original."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from onefuture.engagement.models import Comment, EventKind
from onefuture.engagement.services.capture import comment_add, event_save
from tests.engagement.capture_sample import capture_world

pytestmark = pytest.mark.django_db
BASE = "/places/riverton/workspace/engagement/redaction"


@pytest.fixture
def world():
    return capture_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _comments(world):
    event = event_save(
        user=world.officer,
        place=world.place,
        title="Youth forum",
        kind=EventKind.FORUM,
        date=dt.date(2025, 3, 1),
    )
    now = timezone.now()
    texts = (
        "My name is Sarah Thompson, ring 07700 900123",
        "Email j.bloggs@example.com about 12 Acacia Road",
        "Ask Zebedee Quill at the library",
    )
    made = [
        comment_add(
            user=world.officer,
            place=world.place,
            text=text,
            event=event if i < 2 else None,
            consent_publish=True,
            received_at=now - dt.timedelta(days=10 - i),
        )
        for i, text in enumerate(texts)
    ]
    return event, made


def test_the_queue_oldest_first_with_counts_and_filters(world):
    event, made = _comments(world)
    client = _client(world.officer)
    page = client.get(f"{BASE}/").content.decode()
    assert "<strong>3</strong> comments to check" in page
    first, second, third = (page.index(f"(comment {c.pk})") for c in made)
    assert first < second < third
    assert "1 name, 1 phone number" in page and "1 e-mail address, 1 address" in page
    assert "Sarah Thompson" not in page and "07700" not in page  # the queue is redacted
    filtered = client.get(f"{BASE}/?event={event.pk}").content.decode()
    assert f"(comment {made[2].pk})" not in filtered and "<strong>2</strong>" in filtered
    home = client.get("/places/riverton/workspace/").content.decode()
    assert "Check redaction" in home and "3 to check" in home


def test_the_comment_page_highlights_the_original_beside_the_redacted_text(world):
    _, made = _comments(world)
    page = _client(world.officer).get(f"{BASE}/{made[0].pk}/").content.decode()
    assert (
        '<mark data-kind="NAME">Sarah Thompson<span class="govuk-visually-hidden"> (name)'
        "</span></mark>" in page
    )
    assert '<mark data-kind="PHONE">07700 900123' in page
    assert "My name is [NAME], ring [PHONE]" in page
    assert "data-confirm-form" in page and "data-withhold-form" in page


def test_other_readers_see_the_redacted_text_and_state_only(world):
    _, made = _comments(world)
    for user in (world.strategy, world.scrutiny):
        client = _client(user)
        page = client.get(f"{BASE}/{made[0].pk}/").content.decode()
        assert "My name is [NAME], ring [PHONE]" in page and "Redaction to check" in page
        assert "Sarah" not in page and "07700" not in page and "data-original" not in page
        assert "data-confirm-form" not in page
        response = client.post(f"{BASE}/{made[0].pk}/", {"action": "confirm"})
        assert response.status_code == 403
    assert Comment.objects.get(pk=made[0].pk).redaction_state == "pending"
    assert _client(world.editor).get(f"{BASE}/").status_code == 403


def test_mark_more_then_accept_and_next(world):
    _, made = _comments(world)
    client = _client(world.officer)
    response = client.post(
        f"{BASE}/{made[2].pk}/", {"action": "confirm", "marked": "Nobody Here", "next": "1"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "“Nobody Here” is not in the comment" in page
    response = client.post(
        f"{BASE}/{made[2].pk}/", {"action": "confirm", "marked": "Zebedee Quill", "next": "1"}
    )
    # The next one to check after the newest is the oldest (the queue starts again).
    assert response.status_code == 302 and response["Location"].startswith(f"{BASE}/{made[0].pk}/")
    done = Comment.objects.get(pk=made[2].pk)
    assert done.redaction_state == "confirmed" and done.redacted_text.startswith("Ask [REDACTED]")
    assert done.redaction_reviewed_by == world.officer
    page = client.get(response["Location"]).content.decode()
    assert f"Comment {made[2].pk}: redaction checked." in page
    client.post(f"{BASE}/{made[0].pk}/", {"action": "confirm", "next": "1"})
    response = client.post(f"{BASE}/{made[1].pk}/", {"action": "confirm", "next": "1"})
    assert response.status_code == 302 and response["Location"] == f"{BASE}/?done=all"
    page = client.get(response["Location"]).content.decode()
    assert "Every comment here has had its redaction checked." in page
    assert "No comment waits" in page


def test_accept_and_next_keeps_the_filter(world):
    event, made = _comments(world)
    client = _client(world.officer)
    response = client.post(
        f"{BASE}/{made[0].pk}/", {"action": "confirm", "next": "1", "event": str(event.pk)}
    )
    assert response["Location"] == f"{BASE}/{made[1].pk}/?event={event.pk}&checked={made[0].pk}"


def test_withhold_with_a_reason_and_release(world):
    _, made = _comments(world)
    client = _client(world.officer)
    response = client.post(f"{BASE}/{made[1].pk}/", {"action": "withhold", "reason": ""})
    assert response.status_code == 400 and "Say why the comment is withheld" in (
        response.content.decode()
    )
    response = client.post(
        f"{BASE}/{made[1].pk}/", {"action": "withhold", "reason": "Names a member of staff"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Withheld" in page and "Names a member of staff" in page and "data-release-form" in page
    listing = client.get(f"{BASE}/?show=withheld").content.decode()
    assert f"(comment {made[1].pk})" in listing and "Names a member of staff" in listing
    client.post(f"{BASE}/{made[1].pk}/", {"action": "release"})
    assert Comment.objects.get(pk=made[1].pk).withheld is False


def test_the_queue_reads_the_same_few_queries_however_many_comments(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from onefuture.engagement.services.capture import comments_add_many

    client = _client(world.officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{BASE}/").status_code == 200
        return len(captured)

    comments_add_many(
        user=world.officer, place=world.place, rows=[{"text": "Call Sarah Jenkins"}] * 5
    )
    few = queries()
    comments_add_many(
        user=world.officer, place=world.place, rows=[{"text": "Call Sarah Jenkins"}] * 60
    )
    assert queries() == few
