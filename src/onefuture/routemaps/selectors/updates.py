"""Reads of the routemaps' updates, reporting periods and comments, scoped by place.

``update_list_published(place=, milestone=|commitment=)``
    The published updates about one item (or the whole place), newest first: what is public.
``updates_waiting(place=)`` / ``updates_waiting_count(place=)``
    The queue of submitted updates an officer reviews, oldest first.
``update_detail(place=, user=, update_id=)``
    One update, checked object by object: a published update anyone may read; an unpublished
    one only those ``routemaps.read_unpublished`` allows (a partner editor never reads another
    partner's), else ``PermissionDenied``; another place's or a missing one is ``NotFound``.
``update_latest_published(milestone=|commitment=)`` / ``latest_published_by_milestone``
    The newest published update of an item (its current status), one or in bulk.
``period_list(place=)``, ``period_current(place=, today=)``, ``period_get(place=, key=)``
    The reporting periods.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from onefuture.core.errors import NotFound
from onefuture.core.permissions import permission_check
from onefuture.routemaps.models import (
    Comment,
    Commitment,
    Milestone,
    ReportingPeriod,
    Update,
    UpdateState,
)
from onefuture.routemaps.permissions import READ_UNPUBLISHED


def _updates(place: Any) -> QuerySet[Update]:
    return Update.objects.filter(place=place).select_related(
        "milestone",
        "milestone__routemap__big_thing",
        "commitment",
        "commitment__partner",
        "period",
        "created_by",
        "submitted_by",
        "reviewed_by",
    )


def update_list_published(
    *, place: Any, milestone: Milestone | None = None, commitment: Commitment | None = None
) -> list[Update]:
    """The published updates of ``place`` (of one milestone or commitment), newest first."""
    updates = _updates(place).filter(state=UpdateState.PUBLISHED)
    if milestone is not None:
        updates = updates.filter(milestone=milestone)
    if commitment is not None:
        updates = updates.filter(commitment=commitment)
    return list(updates.order_by("-published_at", "-id"))


def updates_waiting(*, place: Any) -> list[Update]:
    """Submitted updates waiting for an officer's review, oldest first."""
    return list(_updates(place).filter(state=UpdateState.SUBMITTED).order_by("submitted_at", "id"))


def updates_waiting_count(*, place: Any) -> int:
    """How many updates wait for review in ``place``."""
    return Update.objects.filter(place=place, state=UpdateState.SUBMITTED).count()


def update_detail(*, place: Any, user: Any, update_id: int) -> Update:
    """One update of ``place``, if ``user`` may read it (object by object).

    Raises ``NotFound`` for a missing update or another place's, and ``PermissionDenied`` for
    an unpublished update the person may not read (never its data).
    """
    update = _updates(place).filter(pk=update_id).first()
    if update is None:
        raise NotFound(f"There is no update {update_id} in {getattr(place, 'name', place)}.")
    if update.state != UpdateState.PUBLISHED:
        permission_check(user=user, action=READ_UNPUBLISHED, place=place, obj=update)
    return update


def update_comments(*, update: Update) -> list[Comment]:
    """The comments on ``update``, oldest first (read only after :func:`update_detail`)."""
    return list(update.comments.select_related("author").order_by("created_at", "id"))


def update_latest_published(
    *, milestone: Milestone | None = None, commitment: Commitment | None = None
) -> Update | None:
    """The newest published update of one milestone or commitment (None: none yet)."""
    updates = Update.objects.filter(state=UpdateState.PUBLISHED)
    if milestone is not None:
        updates = updates.filter(milestone=milestone)
    else:
        updates = updates.filter(commitment=commitment)
    return updates.order_by("-published_at", "-id").first()


def latest_published_by_milestone(*, place: Any) -> dict[int, Update]:
    """The newest published update of every milestone of ``place`` that has one, in one query."""
    latest: dict[int, Update] = {}
    for update in (
        Update.objects.filter(place=place, state=UpdateState.PUBLISHED, milestone__isnull=False)
        .select_related("period")
        .order_by("milestone_id", "-published_at", "-id")
    ):
        latest.setdefault(update.milestone_id, update)
    return latest


def period_list(*, place: Any) -> list[ReportingPeriod]:
    """Every reporting period of ``place``, oldest first, with who locked it."""
    return list(
        ReportingPeriod.objects.filter(place=place).select_related("locked_by").order_by("start")
    )


def period_get(*, place: Any, key: str) -> ReportingPeriod:
    """The period of ``place`` with ``key``, or ``NotFound`` naming it."""
    period = ReportingPeriod.objects.filter(place=place, key=key).first()
    if period is None:
        raise NotFound(f"There is no reporting period '{key}' in {getattr(place, 'name', place)}.")
    return period


def period_current(*, place: Any, today: datetime.date | None = None) -> ReportingPeriod | None:
    """The period updates are collected for now: the unlocked period containing ``today``, else
    the latest unlocked period that has started (None when there is none)."""
    today = today or timezone.localdate()
    periods = ReportingPeriod.objects.filter(place=place, locked_at__isnull=True)
    containing = periods.filter(start__lte=today, end__gte=today).order_by("start").first()
    if containing is not None:
        return containing
    return periods.filter(start__lte=today).order_by("-start").first()
