"""Partner commitments: every step of the lifecycle, every refusal, and a partner named as a
milestone's lead only once the council has agreed its commitment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.routemaps.models import Commitment, CommitmentStatus
from onefuture.routemaps.selectors.commitments import (
    commitment_counts,
    commitment_get,
    commitment_list,
    commitment_list_public,
    milestones_named_lead,
    partner_contribution,
)
from onefuture.routemaps.services.commitments import (
    commitment_agree,
    commitment_deliver,
    commitment_invite,
    commitment_record,
    commitment_start,
    commitment_withdraw,
)
from tests.routemaps.sample import sample_plan

pytestmark = pytest.mark.django_db

DUE = dt.date(2027, 3, 31)


def user(username, place=None, role=None, partner=None):
    person = get_user_model().objects.create_user(username=username, password="pw-12345-long")
    if role is not None:
        membership_set(user=person, place=place, role=role, partner=partner)
    return person


@pytest.fixture
def world():
    plan = sample_plan()
    place = plan.place
    council, trust, forum = plan.sample.partners
    return {
        "plan": plan,
        "place": place,
        "council": council,
        "trust": trust,
        "forum": forum,
        "jobs": plan.sample.big_things[0],
        "transport": plan.sample.big_things[2],
        "officer": user("olive", place, Role.STRATEGY_OFFICER),
        "admin": user("ada", place, Role.ADMINISTRATOR),
        "scrutiny": user("sam", place, Role.SCRUTINY_MEMBER),
        "trust_editor": user("tess", place, Role.PARTNER_EDITOR, trust),
        "forum_editor": user("finn", place, Role.PARTNER_EDITOR, forum),
    }


def test_the_whole_lifecycle_names_the_lead_once_agreed_and_recognises_delivery(world) -> None:
    w = world
    skills = w["plan"].milestones["skills"]
    invited = commitment_invite(
        user=w["officer"],
        place=w["place"],
        partner=w["trust"],
        big_thing=w["jobs"],
        milestone=skills,
        title="Lead the skills centre",
    )
    assert invited.status == CommitmentStatus.INVITED and invited.invited_by == w["officer"]
    assert milestones_named_lead(place=w["place"], partner=w["trust"]) == []
    committed = commitment_record(
        user=w["trust_editor"],
        place=w["place"],
        commitment=invited,
        title="Open the skills centre with 300 places",
        due_date=DUE,
    )
    assert committed.status == CommitmentStatus.COMMITTED
    assert committed.committed_by == w["trust_editor"]
    # Committed is not yet agreed: still not named, not public.
    assert milestones_named_lead(place=w["place"], partner=w["trust"]) == []
    assert list(commitment_list_public(place=w["place"])) == []
    agreed = commitment_agree(user=w["officer"], place=w["place"], commitment=committed)
    assert agreed.status == CommitmentStatus.AGREED and agreed.agreed_by == w["officer"]
    assert milestones_named_lead(place=w["place"], partner=w["trust"]) == [skills]
    assert list(commitment_list_public(place=w["place"])) == [agreed]
    delivering = commitment_start(user=w["trust_editor"], place=w["place"], commitment=agreed)
    assert delivering.status == CommitmentStatus.DELIVERING
    delivered = commitment_deliver(
        user=w["officer"],
        place=w["place"],
        commitment=delivering,
        recognition="Thank you to the Trust for 300 new training places.",
    )
    assert delivered.status == CommitmentStatus.DELIVERED and delivered.delivered_at
    contribution = partner_contribution(place=w["place"], partner=w["trust"])
    assert contribution.delivered == [delivered] and contribution.milestones == [skills]
    reasons = [h.history_change_reason for h in delivered.history.order_by("history_date")]
    assert reasons == ["invited", "recorded", "agreed by the council", "delivery started",
                       "delivered"]  # fmt: skip
    users = [h.history_user for h in delivered.history.order_by("history_date")]
    assert users == [w["officer"], w["trust_editor"], w["officer"], w["trust_editor"],
                     w["officer"]]  # fmt: skip


def test_a_partner_editor_records_its_own_commitment_without_an_invitation(world) -> None:
    w = world
    made = commitment_record(
        user=w["trust_editor"],
        place=w["place"],
        partner=w["trust"],
        big_thing=w["jobs"],
        title="Fund 20 apprenticeships",
        due_date=DUE,
    )
    assert made.status == CommitmentStatus.COMMITTED and made.milestone is None


def test_a_partner_editor_cannot_act_for_another_partner(world) -> None:
    w = world
    with pytest.raises(PermissionDenied, match="partner editors of its partner"):
        commitment_record(
            user=w["forum_editor"],
            place=w["place"],
            partner=w["trust"],
            big_thing=w["jobs"],
            title="Something for the Trust",
            due_date=DUE,
        )
    trusts = commitment_record(
        user=w["trust_editor"],
        place=w["place"],
        partner=w["trust"],
        big_thing=w["jobs"],
        title="Fund 20 apprenticeships",
        due_date=DUE,
    )
    for step in (
        lambda: commitment_record(
            user=w["forum_editor"], place=w["place"], commitment=trusts, title="x", due_date=DUE
        ),
        lambda: commitment_withdraw(user=w["forum_editor"], place=w["place"], commitment=trusts),
        lambda: commitment_get(place=w["place"], user=w["forum_editor"], commitment_id=trusts.pk),
    ):
        with pytest.raises(PermissionDenied):
            step()
    assert list(commitment_list(place=w["place"], user=w["forum_editor"])) == []
    assert list(commitment_list(place=w["place"], user=w["scrutiny"])) == [trusts]
    counts = {c.status: c.count for c in commitment_counts(place=w["place"], user=w["officer"])}
    assert counts["committed"] == 1 and counts["invited"] == 0 and len(counts) == 6


@pytest.mark.parametrize("who", ["trust_editor", "scrutiny"])
def test_only_officers_invite_agree_and_deliver(world, who) -> None:
    w = world
    with pytest.raises(PermissionDenied, match="administrators and strategy officers"):
        commitment_invite(
            user=w[who], place=w["place"], partner=w["trust"], big_thing=w["jobs"], title="x"
        )
    made = commitment_record(
        user=w["officer"],
        place=w["place"],
        partner=w["trust"],
        big_thing=w["jobs"],
        title="Fund 20 apprenticeships",
        due_date=DUE,
    )
    with pytest.raises(PermissionDenied):
        commitment_agree(user=w[who], place=w["place"], commitment=made)
    commitment_agree(user=w["admin"], place=w["place"], commitment=made)
    with pytest.raises(PermissionDenied):
        commitment_deliver(user=w[who], place=w["place"], commitment=made, recognition="Thanks")
    assert Commitment.objects.get(pk=made.pk).status == CommitmentStatus.AGREED


def test_steps_out_of_order_are_refused_with_the_status_named(world) -> None:
    w = world
    o, place = w["officer"], w["place"]
    invited = commitment_invite(
        user=o, place=place, partner=w["trust"], big_thing=w["jobs"], title="Apprenticeships"
    )
    with pytest.raises(ApplicationError, match="is invited; only a commitment that is committed"):
        commitment_agree(user=o, place=place, commitment=invited)
    with pytest.raises(ApplicationError, match="only a commitment that is agreed by the council"):
        commitment_start(user=o, place=place, commitment=invited)
    with pytest.raises(ApplicationError, match="can be marked delivered"):
        commitment_deliver(user=o, place=place, commitment=invited, recognition="Thanks")
    committed = commitment_record(
        user=o, place=place, commitment=invited, title="Fund apprenticeships", due_date=DUE
    )
    agreed = commitment_agree(user=o, place=place, commitment=committed)
    with pytest.raises(ApplicationError, match="is agreed by the council; only"):
        commitment_record(user=o, place=place, commitment=agreed, title="Changed", due_date=DUE)
    with pytest.raises(ApplicationError) as missing:
        commitment_deliver(user=o, place=place, commitment=agreed, recognition="  ")
    assert [e.field for e in missing.value.errors] == ["recognition"]
    delivered = commitment_deliver(user=o, place=place, commitment=agreed, recognition="Thanks")
    with pytest.raises(ApplicationError, match="is delivered; only"):
        commitment_withdraw(user=o, place=place, commitment=delivered)
    assert Commitment.objects.get(pk=delivered.pk).status == CommitmentStatus.DELIVERED


def test_withdrawing_takes_a_commitment_off_the_public_record(world) -> None:
    w = world
    o, place = w["officer"], w["place"]
    made = commitment_record(
        user=o, place=place, partner=w["trust"], big_thing=w["jobs"], title="Fund", due_date=DUE,
        milestone=w["plan"].milestones["skills"],
    )  # fmt: skip
    commitment_agree(user=o, place=place, commitment=made)
    assert milestones_named_lead(place=place, partner=w["trust"])
    withdrawn = commitment_withdraw(
        user=w["trust_editor"], place=place, commitment=made, reason="funding ended"
    )
    assert withdrawn.status == CommitmentStatus.WITHDRAWN
    assert withdrawn.history.first().history_change_reason == "withdrawn: funding ended"
    assert milestones_named_lead(place=place, partner=w["trust"]) == []
    assert list(commitment_list_public(place=place)) == []
    with pytest.raises(ApplicationError, match="is withdrawn"):
        commitment_withdraw(user=o, place=place, commitment=withdrawn)


def test_recording_needs_what_and_by_when(world) -> None:
    w = world
    with pytest.raises(ApplicationError) as error:
        commitment_record(
            user=w["trust_editor"], place=w["place"], partner=w["trust"], big_thing=None,
            title=" ", due_date=None,
        )  # fmt: skip
    assert {e.field for e in error.value.errors} == {"big_thing", "title", "due_date"}
    assert not Commitment.objects.exists()


def test_a_partner_the_plan_does_not_list_cannot_commit_to_lead_the_milestone(world) -> None:
    w = world
    o, place = w["officer"], w["place"]
    skills = w["plan"].milestones["skills"]  # the plan asks the trust only
    for step in (
        lambda: commitment_invite(
            user=o, place=place, partner=w["forum"], big_thing=w["jobs"], milestone=skills,
            title="Lead it",
        ),
        lambda: commitment_record(
            user=w["forum_editor"], place=place, partner=w["forum"], big_thing=w["jobs"],
            milestone=skills, title="Lead it", due_date=DUE,
        ),
    ):  # fmt: skip
        with pytest.raises(ApplicationError, match=r"The plan asks .* not .*Forum") as error:
            step()
        assert error.value.errors[0].field == "milestone"
    # A milestone of another big thing's routemap is refused too.
    with pytest.raises(ApplicationError, match="not of"):
        commitment_record(
            user=o, place=place, partner=w["council"], big_thing=w["jobs"],
            milestone=w["plan"].milestones["depot"], title="Lead it", due_date=DUE,
        )  # fmt: skip
    # The plan changes after the commitment was made: agreeing it is refused.
    made = commitment_record(
        user=w["trust_editor"], place=place, partner=w["trust"], big_thing=w["jobs"],
        milestone=skills, title="Lead it", due_date=DUE,
    )  # fmt: skip
    skills.lead_partners.set([w["council"]])
    with pytest.raises(ApplicationError, match="cannot be agreed"):
        commitment_agree(user=o, place=place, commitment=made)
    assert Commitment.objects.get(pk=made.pk).status == CommitmentStatus.COMMITTED
    assert milestones_named_lead(place=place, partner=w["trust"]) == []


def test_a_commitment_of_another_place_is_refused(world) -> None:
    w = world
    other = sample_plan(slug="elsewhere", name="Elsewhere")
    theirs = commitment_record(
        user=None, place=other.place, partner=other.sample.partners[1],
        big_thing=other.sample.big_things[0], title="Theirs", due_date=DUE,
    )  # fmt: skip
    with pytest.raises(ApplicationError, match=r"not of Riverton|not a commitment of Riverton"):
        commitment_agree(user=w["officer"], place=w["place"], commitment=theirs)
    from onefuture.core.errors import NotFound

    with pytest.raises(NotFound):
        commitment_get(place=w["place"], user=w["officer"], commitment_id=theirs.pk)
