"""A partner's public page: what it is named to lead (agreed only), the delivery plans it leads,
its agreed commitments and those delivered with their recognition; nothing not yet agreed and no
person's name."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.routemaps.services.commitments import (
    commitment_agree,
    commitment_deliver,
    commitment_invite,
    commitment_record,
    commitment_start,
)
from tests.routemaps.sample import sample_plan

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def test_the_partner_page_shows_only_what_the_council_agreed(client: Client) -> None:
    plan = sample_plan()
    place = plan.place
    council, trust, forum = plan.sample.partners
    jobs = plan.sample.big_things[0]
    officer = get_user_model().objects.create_user(
        username="olive", first_name="Olive", last_name="Secretname"
    )
    membership_set(user=officer, place=place, role=Role.STRATEGY_OFFICER)
    due = dt.date(2026, 6, 30)
    lead = commitment_record(
        user=officer, place=place, partner=trust, big_thing=jobs,
        milestone=plan.milestones["skills"], title="Lead the skills centre", due_date=due,
    )  # fmt: skip
    commitment_agree(user=None, place=place, commitment=lead)
    done = commitment_record(
        user=None, place=place, partner=trust, big_thing=jobs, title="Fund 20 apprenticeships",
        due_date=due,
    )  # fmt: skip
    commitment_agree(user=None, place=place, commitment=done)
    commitment_start(user=None, place=place, commitment=done)
    commitment_deliver(
        user=None, place=place, commitment=done, recognition="Thank you for 20 apprentices."
    )
    commitment_record(
        user=None, place=place, partner=trust, big_thing=jobs, title="A promise not yet agreed",
        due_date=due,
    )  # fmt: skip
    commitment_invite(user=None, place=place, partner=trust, big_thing=jobs, title="An invite")

    listed = _main(client.get("/places/riverton/partners/"))
    assert f'href="/places/riverton/partners/{trust.key}/"' in listed
    page = client.get(f"/places/riverton/partners/{trust.key}/")
    assert page.status_code == 200
    html = _main(page)
    assert trust.name in html
    assert plan.milestones["skills"].title in html  # named: listed by the plan and agreed
    assert plan.milestones["jobs-hub"].title not in html  # proposed by the plan only
    assert "Lead the skills centre" in html and "Agreed by the council" in html
    assert "Thank you for 20 apprentices." in html
    assert "A promise not yet agreed" not in html and "An invite" not in html
    assert "Olive" not in html and "Secretname" not in html
    # The council leads the transport plan (the plan's own lead), but agreed nothing yet.
    council_html = _main(client.get(f"/places/riverton/partners/{council.key}/"))
    assert plan.delivery_plan.title in council_html
    assert plan.milestones["depot"].title not in council_html
    assert "not named as the lead of any milestone" not in council_html
    forum_html = _main(client.get(f"/places/riverton/partners/{forum.key}/"))
    assert "not named as the lead of any milestone" in forum_html
    assert "No commitment of" in forum_html
    assert client.get("/places/riverton/partners/nobody/").status_code == 404
