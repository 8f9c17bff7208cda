"""The tracker's workspace pages: GOV.UK errors beside the fields, scrutiny members read only,
status tags carry their words, the workspace item."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from onefuture.reports import services
from onefuture.reports.models import CommitteeMeeting
from tests.reports.tracker_sample import COMMITTEE, meeting, tracker_world

pytestmark = pytest.mark.django_db
BASE = "/places/riverton/workspace/scrutiny"
FEB = dt.date(2024, 2, 27)


@pytest.fixture
def world():
    return tracker_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_record_a_meeting_through_the_form(world):
    client = _client(world.strategy)
    response = client.post(
        f"{BASE}/meetings/new/",
        {
            "committee": COMMITTEE,
            "date": "2024-02-27",
            "report_of": "Cabinet Member for Finance and Resources",
            "recommendations_text": "Note the report.\nComment on it.",
        },
    )
    made = CommitteeMeeting.objects.get(place=world.place)
    assert response.status_code == 302 and response["Location"].endswith(f"/{made.pk}/?done=saved")
    page = client.get(response["Location"]).content.decode()
    assert "Meeting of 27 February 2024" in page and "<li>Comment on it.</li>" in page
    assert "Add the recommendation" in page


def test_errors_are_shown_the_govuk_way(world):
    client = _client(world.strategy)
    response = client.post(f"{BASE}/meetings/new/", {"committee": "", "date": "27th"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in page and "govuk-error-summary" in page
    assert 'href="#id_committee"' in page and 'href="#id_date"' in page
    meeting(world, FEB)
    clash = client.post(f"{BASE}/meetings/new/", {"committee": COMMITTEE, "date": "2024-02-27"})
    assert clash.status_code == 400
    assert "A meeting of this committee on that date is recorded" in clash.content.decode()
    assert CommitteeMeeting.objects.count() == 1


def test_add_edit_and_respond_to_a_recommendation(world):
    made = meeting(world, FEB)
    client = _client(world.strategy)
    jobs = world.sample.big_things[0]
    added = client.post(
        f"{BASE}/meetings/{made.pk}/",
        {"text": "Report homes", "big_things": [jobs.key], "owner_text": "Director of Place"},
    )
    assert added.status_code == 302
    rec = made.recommendations.get()
    url = f"{BASE}/meetings/{made.pk}/recommendations/{rec.pk}/"
    empty = client.post(url, {"step": "respond", "status": "done", "response": ""})
    assert empty.status_code == 400 and 'href="#id_response"' in empty.content.decode()
    done = client.post(url, {"step": "respond", "status": "done", "response": "Reported."})
    assert done.status_code == 302
    edited = client.post(url, {"step": "edit", "text": "Report homes quarterly"})
    assert edited.status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.response, rec.text) == ("done", "Reported.", "Report homes quarterly")
    page = client.get(f"{BASE}/meetings/{made.pk}/").content.decode()
    assert '<strong class="govuk-tag govuk-tag--green">Done</strong>' in page


def test_scrutiny_members_read_but_may_not_edit(world):
    made = meeting(world, FEB)
    rec = services.recommendation_add(user=world.strategy, meeting=made, text="Report homes")
    client = _client(world.scrutiny)
    listing = client.get(f"{BASE}/").content.decode()
    assert "27 February 2024" in listing and "Record a meeting" not in listing
    page = client.get(f"{BASE}/meetings/{made.pk}/").content.decode()
    assert "Report homes" in page and 'name="text"' not in page
    assert "Add the recommendation" not in page
    url = f"{BASE}/meetings/{made.pk}/recommendations/{rec.pk}/"
    assert "Save the response" not in client.get(url).content.decode()
    respond = {"step": "respond", "status": "done", "response": "x"}
    assert client.post(url, respond).status_code == 403
    assert client.post(f"{BASE}/meetings/{made.pk}/", {"text": "Sneaky"}).status_code == 403
    assert client.get(f"{BASE}/meetings/new/").status_code == 403
    assert client.get(f"{BASE}/meetings/{made.pk}/edit/").status_code == 403
    rec.refresh_from_db()
    assert rec.status == "open" and made.recommendations.count() == 1


def test_editors_may_not_read_and_the_workspace_lists_the_tracker(world):
    assert _client(world.editor).get(f"{BASE}/").status_code == 403
    home = _client(world.scrutiny).get("/places/riverton/workspace/").content.decode()
    assert "Scrutiny tracker" in home
    assert (
        "Scrutiny tracker"
        not in _client(world.editor).get("/places/riverton/workspace/").content.decode()
    )


def test_a_meeting_of_another_place_is_not_found(world):
    other = tracker_world(slug="elsewhere")
    theirs = meeting(other, FEB)
    assert _client(world.strategy).get(f"{BASE}/meetings/{theirs.pk}/").status_code == 404
