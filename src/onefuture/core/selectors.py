"""Reads for core: a person's memberships.

``membership_get(user=, place=)``
    The person's one membership of the place (with its partner), or None.
``membership_list(user=)``
    Every place the person has a role in, with the role, for the workspace's "your roles".
``login_event_list(place=, viewer=, kind=, limit=)``
    The sign-in audit as ``viewer`` may read it: the events of the place's members (a
    superuser: every event, attempts on usernames that name nobody included), newest first.
"""

from __future__ import annotations

from typing import Any

from onefuture.core.models import LoginEvent, Membership


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


def login_event_list(
    *, place: Any, viewer: Any, kind: str = "", limit: int = 200
) -> list[LoginEvent]:
    """The newest ``limit`` sign-in events ``viewer`` may read in ``place`` (``kind``: one kind)."""
    events = LoginEvent.objects.select_related("user")
    if not getattr(viewer, "is_superuser", False):
        events = events.filter(user__memberships__place=place)
    if kind:
        events = events.filter(kind=kind)
    return list(events.order_by("-at", "-id")[:limit])
