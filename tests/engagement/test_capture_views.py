"""The workspace's capture pages: events, comments entered and pasted, imports and templates."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from onefuture.engagement.models import Comment, CommentImport, Event, RunStatus
from tests.engagement.capture_sample import capture_world

pytestmark = pytest.mark.django_db
BASE = "/places/riverton/workspace/engagement"


@pytest.fixture
def world():
    return capture_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _record(client, world) -> Event:
    response = client.post(
        f"{BASE}/events/new/",
        {
            "title": "Youth forum",
            "kind": "forum",
            "date": "2025-03-01",
            "ward": str(world.wards[0].pk),
            "people_count": "14",
            "groups": [str(world.groups[0].pk)],
            "big_things": [str(world.sample.big_things[0].pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Event.objects.get()


def test_record_list_edit_an_event(world):
    client = _client(world.officer)
    event = _record(client, world)
    assert event.ward == world.wards[0] and event.people_count == 14
    assert list(event.groups.all()) == [world.groups[0]]
    listing = client.get(f"{BASE}/events/").content.decode()
    assert "Youth forum" in listing and "Young people" in listing
    edit = client.get(f"{BASE}/events/{event.pk}/edit/").content.decode()
    assert 'value="Youth forum"' in edit
    response = client.post(f"{BASE}/events/{event.pk}/edit/", {"title": "", "kind": "forum"})
    assert response.status_code == 400 and "govuk-error-summary" in response.content.decode()


def test_paste_comments_and_who_sees_the_original(world):
    client = _client(world.officer)
    event = _record(client, world)
    response = client.post(
        f"{BASE}/events/{event.pk}/",
        {"pasted": "Call Sarah Jenkins on 07700 900123\nMore buses", "consent_publish": "on"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?added=2")
    assert Comment.objects.filter(event=event, consent_publish=True).count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "[PHONE]" in page and "07700 900123" in page and "2 comments added" in page
    strategy = _client(world.strategy).get(f"{BASE}/events/{event.pk}/").content.decode()
    assert "[PHONE]" in strategy and "07700 900123" not in strategy
    scrutiny = _client(world.scrutiny)
    assert "07700 900123" not in scrutiny.get(f"{BASE}/events/{event.pk}/").content.decode()
    assert scrutiny.post(f"{BASE}/events/{event.pk}/", {"pasted": "x"}).status_code == 403
    assert _client(world.editor).get(f"{BASE}/events/").status_code == 403


def test_import_page_success_and_failure_status_pages(world):
    client = _client(world.officer)
    good = SimpleUploadedFile("c.csv", b"text,group\nMore buses,young-people\n")
    response = client.post(f"{BASE}/import/", {"file": good})
    assert response.status_code == 302
    assert "1 comment(s) imported" in client.get(response["Location"]).content.decode()
    bad = SimpleUploadedFile("bad.csv", b"text,group\nMore buses,nobody\n")
    response = client.post(f"{BASE}/import/", {"file": bad})
    status = client.get(response["Location"]).content.decode()
    assert "no stakeholder group &#x27;nobody&#x27;" in status or "nobody" in status
    assert "data-import-errors" in status
    assert CommentImport.objects.filter(status=RunStatus.FAILED).count() == 1
    assert Comment.objects.count() == 1
    template = client.get(f"{BASE}/import/template.csv")
    assert template.content.startswith(b"text,group,ward")
    assert client.get(f"{BASE}/import/template.xlsx").status_code == 200
    assert client.get(f"{BASE}/import/template.pdf").status_code == 404
