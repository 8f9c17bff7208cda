"""The update workflow as action objects: submit, confirm no change, approve, return, publish,
comment, and lock or unlock a reporting period.

Each is built with who acts, the place and what it acts on; ``check()`` raises
``PermissionDenied`` (asked about the object: a partner editor reports only on its own
organisation's items) or an :class:`~onefuture.core.errors.ApplicationError` naming the field
or the period; ``execute()`` checks and writes in one transaction (see :mod:`.base`).

The states: an owner's update is *submitted*; an officer *approves* it — which publishes it at
once, through :class:`PublishUpdate`, so an officer's one step makes it public — or *returns*
it with a comment, and the owner submits a new one. "No change since last time"
(:class:`ConfirmNoChange`) repeats the item's last published status (else its planned status)
and is published at once: it says nothing new that needs approval, and it records who
confirmed and when. A locked reporting period takes no submissions and no approvals.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from onefuture.core.errors import ApplicationError, ErrorDetail, NotFound
from onefuture.routemaps import permissions
from onefuture.routemaps.actions.base import Action
from onefuture.routemaps.models import (
    NEEDS_NARRATIVE,
    Commitment,
    CommitmentStatus,
    Milestone,
    MilestoneStatus,
    ReportingPeriod,
    Update,
    UpdateState,
)
from onefuture.routemaps.services import periods as period_services
from onefuture.routemaps.services import updates as services

#: The commitment statuses in which a partner reports on its commitment.
REPORTABLE_COMMITMENT = frozenset({CommitmentStatus.AGREED, CommitmentStatus.DELIVERING})


class UpdateError(ApplicationError):
    """An update or a review that cannot be made; the details name the field."""


class PeriodLocked(UpdateError):
    """The reporting period is locked; the message names it."""


def _period_locked(period: ReportingPeriod | None, doing: str) -> None:
    if period is not None and period.locked:
        when = period.locked_at.strftime("%-d %B %Y")
        raise PeriodLocked(
            f"The reporting period {period.title} ({period.key}) was locked on {when}: "
            f"it takes no more updates, so you cannot {doing}. Ask a strategy officer to "
            "unlock it, or report for the current period.",
            errors=[ErrorDetail(field="period", message=f"{period.title} is locked.")],
        )


def _about(update: Update) -> str:
    return str(update.milestone or update.commitment)


class _SubjectAction(Action):
    """An action on a milestone or a commitment (exactly one), in a reporting period."""

    def __init__(
        self,
        *,
        user: Any,
        place: Any,
        milestone: Milestone | None = None,
        commitment: Commitment | None = None,
        period: ReportingPeriod | None = None,
    ) -> None:
        super().__init__(user=user, place=place)
        if (milestone is None) == (commitment is None):
            raise ValueError("An update is about exactly one milestone or one commitment.")
        self.milestone = milestone
        self.commitment = commitment
        self.period = period

    @property
    def subject(self) -> Milestone | Commitment:
        return self.milestone if self.milestone is not None else self.commitment

    def permission_object(self) -> Any:
        return self.subject

    def check_subject(self) -> None:
        subject = self.subject
        if subject.place_id != self.place.pk:
            raise NotFound(f"'{subject}' is not part of {self.place.name}'s plan.")
        if self.period is not None and self.period.place_id != self.place.pk:
            raise NotFound(f"The period {self.period.key} is not one of {self.place.name}'s.")
        if self.commitment is not None and self.commitment.status not in REPORTABLE_COMMITMENT:
            raise UpdateError(
                f"'{self.commitment.title}' is {self.commitment.get_status_display().lower()}: "
                "updates are reported on a commitment once the council has agreed it and "
                "until it is delivered."
            )
        _period_locked(self.period, "submit an update for it")
        waiting = Update.objects.filter(
            milestone=self.milestone,
            commitment=self.commitment,
            period=self.period,
            state=UpdateState.SUBMITTED,
        ).first()
        if waiting is not None:
            period = f" for {self.period.title}" if self.period is not None else ""
            raise UpdateError(
                f"An update on '{subject}'{period} is already waiting for approval (submitted "
                f"{waiting.submitted_at:%-d %B %Y}); an officer approves or returns it first."
            )


class SubmitUpdate(_SubjectAction):
    """An owner reports status, narrative and evidence (a link or a file) on an item.

    At risk, off track and dropped need a narrative saying why. The update waits for an
    officer's approval (:class:`ApproveUpdate`); nothing of it is public until then.
    """

    permission = permissions.SUBMIT
    verb = "submit an update"

    def __init__(
        self,
        *,
        user: Any,
        place: Any,
        status: str,
        narrative: str = "",
        evidence_url: str = "",
        evidence_file: Any = None,
        milestone: Milestone | None = None,
        commitment: Commitment | None = None,
        period: ReportingPeriod | None = None,
        origin: str = "workspace",
    ) -> None:
        super().__init__(
            user=user, place=place, milestone=milestone, commitment=commitment, period=period
        )
        self.status = (status or "").strip()
        self.narrative = (narrative or "").strip()
        self.evidence_url = (evidence_url or "").strip()
        self.evidence_file = evidence_file
        self.origin = origin

    def problems(self) -> list[ErrorDetail]:
        """What is wrong with the update's fields (empty when nothing is)."""
        problems = []
        if self.status not in MilestoneStatus.values:
            words = ", ".join(label.lower() for label in MilestoneStatus.labels)
            problems.append(
                ErrorDetail(
                    field="status",
                    message=f"Choose a status ({words})"
                    + (f"; '{self.status}' is not one." if self.status else "."),
                )
            )
        elif self.status in NEEDS_NARRATIVE and not self.narrative:
            label = MilestoneStatus(self.status).label.lower()
            problems.append(
                ErrorDetail(
                    field="narrative",
                    message=f"Enter a narrative: an update that says '{label}' must say why, "
                    "and what is being done about it.",
                )
            )
        if self.evidence_url:
            try:
                URLValidator(schemes=["http", "https"])(self.evidence_url)
            except ValidationError:
                problems.append(
                    ErrorDetail(
                        field="evidence_url",
                        message="Enter the evidence link as a full web address, starting https://.",
                    )
                )
        return problems

    def check_state(self) -> None:
        self.check_subject()
        problems = self.problems()
        if problems:
            raise UpdateError("The update was not submitted.", errors=problems)

    def perform(self) -> Update:
        return services.update_record(
            place=self.place,
            user=self.user,
            milestone=self.milestone,
            commitment=self.commitment,
            period=self.period,
            status=self.status,
            narrative=self.narrative,
            evidence_url=self.evidence_url,
            evidence_file=self.evidence_file,
            origin=self.origin,
        )


class ConfirmNoChange(_SubjectAction):
    """ "No change since last time": one step that repeats the item's last published status.

    It is published at once (nothing new needs approval) and records who confirmed and when.
    Without any published update yet, it repeats the planned status (a milestone's) — a
    commitment with no published update has nothing to repeat.
    """

    permission = permissions.SUBMIT
    verb = "confirm no change"

    def previous_status(self) -> str | None:
        """The status being confirmed: the last published update's, else the planned one."""
        from onefuture.routemaps.selectors.updates import update_latest_published

        latest = update_latest_published(milestone=self.milestone, commitment=self.commitment)
        if latest is not None:
            return latest.status
        return self.milestone.status if self.milestone is not None else None

    def check_state(self) -> None:
        self.check_subject()
        if self.previous_status() is None:
            raise UpdateError(
                f"'{self.subject}' has no published update yet, so there is no status to "
                "confirm: submit an update instead."
            )

    def perform(self) -> Update:
        return services.update_record(
            place=self.place,
            user=self.user,
            milestone=self.milestone,
            commitment=self.commitment,
            period=self.period,
            status=self.previous_status(),
            no_change=True,
            state=UpdateState.PUBLISHED,
        )


class _ReviewAction(Action):
    """An action on one update of the place."""

    def __init__(self, *, user: Any, place: Any, update: Update) -> None:
        super().__init__(user=user, place=place)
        self.update = update

    def permission_object(self) -> Any:
        return self.update

    def check_place(self) -> None:
        if self.update.place_id != self.place.pk:
            raise NotFound(f"There is no update {self.update.pk} in {self.place.name}.")

    def check_waiting(self, doing: str) -> None:
        self.check_place()
        if self.update.state != UpdateState.SUBMITTED:
            raise UpdateError(
                f"This update on '{_about(self.update)}' is "
                f"{self.update.get_state_display().lower()}: only an update waiting for "
                f"approval can be {doing}."
            )


class PublishUpdate(_ReviewAction):
    """An approved update becomes public (called by :class:`ApproveUpdate`)."""

    permission = permissions.PUBLISH
    verb = "publish an update"

    def check_state(self) -> None:
        self.check_place()
        if self.update.state != UpdateState.APPROVED:
            raise UpdateError(
                f"This update on '{_about(self.update)}' is "
                f"{self.update.get_state_display().lower()}: only an approved update is "
                "published."
            )

    def perform(self) -> Update:
        return services.update_publish(update=self.update)


class ApproveUpdate(_ReviewAction):
    """An officer approves a submitted update, which publishes it (one step for the officer)."""

    permission = permissions.APPROVE
    verb = "approve an update"

    def __init__(self, *, user: Any, place: Any, update: Update, comment: str = "") -> None:
        super().__init__(user=user, place=place, update=update)
        self.comment = (comment or "").strip()

    def check_state(self) -> None:
        self.check_waiting("approved")
        _period_locked(self.update.period, "approve updates for it")

    def perform(self) -> Update:
        services.update_review(
            update=self.update, user=self.user, state=UpdateState.APPROVED, comment=self.comment
        )
        return PublishUpdate(user=self.user, place=self.place, update=self.update).execute()


class ReturnUpdate(_ReviewAction):
    """An officer returns a submitted update to its owner with a comment saying what to change."""

    permission = permissions.APPROVE
    verb = "return an update"

    def __init__(self, *, user: Any, place: Any, update: Update, comment: str) -> None:
        super().__init__(user=user, place=place, update=update)
        self.comment = (comment or "").strip()

    def check_state(self) -> None:
        self.check_waiting("returned")
        _period_locked(self.update.period, "return updates for it")
        if not self.comment:
            raise UpdateError(
                "The update was not returned.",
                errors=[
                    ErrorDetail(
                        field="comment",
                        message="Enter a comment saying what the owner should change.",
                    )
                ],
            )

    def perform(self) -> Update:
        return services.update_review(
            update=self.update, user=self.user, state=UpdateState.RETURNED, comment=self.comment
        )


class CommentOnUpdate(_ReviewAction):
    """A scrutiny member or an officer comments on an update (published or not)."""

    permission = permissions.COMMENT
    verb = "comment on an update"

    def __init__(self, *, user: Any, place: Any, update: Update, text: str) -> None:
        super().__init__(user=user, place=place, update=update)
        self.text = (text or "").strip()

    def check_state(self) -> None:
        self.check_place()
        if not self.text:
            raise UpdateError(
                "The comment was not saved.",
                errors=[ErrorDetail(field="text", message="Enter your comment.")],
            )

    def perform(self) -> Any:
        return services.comment_add(update=self.update, user=self.user, text=self.text)


class _PeriodAction(Action):
    permission = permissions.PERIOD_LOCK

    def __init__(self, *, user: Any, place: Any, period: ReportingPeriod) -> None:
        super().__init__(user=user, place=place)
        self.period = period

    def permission_object(self) -> Any:
        return self.period

    def check_place(self) -> None:
        if self.period.place_id != self.place.pk:
            raise NotFound(f"The period {self.period.key} is not one of {self.place.name}'s.")


class LockPeriod(_PeriodAction):
    """An officer locks a reporting period: no more submissions or approvals for it.

    Refused while updates for it wait for approval (approve or return them first), so no
    update is stranded in a locked period.
    """

    verb = "lock a reporting period"

    def check_state(self) -> None:
        self.check_place()
        if self.period.locked:
            raise UpdateError(f"{self.period.title} is already locked.")
        waiting = Update.objects.filter(period=self.period, state=UpdateState.SUBMITTED).count()
        if waiting:
            raise UpdateError(
                f"{waiting} update(s) for {self.period.title} wait for approval: approve or "
                "return them before locking the period."
            )

    def perform(self) -> ReportingPeriod:
        return period_services.period_lock(period=self.period, user=self.user)


class UnlockPeriod(_PeriodAction):
    """An officer unlocks a reporting period, so it takes updates again."""

    verb = "unlock a reporting period"

    def check_state(self) -> None:
        self.check_place()
        if not self.period.locked:
            raise UpdateError(f"{self.period.title} is not locked.")

    def perform(self) -> ReportingPeriod:
        return period_services.period_unlock(period=self.period)
