"""Reads for core: a person's memberships.

``membership_get(user=, place=)``
    The person's one membership of the place (with its partner), or None.
``membership_list(user=)``
    Every place the person has a role in, with the role, for the workspace's "your roles".
"""

from __future__ import annotations

from typing import Any

from onefuture.core.models import Membership


def membership_get(*, user: Any, place: Any) -> Membership | None:
    """The membership of ``user`` in ``place`` (None for anonymous visitors and non-members)."""
    if not getattr(user, "is_authenticated", False) or place is None:
        return None
    return Membership.objects.filter(user=user, place=place).select_related("partner").first()


def membership_list(*, user: Any) -> list[Membership]:
    """Every membership of ``user``, place by place."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.filter(user=user).select_related("place", "partner").order_by("place")
    )
