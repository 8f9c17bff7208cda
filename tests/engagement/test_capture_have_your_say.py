"""The public "have your say" form: consent off by default, errors named, honeypot, flood limit."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from onefuture.engagement.models import Comment, CommentSource
from onefuture.engagement.views.have_your_say import LIMIT
from tests.engagement.capture_sample import capture_world

pytestmark = pytest.mark.django_db
URL = "/places/riverton/big-things/good-jobs/have-your-say/"


@pytest.fixture
def world():
    cache.clear()
    yield capture_world()
    cache.clear()


def test_the_big_thing_page_invites_and_the_form_starts_with_consent_off(world):
    client = Client()
    page = client.get("/places/riverton/big-things/good-jobs/").content.decode()
    assert "data-have-your-say-panel" in page and URL in page
    form = client.get(URL).content.decode()
    assert 'name="consent_publish"' in form
    assert "checked" not in form.split('name="consent_publish"')[1].split(">")[0]
    assert 'tabindex="-1"' in form and 'autocomplete="off"' in form
    assert "Leave this field empty" in form


def test_a_comment_is_written_pending_from_the_form(world):
    response = Client().post(
        URL,
        {"text": "More buses, call me on 07700 900123", "ward": "E05990001", "age_band": "16-24"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    comment = Comment.objects.get()
    assert comment.source == CommentSource.FORM and not comment.consent_publish
    assert comment.redaction_state == "pending" and "[PHONE]" in comment.redacted_text
    assert comment.ward.name == "Brinnington" and comment.age_band == "16-24"
    assert [b.key for b in comment.big_things.all()] == ["good-jobs"]
    thanks = Client().get(response["Location"]).content.decode()
    assert "checked it and removed any names" in thanks


def test_errors_are_named_and_nothing_is_written(world):
    response = Client().post(URL, {"text": "", "ward": "nowhere"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter your comment" in body and "govuk-error-summary" in body
    assert "Select a valid choice" in body
    assert not Comment.objects.exists()


def test_a_filled_honeypot_looks_accepted_but_writes_nothing(world):
    response = Client().post(URL, {"text": "Buy cheap watches", "website": "http://spam"})
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_a_flood_is_refused_with_a_429_saying_when_to_try_again(world):
    client = Client()
    for i in range(LIMIT):
        assert client.post(URL, {"text": f"Comment {i}"}).status_code == 302
    response = client.post(URL, {"text": "One too many"})
    assert response.status_code == 429
    assert "Try again in 10 minutes" in response.content.decode()
    assert Comment.objects.count() == LIMIT
    other = Client(REMOTE_ADDR="192.0.2.9")
    assert other.post(URL, {"text": "Another person"}).status_code == 302


def test_csrf_is_enforced(world):
    response = Client(enforce_csrf_checks=True).post(URL, {"text": "hello"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_closed_form_says_so_and_the_panel_goes(world):
    settings = world.place.engagement_settings
    settings.have_your_say_open = False
    settings.save()
    assert "data-have-your-say-closed" in Client().get(URL).content.decode()
    page = Client().get("/places/riverton/big-things/good-jobs/").content.decode()
    assert "data-have-your-say-panel" not in page
    assert Client().post(URL, {"text": "x"}).status_code == 200
    assert not Comment.objects.exists()


def test_the_places_demographic_questions_are_asked_and_optional(world):
    settings = world.place.engagement_settings
    settings.demographic_questions = [
        {
            "key": "disability",
            "question": "Are you disabled?",
            "answers": [{"key": "yes", "name": "Yes"}, {"key": "no", "name": "No"}],
        }
    ]
    settings.save()
    form = Client().get(URL).content.decode()
    assert "Are you disabled? (optional)" in form and "Prefer not to say" in form
    Client().post(URL, {"text": "One", "q_disability": "no"})
    Client(REMOTE_ADDR="192.0.2.7").post(URL, {"text": "Two"})
    assert [c.demographics for c in Comment.objects.order_by("id")] == [{"disability": "no"}, {}]
    response = Client().post(URL, {"text": "Three", "q_disability": "maybe"})
    assert response.status_code == 200 and Comment.objects.count() == 2
