"""Writes to partner commitments: one function per step of the lifecycle, each an action object.

Every function is keyword-only and runs its action's ``execute()``: the permission check
about the commitment (or its partner), the state check, and the write in one transaction, with
who did it and why on the history row (``routemaps.actions.commitments``). ``user=None`` is the
system acting (the demo, a command run by the operator): it skips the permission check, never
the state checks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from onefuture.routemaps.actions.commitments import (
    AgreeCommitment,
    InviteCommitment,
    MarkDelivered,
    RecordCommitment,
    StartDelivering,
    WithdrawCommitment,
)
from onefuture.routemaps.models import Commitment, Milestone


def commitment_invite(
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
) -> Commitment:
    """Invite ``partner`` to commit to ``big_thing`` (to lead ``milestone``, if given)."""
    return InviteCommitment(
        user=user,
        place=place,
        partner=partner,
        big_thing=big_thing,
        title=title,
        milestone=milestone,
        description=description,
        due_date=due_date,
        illustrative=illustrative,
    ).execute()


def commitment_record(
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
) -> Commitment:
    """Record what a partner commits to and by when (answering an invitation, or a new one)."""
    return RecordCommitment(
        user=user,
        place=place,
        title=title,
        due_date=due_date,
        big_thing=big_thing,
        partner=partner,
        commitment=commitment,
        milestone=milestone,
        description=description,
        illustrative=illustrative,
    ).execute()


def commitment_agree(*, user: Any, place: Any, commitment: Commitment) -> Commitment:
    """The council agrees ``commitment``; for a milestone, its partner is then named as lead."""
    return AgreeCommitment(user=user, place=place, commitment=commitment).execute()


def commitment_start(*, user: Any, place: Any, commitment: Commitment) -> Commitment:
    """An agreed commitment starts being delivered."""
    return StartDelivering(user=user, place=place, commitment=commitment).execute()


def commitment_deliver(
    *, user: Any, place: Any, commitment: Commitment, recognition: str
) -> Commitment:
    """``commitment`` is delivered; ``recognition`` thanks the partner on its public page."""
    return MarkDelivered(
        user=user, place=place, commitment=commitment, recognition=recognition
    ).execute()


def commitment_withdraw(
    *, user: Any, place: Any, commitment: Commitment, reason: str = ""
) -> Commitment:
    """Withdraw a commitment not yet delivered (``reason`` goes on its history)."""
    return WithdrawCommitment(
        user=user, place=place, commitment=commitment, reason=reason
    ).execute()
