"""A partner's commitment, step by step: invite, record, agree, start delivering, deliver, withdraw.

Each step is an action object (:class:`onefuture.routemaps.actions.base.Action`): ``check()``
asks the one permission check about the commitment (or, for a new one, its partner), then the
commitment's state; ``execute()`` does both and the writes in one transaction. The lifecycle::

    invited ──record──► committed ──agree──► agreed ──start──► delivering ──deliver──► delivered
       └──────────────────┴──────────── withdraw ──┴──────────────┘            (agreed may be
                                                                               delivered too)

A commitment to lead a milestone is the partner's agreement to lead it: once the council has
agreed it, the partner is *named* as the milestone's lead (``selectors/plan.milestone_leads``).
Only a partner the plan lists among the milestone's ``lead_partners`` can be named, so inviting,
recording or agreeing a commitment to lead a milestone whose plan does not list the partner is
refused (ADR 0025).

Permission actions (registered by :func:`register_permissions`)::

    commitment.invite    administrators and strategy officers
    commitment.record    administrators, strategy officers, partner editors of its partner
    commitment.agree     administrators and strategy officers
    commitment.start     administrators, strategy officers, partner editors of its partner
    commitment.deliver   administrators and strategy officers (the recognition is the council's)
    commitment.withdraw  administrators, strategy officers, partner editors of its partner
    commitment.read      administrators, strategy officers, scrutiny members, and partner
                         editors of its partner (a commitment not yet agreed is not public)
    audit.read           administrators, strategy officers, scrutiny members; a partner
                         editor only for one of its own organisation's items, never the list
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import rules
from django.utils import timezone

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.core.permissions import Role, Target, action_register, has_role
from onefuture.routemaps.actions.base import Action
from onefuture.routemaps.models import Commitment, CommitmentStatus, Milestone
from onefuture.routemaps.vocabulary import COMMITMENT_STATUS

INVITE = "commitment.invite"
RECORD = "commitment.record"
AGREE = "commitment.agree"
START = "commitment.start"
DELIVER = "commitment.deliver"
WITHDRAW = "commitment.withdraw"
READ = "commitment.read"
AUDIT_READ = "audit.read"

_OFFICERS = has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER)
_OFFICERS_WORDS = "administrators and strategy officers"
_WITH_EDITORS_WORDS = "administrators, strategy officers and the partner editors of its partner"


def _partner_id(obj: Any) -> int | None:
    """The partner an object speaks for: a commitment's partner, or a partner itself."""
    if isinstance(obj, Commitment):
        return obj.partner_id
    from onefuture.partners.models import Partner

    if isinstance(obj, Partner):
        return obj.pk
    return None


@rules.predicate
def own_partner(user: Any, target: Target) -> bool:
    """A partner editor's own organisation's commitment (without an object: it may have some)."""
    if target.obj is None:
        return True
    return target.membership.partner_id is not None and (
        target.membership.partner_id == _partner_id(target.obj)
    )


@rules.predicate
def own_item(user: Any, target: Target) -> bool:
    """A partner editor's own organisation's item (an object is needed: never the whole list)."""
    from onefuture.routemaps.permissions import partner_ids_owning

    if target.obj is None or target.membership.partner_id is None:
        return False
    owners = {_partner_id(target.obj)} - {None} or partner_ids_owning(target.obj)
    return target.membership.partner_id in owners


def register_permissions() -> None:
    """Register the ``commitment.*`` and ``audit.read`` actions with the one check."""
    editors = has_role(Role.PARTNER_EDITOR) & own_partner
    action_register(
        name=INVITE, predicate=_OFFICERS, who=_OFFICERS_WORDS, doing="invite partners to commit"
    )
    action_register(
        name=RECORD,
        predicate=_OFFICERS | editors,
        who=_WITH_EDITORS_WORDS,
        doing="record this partner's commitment",
    )
    action_register(
        name=AGREE,
        predicate=_OFFICERS,
        who=_OFFICERS_WORDS,
        doing="agree commitments on the council's behalf",
    )
    action_register(
        name=START,
        predicate=_OFFICERS | editors,
        who=_WITH_EDITORS_WORDS,
        doing="mark this commitment as being delivered",
    )
    action_register(
        name=DELIVER,
        predicate=_OFFICERS,
        who=_OFFICERS_WORDS,
        doing="mark commitments delivered and write their recognition",
    )
    action_register(
        name=WITHDRAW,
        predicate=_OFFICERS | editors,
        who=_WITH_EDITORS_WORDS,
        doing="withdraw this commitment",
    )
    action_register(
        name=READ,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.SCRUTINY_MEMBER)
        | editors,
        who="administrators, strategy officers, scrutiny members and the partner editors of "
        "its partner",
        doing="read this commitment",
    )
    action_register(
        name=AUDIT_READ,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.SCRUTINY_MEMBER)
        | (has_role(Role.PARTNER_EDITOR) & own_item),
        who="administrators, strategy officers and scrutiny members (and partner editors, for "
        "their own organisation's items)",
        doing="read the audit trail",
    )


def _label(status: str) -> str:
    return COMMITMENT_STATUS[status].label.lower()


def _status_refusal(commitment: Commitment, allowed: frozenset[str], verb: str) -> None:
    if commitment.status in allowed:
        return
    wanted = " or ".join(sorted(_label(s) for s in allowed))
    message = (
        f"'{commitment.title}' is {_label(commitment.status)}; only a commitment that is "
        f"{wanted} can be {verb}."
    )
    raise ApplicationError(message, errors=[ErrorDetail(field="status", message=message)])


def lead_problems(
    *, partner: Any, milestone: Milestone | None, big_thing: Any
) -> list[ErrorDetail]:
    """Why ``partner`` cannot commit to lead ``milestone`` of ``big_thing`` (empty if it can).

    The milestone must be on the big thing's routemap, and the plan must list the partner among
    its lead partners: a commitment can only make a partner the named lead of a step the plan
    asks it to lead.
    """
    if milestone is None:
        return []
    problems = []
    if milestone.place_id != partner.place_id:
        problems.append(
            ErrorDetail(field="milestone", message=f"'{milestone.key}' is another place's.")
        )
        return problems
    if big_thing is not None and milestone.routemap.big_thing_id != big_thing.pk:
        problems.append(
            ErrorDetail(
                field="milestone",
                message=f"'{milestone.title}' is on the routemap of "
                f"{milestone.routemap.big_thing.title}, not of {big_thing.title}: choose a "
                "milestone of the commitment's big thing.",
            )
        )
    if partner.pk not in {p.pk for p in milestone.lead_partners.all()}:
        leads = ", ".join(p.name for p in milestone.lead_partners.all()) or "no partner"
        problems.append(
            ErrorDetail(
                field="milestone",
                message=f"The plan asks {leads} to lead '{milestone.title}', not {partner.name}; "
                "a partner can only be named as lead of a milestone the plan lists it for "
                "(change the plan in the framework file first).",
            )
        )
    return problems


def _stamp(commitment: Commitment, user: Any, reason: str) -> None:
    """What the history row of the next save records: who (also outside a request) and why."""
    commitment._change_reason = reason  # type: ignore[attr-defined]
    if user is not None:
        commitment._history_user = user  # type: ignore[attr-defined]


def _refuse(problems: list[ErrorDetail], message: str) -> None:
    if problems:
        raise ApplicationError(message, errors=problems)


def _required(values: dict[str, Any]) -> None:
    problems = [
        ErrorDetail(field=name, message=words)
        for name, (value, words) in values.items()
        if value in (None, "")
    ]
    _refuse(problems, "Some details of the commitment are missing:")


class CommitmentAction(Action):
    """An action on one existing commitment, checked against it."""

    #: The statuses the commitment may be in for this step.
    allowed_from: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, *, user: Any, place: Any, commitment: Commitment) -> None:
        super().__init__(user=user, place=place)
        self.commitment = commitment

    def permission_object(self) -> Any:
        return self.commitment

    def check_state(self) -> None:
        if self.commitment.place_id != self.place.pk:
            raise ApplicationError(
                f"'{self.commitment.title}' is not a commitment of {self.place}."
            )
        _status_refusal(self.commitment, self.allowed_from, self.verb)

    def _save(self, reason: str, **fields: Any) -> Commitment:
        for name, value in fields.items():
            setattr(self.commitment, name, value)
        _stamp(self.commitment, self.user, reason)
        self.commitment.save()
        return self.commitment


class InviteCommitment(Action):
    """An officer invites a partner to commit to a big thing (optionally, to lead a milestone)."""

    permission = INVITE
    verb = "invited"

    def __init__(
        self,
        *,
        user: Any,
        place: Any,
        partner: Any,
        big_thing: Any,
        title: str,
        milestone: Milestone | None = None,
        description: str = "",
        due_date: dt.date | None = None,
        illustrative: bool = False,
    ) -> None:
        super().__init__(user=user, place=place)
        self.partner, self.big_thing, self.milestone = partner, big_thing, milestone
        self.title, self.description, self.due_date = title.strip(), description, due_date
        self.illustrative = illustrative

    def permission_object(self) -> Any:
        return self.partner

    def check_state(self) -> None:
        _required({"title": (self.title, "Say what the partner is invited to commit to.")})
        problems = [
            ErrorDetail(field=name, message=f"{obj} is not of {self.place}.")
            for name, obj in (("partner", self.partner), ("big_thing", self.big_thing))
            if obj.place_id != self.place.pk
        ]
        problems += lead_problems(
            partner=self.partner, milestone=self.milestone, big_thing=self.big_thing
        )
        _refuse(problems, "The invitation cannot be sent:")

    def perform(self) -> Commitment:
        commitment = Commitment(
            place=self.place,
            partner=self.partner,
            big_thing=self.big_thing,
            milestone=self.milestone,
            title=self.title,
            description=self.description,
            due_date=self.due_date,
            status=CommitmentStatus.INVITED,
            illustrative=self.illustrative,
            invited_by=self.user,
            invited_at=timezone.now(),
        )
        _stamp(commitment, self.user, "invited")
        commitment.save()
        return commitment


class RecordCommitment(Action):
    """The partner (or an officer for it) says what it will do, to which big thing, by when.

    Given ``commitment`` (an invitation, or a commitment not yet agreed) it fills in and
    replaces the details; without one it records a new commitment of ``partner``. Either way the
    commitment is then *committed*, waiting for the council's agreement.
    """

    permission = RECORD
    verb = "recorded"
    allowed_from: ClassVar[frozenset[str]] = frozenset(
        {CommitmentStatus.INVITED, CommitmentStatus.COMMITTED}
    )

    def __init__(
        self,
        *,
        user: Any,
        place: Any,
        title: str,
        due_date: dt.date | None,
        big_thing: Any = None,
        partner: Any = None,
        commitment: Commitment | None = None,
        milestone: Milestone | None = None,
        description: str = "",
        illustrative: bool | None = None,
    ) -> None:
        super().__init__(user=user, place=place)
        self.commitment = commitment
        self.partner = commitment.partner if commitment is not None else partner
        self.big_thing = big_thing or (commitment.big_thing if commitment is not None else None)
        if milestone is None and commitment is not None:
            milestone = commitment.milestone
        self.milestone = milestone
        self.title, self.description, self.due_date = title.strip(), description, due_date
        self.illustrative = illustrative

    def permission_object(self) -> Any:
        return self.commitment if self.commitment is not None else self.partner

    def check_state(self) -> None:
        if self.commitment is not None:
            if self.commitment.place_id != self.place.pk:
                raise ApplicationError(f"'{self.commitment.title}' is not of {self.place}.")
            _status_refusal(self.commitment, self.allowed_from, self.verb)
        _required(
            {
                "partner": (self.partner, "Choose the partner making the commitment."),
                "big_thing": (self.big_thing, "Choose the big thing the commitment is to."),
                "title": (self.title, "Say what the partner commits to do."),
                "due_date": (self.due_date, "Say by when it will be done."),
            }
        )
        problems = [
            ErrorDetail(field=name, message=f"{obj} is not of {self.place}.")
            for name, obj in (("partner", self.partner), ("big_thing", self.big_thing))
            if obj.place_id != self.place.pk
        ]
        problems += lead_problems(
            partner=self.partner, milestone=self.milestone, big_thing=self.big_thing
        )
        _refuse(problems, "The commitment cannot be recorded:")

    def perform(self) -> Commitment:
        commitment = self.commitment or Commitment(place=self.place, partner=self.partner)
        commitment.big_thing = self.big_thing
        commitment.milestone = self.milestone
        commitment.title = self.title
        commitment.description = self.description
        commitment.due_date = self.due_date
        if self.illustrative is not None:
            commitment.illustrative = self.illustrative
        commitment.status = CommitmentStatus.COMMITTED
        commitment.committed_by = self.user
        commitment.committed_at = timezone.now()
        _stamp(commitment, self.user, "recorded")
        commitment.save()
        return commitment


class AgreeCommitment(CommitmentAction):
    """The council agrees a commitment; one to lead a milestone names the partner as its lead."""

    permission = AGREE
    verb = "agreed"
    allowed_from = frozenset({CommitmentStatus.COMMITTED})

    def check_state(self) -> None:
        super().check_state()
        c = self.commitment
        _refuse(
            lead_problems(partner=c.partner, milestone=c.milestone, big_thing=c.big_thing),
            f"'{c.title}' cannot be agreed:",
        )

    def perform(self) -> Commitment:
        return self._save(
            "agreed by the council",
            status=CommitmentStatus.AGREED,
            agreed_by=self.user,
            agreed_at=timezone.now(),
        )


class StartDelivering(CommitmentAction):
    """An agreed commitment is being delivered (its progress updates are then due)."""

    permission = START
    verb = "started"
    allowed_from = frozenset({CommitmentStatus.AGREED})

    def perform(self) -> Commitment:
        return self._save("delivery started", status=CommitmentStatus.DELIVERING)


class MarkDelivered(CommitmentAction):
    """A commitment is delivered, with the public words recognising it on the partner's page."""

    permission = DELIVER
    verb = "marked delivered"
    allowed_from = frozenset({CommitmentStatus.AGREED, CommitmentStatus.DELIVERING})

    def __init__(self, *, user: Any, place: Any, commitment: Commitment, recognition: str) -> None:
        super().__init__(user=user, place=place, commitment=commitment)
        self.recognition = recognition.strip()

    def check_state(self) -> None:
        super().check_state()
        _required(
            {
                "recognition": (
                    self.recognition,
                    "Write the words that recognise the partner's work on its public page.",
                )
            }
        )

    def perform(self) -> Commitment:
        return self._save(
            "delivered",
            status=CommitmentStatus.DELIVERED,
            recognition=self.recognition,
            delivered_at=timezone.now(),
        )


class WithdrawCommitment(CommitmentAction):
    """The partner or the council withdraws a commitment that is not yet delivered."""

    permission = WITHDRAW
    verb = "withdrawn"
    allowed_from = frozenset(
        {
            CommitmentStatus.INVITED,
            CommitmentStatus.COMMITTED,
            CommitmentStatus.AGREED,
            CommitmentStatus.DELIVERING,
        }
    )

    def __init__(self, *, user: Any, place: Any, commitment: Commitment, reason: str = "") -> None:
        super().__init__(user=user, place=place, commitment=commitment)
        self.reason = reason.strip()

    def perform(self) -> Commitment:
        why = f"withdrawn: {self.reason}" if self.reason else "withdrawn"
        return self._save(why, status=CommitmentStatus.WITHDRAWN)
