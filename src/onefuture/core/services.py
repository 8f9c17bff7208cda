"""Writes for core: give a person a role in a place.

``membership_set(user=, place=, role=, partner=None)``
    Create or change the person's one membership of the place; a partner editor names one
    partner of that place, no other role names any. Raises
    :class:`~onefuture.core.errors.ApplicationError` (field errors) and writes nothing when the
    role and partner do not fit.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from onefuture.core.errors import ApplicationError
from onefuture.core.models import Membership
from onefuture.core.permissions import membership_problems


@transaction.atomic
def membership_set(*, user: Any, place: Any, role: str, partner: Any = None) -> Membership:
    """The person's membership of ``place``, created or changed to ``role`` (and ``partner``)."""
    problems = membership_problems(role=role, place_id=place.pk, partner=partner)
    if problems:
        raise ApplicationError(
            f"{user} cannot be given that role in {place.name}:", errors=problems
        )
    membership, created = Membership.objects.get_or_create(
        user=user, place=place, defaults={"role": role, "partner": partner}
    )
    if not created and (membership.role, membership.partner_id) != (
        role,
        getattr(partner, "pk", None),
    ):
        membership.role, membership.partner = role, partner
        membership.save()
    return membership
