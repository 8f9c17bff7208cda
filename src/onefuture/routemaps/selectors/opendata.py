"""When the routemaps' open data tables last changed (the rows come from ``plan``, ``updates``
and ``commitments``, the same selectors as the pages and the API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max

from onefuture.routemaps.models import (
    AGREED_STATUSES,
    Commitment,
    Milestone,
    Update,
    UpdateState,
)


def _latest(*values: dt.datetime | None) -> dt.datetime | None:
    found = [v for v in values if v is not None]
    return max(found) if found else None


def updates_published_latest(*, place: Any) -> dt.datetime | None:
    """When the place's newest published update was published."""
    return Update.objects.filter(place=place, state=UpdateState.PUBLISHED).aggregate(
        latest=Max("published_at")
    )["latest"]


def milestones_changed_latest(*, place: Any) -> dt.datetime | None:
    """The newest change to a milestone (its record, or a published update of its status)."""
    edited = Milestone.history.filter(place=place).aggregate(latest=Max("history_date"))
    return _latest(edited["latest"], updates_published_latest(place=place))


def commitments_agreed_latest(*, place: Any) -> dt.datetime | None:
    """The newest change to a commitment the council has agreed."""
    found = Commitment.history.filter(place=place, status__in=AGREED_STATUSES).aggregate(
        latest=Max("history_date")
    )
    return found["latest"]
