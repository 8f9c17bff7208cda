"""The workspace's commitment pages (invite, record, agree, deliver, withdraw through the forms)
and the audit trail (who, when, before and after; officers and scrutiny only, a partner
editor only its own items, never public)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.routemaps.models import Commitment, CommitmentStatus, Update
from onefuture.routemaps.selectors.audit import audit_list
from onefuture.routemaps.services.commitments import commitment_record
from tests.routemaps.sample import sample_plan

pytestmark = pytest.mark.django_db

BASE = "/places/riverton/workspace"


def _user(username, place, role, partner=None):
    person = get_user_model().objects.create_user(
        username=username, password="pw-12345-long", first_name=username.capitalize()
    )
    membership_set(user=person, place=place, role=role, partner=partner)
    return person


@pytest.fixture
def world():
    plan = sample_plan()
    place = plan.place
    _council, trust, forum = plan.sample.partners
    return {
        "plan": plan,
        "place": place,
        "trust": trust,
        "forum": forum,
        "jobs": plan.sample.big_things[0],
        "officer": _user("olive", place, Role.STRATEGY_OFFICER),
        "scrutiny": _user("sam", place, Role.SCRUTINY_MEMBER),
        "trust_editor": _user("tess", place, Role.PARTNER_EDITOR, trust),
        "forum_editor": _user("finn", place, Role.PARTNER_EDITOR, forum),
    }


def _main(response) -> str:
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def test_invite_record_agree_deliver_through_the_pages(client: Client, world) -> None:
    w = world
    client.force_login(w["officer"])
    home = _main(client.get(f"{BASE}/"))
    assert "Commitments" in home and "Record a commitment" in home and "Audit trail" in home
    form = client.get(f"{BASE}/commitments/invite/")
    assert form.status_code == 200 and 'type="date"' in form.content.decode()
    invited = client.post(
        f"{BASE}/commitments/invite/",
        {"partner": w["trust"].key, "big_thing": w["jobs"].key, "milestone": "skills",
         "title": "Lead the skills centre"},
    )  # fmt: skip
    assert invited.status_code == 302, _main(invited)
    commitment = Commitment.objects.get()
    assert commitment.status == CommitmentStatus.INVITED
    # The trust's editor sees the invitation waiting, and answers it.
    client.force_login(w["trust_editor"])
    assert "1 waiting" in _main(client.get(f"{BASE}/"))
    answer = f"{BASE}/commitments/{commitment.pk}/record/"
    refused = client.post(answer, {"big_thing": w["jobs"].key, "milestone": "skills",
                                   "title": "Open it", "due_date": ""})  # fmt: skip
    assert refused.status_code == 400 and "govuk-error-summary" in refused.content.decode()
    done = client.post(answer, {"partner": w["trust"].key, "big_thing": w["jobs"].key,
                                "milestone": "skills", "title": "Open it with 300 places",
                                "due_date": "2026-06-30"})  # fmt: skip
    assert done.status_code == 302, _main(done)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.COMMITTED
    assert "Agree the commitment" not in _main(client.get(f"{BASE}/commitments/{commitment.pk}/"))
    # The officer agrees it, then marks it delivered: recognition is required.
    client.force_login(w["officer"])
    page = _main(client.get(f"{BASE}/commitments/{commitment.pk}/"))
    assert "Agree the commitment" in page and "names" in page
    step = f"{BASE}/commitments/{commitment.pk}"
    assert client.post(f"{step}/agree/").status_code == 302
    assert client.get(f"{step}/agree/").status_code == 405
    missing = client.post(f"{step}/deliver/", {"recognition": ""})
    assert missing.status_code == 400 and "govuk-error-summary" in missing.content.decode()
    again = client.post(f"{step}/agree/")
    assert again.status_code == 400 and "is agreed by the council" in again.content.decode()
    assert client.post(f"{step}/deliver/", {"recognition": "Thank you, Trust."}).status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DELIVERED
    assert commitment.recognition == "Thank you, Trust."
    listed = _main(client.get(f"{BASE}/commitments/?status=delivered"))
    assert "Open it with 300 places" in listed and "Delivered: 1" in listed


def test_a_refused_lead_is_put_back_on_the_milestone_field(client: Client, world) -> None:
    w = world
    client.force_login(w["forum_editor"])
    response = client.post(
        f"{BASE}/commitments/record/",
        {"partner": w["forum"].key, "big_thing": w["jobs"].key, "milestone": "skills",
         "title": "Lead it", "due_date": "2027-01-01"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_milestone"' in html and "The plan asks" in html
    assert not Commitment.objects.exists()


def test_who_sees_which_commitment_page(client: Client, world) -> None:
    w = world
    theirs = commitment_record(
        user=w["trust_editor"], place=w["place"], partner=w["trust"], big_thing=w["jobs"],
        title="Fund apprenticeships", due_date="2027-01-01",
    )  # fmt: skip
    url = f"{BASE}/commitments/{theirs.pk}/"
    assert client.get(url).status_code == 302  # not signed in: to the sign-in page
    client.force_login(w["forum_editor"])
    refused = client.get(url)
    assert refused.status_code == 403 and "Fund apprenticeships" not in refused.content.decode()
    assert "Fund apprenticeships" not in _main(client.get(f"{BASE}/commitments/"))
    assert client.post(f"{BASE}/commitments/{theirs.pk}/withdraw/").status_code == 403
    assert client.get(f"{BASE}/commitments/invite/").status_code == 403
    client.force_login(w["scrutiny"])
    page = _main(client.get(url))
    assert "Fund apprenticeships" in page and "<form" not in page  # reads, takes no step
    assert client.get(f"{BASE}/commitments/record/").status_code == 403
    assert client.post(f"{BASE}/commitments/{theirs.pk}/agree/").status_code == 403


def test_the_audit_trail_shows_who_when_before_and_after(client: Client, world) -> None:
    w = world
    made = commitment_record(
        user=w["trust_editor"], place=w["place"], partner=w["trust"], big_thing=w["jobs"],
        title="Fund apprenticeships", due_date="2027-01-01",
    )  # fmt: skip
    client.force_login(w["officer"])
    assert client.post(f"{BASE}/commitments/{made.pk}/agree/").status_code == 302
    skills = w["plan"].milestones["skills"]
    skills.lead_partners.add(w["forum"])  # an m2m change
    entries = audit_list(place=w["place"], user=w["scrutiny"], kind="commitment")
    agreed, recorded = entries[0], entries[1]
    assert agreed.who == "Olive" and agreed.action == "changed"
    assert agreed.why == "agreed by the council"
    status = next(c for c in agreed.changes if c.field == "status")
    assert (status.before, status.after) == ("Committed", "Agreed by the council")
    assert recorded.who == "Tess" and recorded.action == "created"
    assert any(c.field == "title" and c.after == "Fund apprenticeships" for c in recorded.changes)
    milestone = audit_list(place=w["place"], user=w["officer"], kind="milestone",
                           object_id=skills.pk)  # fmt: skip
    leads = next(c for c in milestone[0].changes if c.field == "lead_partners")
    assert w["forum"].name not in leads.before and w["forum"].name in leads.after
    assert milestone[-1].action == "created"
    # The page: scrutiny reads it, filtered by kind and person.
    client.force_login(w["scrutiny"])
    page = _main(client.get(f"{BASE}/audit/?kind=commitment&who=olive"))
    assert "agreed by the council" in page and "Agreed by the council" in page
    assert "created by Tess" not in page
    assert "Milestone:" not in page
    item = _main(client.get(f"{BASE}/audit/commitment/{made.pk}/"))
    assert "created by Tess" in item and "changed by Olive" in item
    assert client.get(f"{BASE}/audit/nothing/1/").status_code == 404


def test_partner_editors_read_only_their_own_items_history_and_the_public_none(
    client: Client, world
) -> None:
    w = world
    made = commitment_record(
        user=w["trust_editor"], place=w["place"], partner=w["trust"], big_thing=w["jobs"],
        title="Fund apprenticeships", due_date="2027-01-01",
    )  # fmt: skip
    update = Update.objects.create(
        place=w["place"], milestone=w["plan"].milestones["skills"], status="on_track",
        created_by=w["trust_editor"],
    )  # fmt: skip
    client.force_login(w["trust_editor"])
    assert "Audit trail" not in _main(client.get(f"{BASE}/"))
    assert client.get(f"{BASE}/audit/").status_code == 403
    assert client.get(f"{BASE}/audit/commitment/{made.pk}/").status_code == 200
    assert client.get(f"{BASE}/audit/update/{update.pk}/").status_code == 200  # it leads skills
    client.force_login(w["forum_editor"])
    assert client.get(f"{BASE}/audit/commitment/{made.pk}/").status_code == 403
    assert client.get(f"{BASE}/audit/update/{update.pk}/").status_code == 403
    client.logout()
    assert client.get(f"{BASE}/audit/").status_code == 302
    assert client.get("/places/riverton/audit/").status_code == 404


def test_a_framework_load_is_recorded_as_the_framework_files(world) -> None:
    from tests.routemaps.test_plan_sections import load, plan_data

    data = plan_data()
    place = load(data).place
    officer = _user("otto", place, Role.STRATEGY_OFFICER)
    created = audit_list(place=place, user=officer, kind="milestone")
    assert created and {e.who for e in created} == {"framework file"}
    assert all(e.why == "loaded from a framework file" for e in created)
    data["routemaps"][0]["milestones"][1]["title"] = "Step B, renamed"
    load(data)
    changed = audit_list(place=place, user=officer, kind="milestone")[0]
    title = next(c for c in changed.changes if c.field == "title")
    assert (changed.who, changed.action) == ("framework file", "changed")
    assert (title.before, title.after) == ("Step B", "Step B, renamed")
