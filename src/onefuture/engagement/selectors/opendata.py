"""When engagement's open data tables last changed (the rows come from ``report`` and
``coverage``, the same selectors as the public pages and the API)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from onefuture.engagement.models import Comment, Event, Response, Theme, ThemeStatus
from onefuture.places.models import Place


def themes_confirmed_latest(*, place: Place) -> dt.datetime | None:
    """The newest change to a confirmed theme."""
    found = Theme.objects.filter(place=place, status=ThemeStatus.CONFIRMED).aggregate(
        latest=Max("updated_at")
    )
    return found["latest"]


def responses_published_latest(*, place: Place) -> dt.datetime | None:
    """The newest change to a published response to a confirmed theme."""
    found = Response.objects.filter(
        place=place, published=True, theme__status=ThemeStatus.CONFIRMED
    ).aggregate(latest=Max("updated_at"))
    return found["latest"]


def coverage_latest(*, place: Place) -> dt.datetime | None:
    """When the newest comment was received or an event last changed."""
    received = Comment.objects.filter(place=place).aggregate(latest=Max("received_at"))["latest"]
    event = Event.objects.filter(place=place).aggregate(latest=Max("updated_at"))["latest"]
    found = [v for v in (received, event) if v is not None]
    return max(found) if found else None
