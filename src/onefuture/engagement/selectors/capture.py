"""The reads of capture: events, their comments, imports, a place's groups, wards and settings.

Every function is scoped by place. Comments come back as model rows for the engagement team's
pages only; nothing here is for a public page (that is :mod:`.public`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from onefuture.core.errors import NotFound
from onefuture.engagement.models import (
    Comment,
    CommentImport,
    Consultation,
    EngagementSettings,
    Event,
    StakeholderGroup,
)
from onefuture.framework.models import BigThing
from onefuture.partners.models import Partner
from onefuture.places.models import Area, AreaType


def settings_of(*, place: Any) -> EngagementSettings:
    """The place's engagement settings (unsaved defaults when the place has none)."""
    found = EngagementSettings.objects.filter(place=place).first()
    return found or EngagementSettings(place=place)


def groups_of(*, place: Any) -> list[StakeholderGroup]:
    return list(StakeholderGroup.objects.filter(place=place).order_by("order", "name"))


def consultations_of(*, place: Any) -> list[Consultation]:
    return list(Consultation.objects.filter(place=place).order_by("-opens_on", "title"))


def consultation_get(*, place: Any, key: str) -> Consultation:
    found = Consultation.objects.filter(place=place, key=key).first()
    if found is None:
        known = ", ".join(c.key for c in consultations_of(place=place)) or "none yet"
        raise NotFound(f"No consultation '{key}' here (the consultations are: {known}).")
    return found


def wards_of(*, place: Any) -> list[Area]:
    return list(Area.objects.filter(place=place, type=AreaType.WARD).order_by("name"))


def areas_by_code(*, place: Any) -> dict[str, Area]:
    return {a.code: a for a in Area.objects.filter(place=place)}


def partners_of(*, place: Any) -> list[Partner]:
    return list(Partner.objects.filter(place=place).order_by("name"))


def big_things_of(*, place: Any) -> list[BigThing]:
    return list(BigThing.objects.filter(place=place).order_by("order", "title"))


def big_thing_get(*, place: Any, key: str) -> BigThing:
    found = BigThing.objects.filter(place=place, key=key).first()
    if found is None:
        raise NotFound(f"No big thing '{key}' here.")
    return found


def _events(place: Any) -> QuerySet[Event]:
    return (
        Event.objects.filter(place=place)
        .select_related("ward", "consultation")
        .prefetch_related(
            Prefetch("groups", queryset=StakeholderGroup.objects.order_by("order", "name")),
            "organisations",
            "big_things",
        )
        .annotate(comment_count=Count("comments", distinct=True))
    )


def events_list(*, place: Any) -> list[Event]:
    """Every event, newest first, with ``comment_count``."""
    return list(_events(place).order_by("-date", "title"))


def event_get(*, place: Any, pk: Any) -> Event:
    try:
        found = _events(place).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound(f"No event {pk} here.")
    return found


def event_comments(*, place: Any, event: Event) -> list[Comment]:
    return list(
        Comment.objects.filter(place=place, event=event)
        .select_related("group", "ward")
        .order_by("received_at", "id")
    )


def event_count(*, place: Any) -> int:
    return Event.objects.filter(place=place).count()


def comment_count(*, place: Any) -> int:
    return Comment.objects.filter(place=place).count()


def imports_list(*, place: Any, limit: int = 20) -> list[CommentImport]:
    return list(
        CommentImport.objects.filter(place=place)
        .select_related("event", "consultation")
        .order_by("-created_at", "-id")[:limit]
    )


def import_get(*, place: Any, pk: Any) -> CommentImport:
    try:
        found = (
            CommentImport.objects.filter(place=place, pk=int(pk))
            .select_related("event", "consultation")
            .first()
        )
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound(f"No import {pk} here.")
    return found
