"""Who may do what in which place: one check that every service calls (ADR 0015).

A person's rights come from their :class:`~onefuture.core.models.Membership` of a place (one
role each: administrator, strategy officer, partner editor for one partner, scrutiny member,
engagement officer);
a superuser may do everything everywhere. Services ask::

    permission_check(user=user, action="data.import", place=place)        # raises PermissionDenied
    permission_has(user=user, action="milestone.update", place=place, obj=milestone)  # bool

and pages ask the boolean through the ``{% permission_has "data.import" site.place as may %}``
tag (``core_permissions`` library), never by re-typing the rule.

ADD AN ACTION from the app that owns it (its services module or ``AppConfig.ready()``), without
editing this file. A predicate is a :mod:`rules` predicate over ``(user, target)``, where
``target`` is a :class:`Target` (the place, the person's membership there, the object acted
on), so predicates combine with ``&``, ``|`` and ``~``::

    from onefuture.core.permissions import action_register, has_role, Role
    import rules

    @rules.predicate
    def leads_the_item(user, target):   # a partner editor edits only its own organisation's items
        return target.membership.partner_id in {p.id for p in target.obj.lead_partners.all()}

    action_register(
        name="milestone.update",
        predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER)
        | (has_role(Role.PARTNER_EDITOR) & leads_the_item),
        who="administrators, strategy officers, and partner editors of the milestone's lead "
        "partners",
        doing="update this milestone",
    )

The predicates only ever see a person who is active and has a membership of the place: the
check answers no before asking them otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules

from onefuture.core.errors import ErrorDetail, PermissionDenied
from onefuture.core.models import Membership, Role

__all__ = [
    "Action",
    "Role",
    "Target",
    "action_get",
    "action_register",
    "has_role",
    "membership_problems",
    "permission_check",
    "permission_has",
]


@dataclass(frozen=True)
class Target:
    """What a predicate is asked about: the place, the person's membership of it, the object."""

    place: Any
    membership: Membership
    obj: Any = None


@dataclass(frozen=True)
class Action:
    """A thing a person may do, the rule that allows it, and who that rule allows, in words."""

    name: str
    predicate: rules.Predicate
    #: Who may do it, for the refusal: "administrators and strategy officers".
    who: str
    #: What it is, after "may": "import data".
    doing: str


_ACTIONS: dict[str, Action] = {}
_RULES = rules.RuleSet()


def action_register(*, name: str, predicate: rules.Predicate, who: str, doing: str) -> Action:
    """Add (or, under the same name, replace) an action that :func:`permission_check` knows."""
    action = Action(name=name, predicate=predicate, who=who, doing=doing)
    _ACTIONS[name] = action
    _RULES.set_rule(name, predicate)
    return action


def action_get(name: str) -> Action:
    """The registered action; a name nobody registered is a programming error (LookupError)."""
    try:
        return _ACTIONS[name]
    except KeyError:
        known = ", ".join(sorted(_ACTIONS)) or "none"
        raise LookupError(
            f"No permission action '{name}' is registered (known: {known})."
        ) from None


def has_role(*roles: str) -> rules.Predicate:
    """A predicate: the person's membership of the place has one of ``roles``."""
    wanted = frozenset(roles)
    name = "has_role:" + ",".join(sorted(wanted))

    def check(user: Any, target: Target) -> bool:
        return target.membership.role in wanted

    return rules.predicate(check, name=name)


def _membership(user: Any, place: Any) -> Membership | None:
    from onefuture.core.selectors import membership_get

    return membership_get(user=user, place=place)


def permission_has(*, user: Any, action: str, place: Any, obj: Any = None) -> bool:
    """Whether ``user`` may do ``action`` in ``place`` (to ``obj``, for object-level actions)."""
    registered = action_get(action)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if place is None:
        return False
    membership = _membership(user, place)
    if membership is None:
        return False
    return bool(_RULES.test_rule(registered.name, user, Target(place, membership, obj)))


def permission_check(*, user: Any, action: str, place: Any, obj: Any = None) -> None:
    """Raise :class:`~onefuture.core.errors.PermissionDenied` unless ``user`` may do ``action``.

    The message says who may do it and how to get the right, so a refused person knows whom to
    ask; the web pages answer 403 with it, the CLI exits 1 with it.
    """
    if permission_has(user=user, action=action, place=place, obj=obj):
        return
    registered = action_get(action)
    where = getattr(place, "name", None) or "this place"
    raise PermissionDenied(
        f"Only {registered.who} of {where} may {registered.doing}. "
        f"Ask an administrator of {where} to give you that role."
    )


def membership_problems(
    *, role: str, place_id: int | None, partner: Any = None
) -> list[ErrorDetail]:
    """What is wrong with a membership's role and partner (empty when nothing is).

    One rule for the admin form and :func:`onefuture.core.services.membership_create`: a partner
    editor edits for exactly one partner of the same place, and no other role names a partner.
    """
    problems = []
    if role not in Role.values:
        problems.append(
            ErrorDetail(
                field="role",
                message=f"'{role}' is not a role; choose one of {', '.join(Role.values)}.",
            )
        )
    elif role == Role.PARTNER_EDITOR and partner is None:
        problems.append(
            ErrorDetail(
                field="partner",
                message="A partner editor edits for one partner organisation: choose it.",
            )
        )
    elif role != Role.PARTNER_EDITOR and partner is not None:
        problems.append(
            ErrorDetail(
                field="partner",
                message=f"Only a partner editor is tied to a partner; a "
                f"{Role(role).label.lower()} is not: leave the partner empty.",
            )
        )
    if partner is not None and place_id is not None and partner.place_id != place_id:
        problems.append(
            ErrorDetail(
                field="partner",
                message=f"{partner} is a partner of another place; choose one of this place's.",
            )
        )
    return problems
