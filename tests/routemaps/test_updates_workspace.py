"""The workspace's update pages through Django's test client: what each role sees and does."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from onefuture.routemaps.models import Comment, Update, UpdateState
from tests.routemaps.updates_data import updates_place

pytestmark = pytest.mark.django_db

BASE = "/places/riverton/workspace"


@pytest.fixture
def data():
    return updates_place()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def main(response) -> str:
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def test_my_items_shows_a_partner_editor_only_its_own_organisations_items(data) -> None:
    page = main(signed_in(data.trust_editor).get(f"{BASE}/my-items/"))
    assert "Town centre clinic opens" in page and "Two hundred apprenticeships" in page
    assert "Interchange opens" not in page and "Masterplan agreed" not in page
    assert "July to September 2026" in page or "no open reporting period" in page
    officer = main(signed_in(data.officer).get(f"{BASE}/my-items/"))
    for title in ("Town centre clinic opens", "Interchange opens", "Masterplan agreed"):
        assert title in officer
    assert signed_in(data.scrutiny).get(f"{BASE}/my-items/").status_code == 403


def test_the_workspace_home_counts_what_is_due_and_waiting(data) -> None:
    home = main(signed_in(data.trust_editor).get(f"{BASE}/"))
    assert "My items" in home and "Approve updates" not in home
    officer = main(signed_in(data.officer).get(f"{BASE}/"))
    assert "Approve updates" in officer and "Reporting periods" in officer


def test_submit_red_without_narrative_is_refused_then_accepted_and_approved(data) -> None:
    editor = signed_in(data.trust_editor)
    url = f"{BASE}/updates/new/milestone/clinic-opens/"
    assert editor.get(url).status_code == 200
    refused = editor.post(url, {"status": "off_track", "narrative": "", "period": "2026-27-q2"})
    assert refused.status_code == 400
    page = main(refused)
    assert "govuk-error-summary" in page and "must say why" in page
    assert 'href="#id_narrative"' in page
    assert not Update.objects.exists()
    accepted = editor.post(
        url,
        {
            "status": "off_track",
            "narrative": "The contractor went into administration.",
            "evidence_url": "https://example.org/cabinet-report",
            "period": "2026-27-q2",
        },
    )
    assert accepted.status_code == 302
    update = Update.objects.get()
    assert update.state == UpdateState.SUBMITTED and update.submitted_by == data.trust_editor
    assert "was submitted" in main(editor.get(accepted["Location"]))
    officer = signed_in(data.officer)
    queue = main(officer.get(f"{BASE}/updates/review/"))
    assert "The contractor went into administration." in queue
    assert "https://example.org/cabinet-report" in queue
    done = officer.post(f"{BASE}/updates/review/", {"update": update.pk, "decision": "approve"})
    assert done.status_code == 302
    update.refresh_from_db()
    assert update.state == UpdateState.PUBLISHED and update.reviewed_by == data.officer
    assert "No updates are waiting" in main(officer.get(done["Location"]))


def test_returning_without_a_comment_is_refused_on_the_queue(data) -> None:
    editor = signed_in(data.trust_editor)
    editor.post(f"{BASE}/updates/new/milestone/clinic-opens/", {"status": "on_track", "period": ""})
    update = Update.objects.get()
    officer = signed_in(data.officer)
    refused = officer.post(f"{BASE}/updates/review/", {"update": update.pk, "decision": "return"})
    assert refused.status_code == 400
    assert "saying what the owner should change" in main(refused)
    officer.post(
        f"{BASE}/updates/review/",
        {"update": update.pk, "decision": "return", "comment": "Please add evidence."},
    )
    update.refresh_from_db()
    assert update.state == UpdateState.RETURNED
    again = main(editor.get(f"{BASE}/updates/new/milestone/clinic-opens/"))
    assert "was returned" in again and "Please add evidence." in again


def test_no_change_in_one_click(data) -> None:
    editor = signed_in(data.council_editor)
    response = editor.post(
        f"{BASE}/updates/new/milestone/interchange-opens/",
        {"no_change": "1", "period": "2026-27-q2"},
    )
    assert response.status_code == 302
    update = Update.objects.get()
    assert update.no_change and update.status == "on_track"
    assert update.state == UpdateState.PUBLISHED and update.submitted_by == data.council_editor


def test_a_locked_period_is_named_on_the_page(data) -> None:
    editor = signed_in(data.trust_editor)
    refused = editor.post(
        f"{BASE}/updates/new/milestone/clinic-opens/", {"no_change": "1", "period": "2026-27-q1"}
    )
    assert refused.status_code == 400
    assert "April to June 2026 (2026-27-q1) was locked" in main(refused)


def test_a_partner_editor_cannot_reach_another_partners_item_or_update(data) -> None:
    trust = signed_in(data.trust_editor)
    trust.post(f"{BASE}/updates/new/milestone/clinic-opens/", {"status": "on_track"})
    update = Update.objects.get()
    council = signed_in(data.council_editor)
    denied = council.get(f"{BASE}/updates/{update.pk}/")
    assert denied.status_code == 403 and "Town centre clinic" not in denied.content.decode()
    posted = council.post(f"{BASE}/updates/new/milestone/clinic-opens/", {"status": "on_track"})
    assert posted.status_code == 403
    assert Update.objects.count() == 1
    assert "Town centre clinic" not in main(council.get(f"{BASE}/updates/"))
    assert council.get(f"{BASE}/updates/review/").status_code == 403
    assert council.get(f"{BASE}/periods/").status_code == 403


def test_scrutiny_reads_unpublished_updates_and_comments(data) -> None:
    signed_in(data.trust_editor).post(
        f"{BASE}/updates/new/milestone/clinic-opens/", {"status": "on_track"}
    )
    update = Update.objects.get()
    scrutiny = signed_in(data.scrutiny)
    assert "Town centre clinic opens" in main(scrutiny.get(f"{BASE}/updates/"))
    page = main(scrutiny.get(f"{BASE}/updates/{update.pk}/"))
    assert "Add comment" in page and "Approve and publish" not in page
    empty = scrutiny.post(f"{BASE}/updates/{update.pk}/", {"text": ""})
    assert empty.status_code == 400
    scrutiny.post(f"{BASE}/updates/{update.pk}/", {"text": "When will it open?"})
    assert Comment.objects.get().author == data.scrutiny
    assert "When will it open?" in main(scrutiny.get(f"{BASE}/updates/{update.pk}/"))
    assert "Add comment" not in main(
        signed_in(data.trust_editor).get(f"{BASE}/updates/{update.pk}/")
    )


def test_officers_lock_and_unlock_periods(data) -> None:
    officer = signed_in(data.officer)
    page = main(officer.get(f"{BASE}/periods/"))
    assert "April to June 2026" in page and "Locked" in page
    officer.post(f"{BASE}/periods/", {"period": "2026-27-q2", "lock": "1"})
    data.current.refresh_from_db()
    assert data.current.locked and data.current.locked_by == data.officer
    officer.post(f"{BASE}/periods/", {"period": "2026-27-q2", "unlock": "1"})
    data.current.refresh_from_db()
    assert not data.current.locked
