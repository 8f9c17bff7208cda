""" "You said, we did": the writes of a theme's response (``engagement.respond``).

A response says what was decided about a theme, with its status, when it was decided, and the
milestones and measures that deliver it (the place's own). It is public once published, and
only while its theme is confirmed (``selectors/report.py`` reads it that way).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.core.permissions import permission_check
from onefuture.engagement.models import Response, ResponseStatus, Theme, ThemeStatus
from onefuture.engagement.permissions import RESPOND
from onefuture.measures.models import Measure
from onefuture.routemaps.models import Milestone


class ResponseError(ApplicationError):
    """A response that cannot be saved or published as asked."""


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _own(place: Any, items: Iterable[Any], what: str, field: str) -> list[Any]:
    items = list(items)
    strangers = [str(i) for i in items if i.place_id != place.pk]
    if strangers:
        raise ResponseError(
            f"These {what} are not {place.name}'s: {', '.join(strangers)}.",
            errors=[ErrorDetail(field=field, message=f"Choose {what} of {place.name}.")],
        )
    return items


def response_save(
    *,
    user: Any,
    place: Any,
    theme: Theme,
    summary: str,
    status: str,
    decided_on: dt.date | None = None,
    milestones: Iterable[Milestone] = (),
    measures: Iterable[Measure] = (),
) -> Response:
    """Write (or rewrite) the response to ``theme``; a published one stays published."""
    permission_check(user=user, action=RESPOND, place=place, obj=theme)
    if theme.place_id != place.pk:
        raise ResponseError(f"The theme '{theme.key}' is not {place.name}'s.")
    errors = []
    summary = (summary or "").strip()
    if not summary:
        errors.append(ErrorDetail(field="summary", message="Say what was decided, in plain words."))
    if status not in ResponseStatus.values:
        errors.append(
            ErrorDetail(
                field="status",
                message=f"Choose a status: {', '.join(ResponseStatus.labels)}.",
            )
        )
    if decided_on is not None and decided_on > timezone.localdate():
        errors.append(
            ErrorDetail(field="decided_on", message="The decision date must not be in the future.")
        )
    if errors:
        raise ResponseError(f"The response to '{theme.name}' was not saved.", errors=errors)
    milestones = _own(place, milestones, "milestones", "milestones")
    measures = _own(place, measures, "measures", "measures")
    with transaction.atomic():
        response = Response.objects.filter(theme=theme).first() or Response(
            place=place, theme=theme, created_by=_user(user), illustrative=theme.illustrative
        )
        response.summary = summary
        response.status = status
        response.decided_on = decided_on
        response.save()
        response.milestones.set(milestones)
        response.measures.set(measures)
    return response


def response_publish(*, user: Any, place: Any, response: Response) -> Response:
    """Publish a response: it appears on the public pages, the report and the API once its
    theme is confirmed (a proposed theme's response cannot be published)."""
    permission_check(user=user, action=RESPOND, place=place, obj=response)
    if response.place_id != place.pk:
        raise ResponseError("This response is not this place's.")
    if response.theme.status != ThemeStatus.CONFIRMED:
        raise ResponseError(
            f"Confirm the theme '{response.theme.name}' before publishing its response.",
            errors=[ErrorDetail(field="theme", message="The theme is still proposed.")],
        )
    with transaction.atomic():
        response.published = True
        response.published_at = timezone.now()
        response.save(update_fields=["published", "published_at", "updated_at"])
    return response


def response_unpublish(*, user: Any, place: Any, response: Response) -> Response:
    """Take a response off the public pages (it stays, to be edited and published again)."""
    permission_check(user=user, action=RESPOND, place=place, obj=response)
    if response.place_id != place.pk:
        raise ResponseError("This response is not this place's.")
    with transaction.atomic():
        response.published = False
        response.save(update_fields=["published", "updated_at"])
    return response
