"""The reads of redaction review: the queue of comments to check, one comment, the next one.

Every function is scoped by place. Comments come back as model rows for the engagement team's
pages only (the page builder decides who sees the original); nothing here is for a public page
(that is :mod:`.public`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from onefuture.core.errors import NotFound
from onefuture.engagement.models import Comment, RedactionState

#: What the queue can show: the comments to check (the default), those withheld, those checked.
SHOW = ("pending", "withheld", "checked")


def _scoped(
    *, place: Any, event: Any = None, consultation: Any = None, show: str = "pending"
) -> QuerySet[Comment]:
    found = Comment.objects.filter(place=place)
    if event is not None:
        found = found.filter(event=event)
    if consultation is not None:
        found = found.filter(Q(consultation=consultation) | Q(event__consultation=consultation))
    if show == "withheld":
        return found.filter(withheld=True)
    if show == "checked":
        return found.filter(redaction_state=RedactionState.CONFIRMED, withheld=False)
    return found.filter(redaction_state=RedactionState.PENDING, withheld=False)


def redaction_queue(
    *,
    place: Any,
    event: Any = None,
    consultation: Any = None,
    show: str = "pending",
    limit: int | None = 200,
) -> list[Comment]:
    """The comments to check, oldest first (or those withheld, or checked, newest first)."""
    found = _scoped(place=place, event=event, consultation=consultation, show=show)
    found = found.select_related("event", "group", "ward")
    if show == "pending":
        found = found.order_by("received_at", "id")
    else:
        found = found.order_by("-redaction_reviewed_at", "-received_at", "-id")
    return list(found[:limit] if limit is not None else found)


def redaction_queue_count(
    *, place: Any, event: Any = None, consultation: Any = None, show: str = "pending"
) -> int:
    return _scoped(place=place, event=event, consultation=consultation, show=show).count()


def redaction_waiting_count(*, place: Any) -> int:
    """How many of the place's comments wait for a person to check their redaction."""
    return redaction_queue_count(place=place)


def redaction_comment_get(*, place: Any, pk: Any) -> Comment:
    try:
        found = (
            Comment.objects.filter(place=place, pk=int(pk))
            .select_related("event", "consultation", "group", "ward", "redaction_reviewed_by")
            .first()
        )
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound(f"No comment {pk} here.")
    return found


def redaction_next(
    *, place: Any, after: Comment, event: Any = None, consultation: Any = None
) -> Comment | None:
    """The next comment to check after ``after`` in the queue's order (from the start again
    when it was the last), or None when none is left."""
    waiting = _scoped(place=place, event=event, consultation=consultation).exclude(pk=after.pk)
    later = waiting.filter(
        Q(received_at__gt=after.received_at) | Q(received_at=after.received_at, id__gt=after.pk)
    )
    return (
        later.order_by("received_at", "id").first() or waiting.order_by("received_at", "id").first()
    )
