"""The update workflow's action objects: what each allows, every refusal, and what it writes."""

from __future__ import annotations

import pytest

from onefuture.core.errors import ApplicationError, NotFound, PermissionDenied
from onefuture.routemaps.actions.updates import (
    ApproveUpdate,
    CommentOnUpdate,
    ConfirmNoChange,
    LockPeriod,
    PeriodLocked,
    PublishUpdate,
    ReturnUpdate,
    SubmitUpdate,
    UnlockPeriod,
)
from onefuture.routemaps.models import Comment, Update, UpdateState
from onefuture.routemaps.selectors.updates import (
    update_detail,
    update_list_published,
    updates_waiting,
)
from tests.routemaps.updates_data import updates_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return updates_place()


def submit(data, user, milestone=None, **fields):
    fields.setdefault("status", "on_track")
    fields.setdefault("period", data.current)
    return SubmitUpdate(
        user=user, place=data.place, milestone=milestone or data.clinic, **fields
    ).execute()


def test_a_partner_editor_submits_on_its_own_organisations_milestone(data) -> None:
    update = submit(data, data.trust_editor, narrative="Walls are up.")
    assert update.state == UpdateState.SUBMITTED
    assert update.submitted_by == data.trust_editor and update.submitted_at is not None
    assert update.period == data.current and update.origin == "workspace"
    assert update_list_published(place=data.place, milestone=data.clinic) == []
    assert updates_waiting(place=data.place) == [update]


def test_a_partner_editor_cannot_submit_on_another_partners_milestone(data) -> None:
    with pytest.raises(PermissionDenied, match="partner editors of its lead partners"):
        submit(data, data.council_editor, milestone=data.clinic)
    for user in (data.scrutiny, data.outsider):
        with pytest.raises(PermissionDenied):
            submit(data, user)
    assert not Update.objects.exists()


def test_officers_submit_on_any_milestone_including_one_with_no_lead(data) -> None:
    assert submit(data, data.officer, milestone=data.unled).milestone == data.unled
    assert submit(data, data.admin, milestone=data.interchange).milestone == data.interchange


@pytest.mark.parametrize(
    ("status", "label"),
    [("at_risk", "at risk"), ("off_track", "off track"), ("dropped", "dropped")],
)
def test_amber_red_and_dropped_need_a_narrative(data, status, label) -> None:
    with pytest.raises(ApplicationError) as refused:
        submit(data, data.trust_editor, status=status, narrative="   ")
    [detail] = refused.value.errors
    assert detail.field == "narrative" and f"'{label}' must say why" in detail.message
    assert not Update.objects.exists()
    assert submit(data, data.trust_editor, status=status, narrative="Contractor went bust.")


def test_an_unknown_status_and_a_bad_evidence_link_are_named(data) -> None:
    with pytest.raises(ApplicationError) as refused:
        submit(data, data.trust_editor, status="green", evidence_url="not a link")
    fields = {detail.field: detail.message for detail in refused.value.errors}
    assert "'green' is not one" in fields["status"]
    assert "https://" in fields["evidence_url"]


def test_a_locked_period_takes_no_submission_and_names_the_period(data) -> None:
    with pytest.raises(PeriodLocked, match="April to June 2026 \\(2026-27-q1\\) was locked"):
        submit(data, data.trust_editor, period=data.locked)
    with pytest.raises(PeriodLocked):
        ConfirmNoChange(
            user=data.trust_editor, place=data.place, milestone=data.clinic, period=data.locked
        ).execute()
    assert not Update.objects.exists()


def test_a_second_update_waiting_for_the_same_item_and_period_is_refused(data) -> None:
    submit(data, data.trust_editor)
    with pytest.raises(ApplicationError, match="already waiting for approval"):
        submit(data, data.trust_editor)


def test_another_places_milestone_is_not_found(data) -> None:
    other = updates_place(slug="elsewhere")
    with pytest.raises(NotFound):
        SubmitUpdate(
            user=data.officer, place=data.place, milestone=other.clinic, status="on_track"
        ).execute()


def test_approving_publishes_at_once_and_the_status_is_public(data) -> None:
    update = submit(data, data.trust_editor, status="off_track", narrative="Delayed by a year.")
    approved = ApproveUpdate(user=data.officer, place=data.place, update=update).execute()
    assert approved.state == UpdateState.PUBLISHED
    assert approved.reviewed_by == data.officer and approved.published_at is not None
    assert update_list_published(place=data.place, milestone=data.clinic) == [update]
    assert updates_waiting(place=data.place) == []
    # the history records each step: submitted, approved, published
    assert [h.state for h in update.history.order_by("history_id")] == [
        "submitted",
        "approved",
        "published",
    ]


def test_only_officers_approve_return_and_publish(data) -> None:
    update = submit(data, data.trust_editor)
    for user in (data.trust_editor, data.council_editor, data.scrutiny, data.outsider):
        with pytest.raises(PermissionDenied, match="administrators and strategy officers"):
            ApproveUpdate(user=user, place=data.place, update=update).execute()
        with pytest.raises(PermissionDenied):
            ReturnUpdate(user=user, place=data.place, update=update, comment="No").execute()
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_wrong_states_are_refused_with_the_state_named(data) -> None:
    update = submit(data, data.trust_editor)
    with pytest.raises(ApplicationError, match="only an approved update is published"):
        PublishUpdate(user=data.officer, place=data.place, update=update).execute()
    ApproveUpdate(user=data.officer, place=data.place, update=update).execute()
    with pytest.raises(ApplicationError, match="is published: only an update waiting"):
        ApproveUpdate(user=data.officer, place=data.place, update=update).execute()
    with pytest.raises(ApplicationError, match="is published: only an update waiting"):
        ReturnUpdate(user=data.officer, place=data.place, update=update, comment="x").execute()


def test_returning_needs_a_comment_and_keeps_the_update_private(data) -> None:
    update = submit(data, data.trust_editor)
    with pytest.raises(ApplicationError) as refused:
        ReturnUpdate(user=data.officer, place=data.place, update=update, comment=" ").execute()
    assert refused.value.errors[0].field == "comment"
    returned = ReturnUpdate(
        user=data.officer, place=data.place, update=update, comment="Add the evidence link."
    ).execute()
    assert returned.state == UpdateState.RETURNED
    assert returned.review_comment == "Add the evidence link."
    assert update_list_published(place=data.place) == []
    # the owner submits again
    assert submit(data, data.trust_editor, evidence_url="https://example.org/report").pk


def test_a_locked_period_takes_no_approval(data) -> None:
    update = submit(data, data.trust_editor)
    update.period = data.locked  # an update left from before the lock
    update.save()
    with pytest.raises(PeriodLocked, match="April to June 2026"):
        ApproveUpdate(user=data.officer, place=data.place, update=update).execute()
    with pytest.raises(PeriodLocked):
        ReturnUpdate(user=data.officer, place=data.place, update=update, comment="x").execute()


def test_no_change_repeats_the_last_published_status_and_records_who_and_when(data) -> None:
    first = submit(
        data,
        data.council_editor,
        milestone=data.interchange,
        status="at_risk",
        narrative="Steel prices.",
    )
    ApproveUpdate(user=data.officer, place=data.place, update=first).execute()
    confirmed = ConfirmNoChange(
        user=data.council_editor,
        place=data.place,
        milestone=data.interchange,
        period=data.current,
    ).execute()
    assert confirmed.no_change and confirmed.status == "at_risk"
    assert confirmed.state == UpdateState.PUBLISHED
    assert confirmed.submitted_by == data.council_editor and confirmed.submitted_at
    # with no published update, it repeats the planned status
    planned = ConfirmNoChange(
        user=data.trust_editor, place=data.place, milestone=data.clinic, period=data.current
    ).execute()
    assert planned.status == "not_started"
    with pytest.raises(PermissionDenied):
        ConfirmNoChange(
            user=data.trust_editor, place=data.place, milestone=data.interchange
        ).execute()


def test_commitment_updates_by_its_partner_only_once_agreed(data) -> None:
    update = SubmitUpdate(
        user=data.trust_editor, place=data.place, commitment=data.commitment, status="on_track"
    ).execute()
    assert update.commitment == data.commitment
    with pytest.raises(PermissionDenied):
        SubmitUpdate(
            user=data.council_editor,
            place=data.place,
            commitment=data.commitment,
            status="on_track",
        ).execute()
    data.commitment.status = "invited"
    data.commitment.save()
    with pytest.raises(ApplicationError, match="is invited: updates are reported"):
        SubmitUpdate(
            user=data.officer, place=data.place, commitment=data.commitment, status="on_track"
        ).execute()
    data.commitment.status = "delivering"
    data.commitment.save()
    ReturnUpdate(user=data.officer, place=data.place, update=update, comment="More.").execute()
    with pytest.raises(ApplicationError, match="no published update yet"):
        ConfirmNoChange(user=data.officer, place=data.place, commitment=data.commitment).execute()


def test_reading_an_unpublished_update_object_by_object(data) -> None:
    clinic_update = submit(data, data.trust_editor)
    for user in (data.admin, data.officer, data.scrutiny, data.trust_editor):
        assert update_detail(place=data.place, user=user, update_id=clinic_update.pk)
    for user in (data.council_editor, data.outsider, None):
        with pytest.raises(PermissionDenied):
            update_detail(place=data.place, user=user, update_id=clinic_update.pk)
    other = updates_place(slug="elsewhere")
    with pytest.raises(NotFound):
        update_detail(place=other.place, user=data.officer, update_id=clinic_update.pk)
    ApproveUpdate(user=data.officer, place=data.place, update=clinic_update).execute()
    assert update_detail(place=data.place, user=None, update_id=clinic_update.pk)


def test_comments_by_scrutiny_and_officers_only(data) -> None:
    update = submit(data, data.trust_editor)
    comment = CommentOnUpdate(
        user=data.scrutiny, place=data.place, update=update, text="Why the delay?"
    ).execute()
    assert comment.author == data.scrutiny and comment.update == update
    CommentOnUpdate(user=data.officer, place=data.place, update=update, text="Asked.").execute()
    with pytest.raises(PermissionDenied, match="scrutiny members"):
        CommentOnUpdate(
            user=data.trust_editor, place=data.place, update=update, text="Hi"
        ).execute()
    with pytest.raises(ApplicationError) as refused:
        CommentOnUpdate(user=data.scrutiny, place=data.place, update=update, text="").execute()
    assert refused.value.errors[0].field == "text"
    assert Comment.objects.count() == 2


def test_locking_and_unlocking_a_period(data) -> None:
    with pytest.raises(PermissionDenied):
        LockPeriod(user=data.trust_editor, place=data.place, period=data.current).execute()
    waiting = submit(data, data.trust_editor)
    with pytest.raises(ApplicationError, match="1 update\\(s\\) for July to September 2026 wait"):
        LockPeriod(user=data.officer, place=data.place, period=data.current).execute()
    ApproveUpdate(user=data.officer, place=data.place, update=waiting).execute()
    locked = LockPeriod(user=data.officer, place=data.place, period=data.current).execute()
    assert locked.locked and locked.locked_by == data.officer
    with pytest.raises(ApplicationError, match="already locked"):
        LockPeriod(user=data.officer, place=data.place, period=data.current).execute()
    with pytest.raises(PeriodLocked):
        submit(data, data.trust_editor)
    UnlockPeriod(user=data.officer, place=data.place, period=data.current).execute()
    assert submit(data, data.trust_editor).period == data.current
    with pytest.raises(ApplicationError, match="is not locked"):
        UnlockPeriod(user=data.officer, place=data.place, period=data.current).execute()


def test_allowed_answers_what_check_would_without_raising(data) -> None:
    ok = SubmitUpdate(
        user=data.trust_editor, place=data.place, milestone=data.clinic, status="on_track"
    )
    assert ok.allowed()
    assert not SubmitUpdate(
        user=data.council_editor, place=data.place, milestone=data.clinic, status="on_track"
    ).allowed()
    assert not SubmitUpdate(
        user=data.trust_editor, place=data.place, milestone=data.clinic, status="off_track"
    ).allowed()


def test_a_failed_step_writes_nothing(data, monkeypatch) -> None:
    update = submit(data, data.trust_editor)

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("onefuture.routemaps.services.updates.update_publish", broken)
    with pytest.raises(RuntimeError):
        ApproveUpdate(user=data.officer, place=data.place, update=update).execute()
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED and update.reviewed_by is None
