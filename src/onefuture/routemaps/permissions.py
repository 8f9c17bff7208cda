"""Who may do what to the routemaps' updates and reporting periods (the one check, ADR 0015).

Registered from :func:`onefuture.routemaps.registration.register_updates`:

``routemaps.read_unpublished`` (object: an update)
    administrators, strategy officers and scrutiny members; a partner editor only for its own
    organisation's updates (a milestone its partner is asked to lead, or its own commitment).
``update.submit`` (object: the milestone or commitment reported on, or an update of one)
    administrators, strategy officers, and partner editors whose partner is among the
    milestone's lead partners or is the commitment's partner.
``update.approve`` / ``update.publish`` (object: an update)
    administrators and strategy officers.
``update.comment`` (object: an update)
    administrators, strategy officers and scrutiny members.
``period.lock`` (object: a reporting period)
    administrators and strategy officers.

Asked without an object (the workspace deciding which tasks to list), an object rule answers
whether the person's role could ever do it; every service asks again about the object.
"""

from __future__ import annotations

from typing import Any

import rules

from onefuture.core.permissions import Role, Target, action_register, has_role

READ_UNPUBLISHED = "routemaps.read_unpublished"
SUBMIT = "update.submit"
APPROVE = "update.approve"
PUBLISH = "update.publish"
COMMENT = "update.comment"
PERIOD_LOCK = "period.lock"

_OFFICERS = has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER)
_OFFICERS_WORDS = "administrators and strategy officers"


def subject_of(obj: Any) -> Any:
    """The milestone or commitment an object is about (an update's; else the object itself)."""
    from onefuture.routemaps.models import Update

    if isinstance(obj, Update):
        return obj.milestone if obj.milestone_id is not None else obj.commitment
    return obj


def partner_ids_owning(obj: Any) -> set[int]:
    """The partners whose editors speak for ``obj`` (a milestone, a commitment or an update).

    A milestone is its lead partners' (the partners the plan asks to lead it); a commitment is
    its partner's.
    """
    from onefuture.routemaps.models import Commitment, Milestone

    subject = subject_of(obj)
    if isinstance(subject, Milestone):
        return {partner.pk for partner in subject.lead_partners.all()}
    if isinstance(subject, Commitment):
        return {subject.partner_id}
    return set()


@rules.predicate
def own_organisations(user: Any, target: Target) -> bool:
    """A partner editor's own organisation's item (without an object: it may have some)."""
    if target.obj is None:
        return True
    return target.membership.partner_id in partner_ids_owning(target.obj)


def register_permissions() -> None:
    """Register the update and period actions with :mod:`onefuture.core.permissions`."""
    action_register(
        name=READ_UNPUBLISHED,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.SCRUTINY_MEMBER)
        | (has_role(Role.PARTNER_EDITOR) & own_organisations),
        who="administrators, strategy officers, scrutiny members and the partner editors of "
        "the organisation it is about",
        doing="read this update before it is published",
    )
    action_register(
        name=SUBMIT,
        predicate=_OFFICERS | (has_role(Role.PARTNER_EDITOR) & own_organisations),
        who="administrators, strategy officers and the partner editors of its lead partners",
        doing="submit an update on this item",
    )
    action_register(
        name=APPROVE,
        predicate=_OFFICERS,
        who=_OFFICERS_WORDS,
        doing="approve or return updates",
    )
    action_register(
        name=PUBLISH,
        predicate=_OFFICERS,
        who=_OFFICERS_WORDS,
        doing="publish updates",
    )
    action_register(
        name=COMMENT,
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER, Role.SCRUTINY_MEMBER),
        who="administrators, strategy officers and scrutiny members",
        doing="comment on updates",
    )
    action_register(
        name=PERIOD_LOCK,
        predicate=_OFFICERS,
        who=_OFFICERS_WORDS,
        doing="lock or unlock reporting periods",
    )
