"""The ONE path from what people said to anything public (ADR 0031): pages, panels, the open
data, the API, search and the reports read comments only through this module.

A comment is public when a person has checked its redaction, the person who said it agreed to
publication, and no reviewer withheld it (:data:`onefuture.engagement.models.PUBLIC`). What
leaves is a :class:`PublicComment`, built from ``redacted_text`` alone: never the original,
never who the person was, and no demographics at all — not the age band or the form's
questions, and not the stakeholder group or ward either: beside a quote, a group and a ward
(with an event and a date) can narrow the words to a person, so public pages show groups and
wards only as counts (:mod:`onefuture.engagement.selectors.coverage`, the report's counts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from onefuture.engagement.models import PUBLIC, Comment


@dataclass(frozen=True)
class PublicComment:
    """What may be shown of a comment in public: its redacted words, the event where they were
    said and the date (never a group or ward: demographics are public only as counts)."""

    id: int
    #: The redacted text (``[NAME]``, ``[REDACTED]`` … in place of personal data).
    text: str
    event_title: str
    event_date: dt.date | None
    received_on: dt.date
    illustrative: bool


def _public(
    *, place: Any, theme: Any = None, big_thing: Any = None, event: Any = None
) -> QuerySet[Comment]:
    found = Comment.objects.filter(PUBLIC, place=place)
    if theme is not None:
        found = found.filter(theme_links__theme=theme)
    if big_thing is not None:
        found = found.filter(big_things=big_thing)
    if event is not None:
        found = found.filter(event=event)
    return found


def comments_public(
    *,
    place: Any,
    theme: Any = None,
    big_thing: Any = None,
    event: Any = None,
    limit: int | None = None,
) -> list[PublicComment]:
    """The place's public comments (of a theme, a big thing or an event, when given): a theme's
    most certain first, otherwise the newest first; at most ``limit``."""
    found = _public(place=place, theme=theme, big_thing=big_thing, event=event)
    if theme is not None:
        found = found.order_by(
            F("theme_links__confidence").desc(nulls_last=True), "-received_at", "-id"
        )
    else:
        found = found.order_by("-received_at", "-id")
    rows = found.values(
        "id",
        "redacted_text",
        "event__title",
        "event__date",
        "received_at",
        "illustrative",
    ).distinct()
    if limit is not None:
        rows = rows[: max(0, int(limit))]
    return [
        PublicComment(
            id=row["id"],
            text=row["redacted_text"],
            event_title=row["event__title"] or "",
            event_date=row["event__date"],
            received_on=timezone.localtime(row["received_at"]).date(),
            illustrative=row["illustrative"],
        )
        for row in rows
    ]


def public_comment_count(
    *, place: Any, theme: Any = None, big_thing: Any = None, event: Any = None
) -> int:
    """How many of the place's comments (of a theme, big thing or event) are public."""
    return (
        _public(place=place, theme=theme, big_thing=big_thing, event=event)
        .values("id")
        .distinct()
        .count()
    )
