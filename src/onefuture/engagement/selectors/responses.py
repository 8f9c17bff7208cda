"""The staff reads of "you said, we did": every theme (proposed or confirmed) with its response,
published or not, and the milestones and measures a response may link to. Scoped by place."""

from __future__ import annotations

from dataclasses import dataclass

from onefuture.core.errors import NotFound
from onefuture.engagement.models import Response, Theme
from onefuture.measures.models import Measure
from onefuture.places.models import Place
from onefuture.routemaps.models import Milestone


@dataclass(frozen=True)
class ThemeResponse:
    theme: Theme
    response: Response | None
    comments: int


def theme_responses(*, place: Place) -> list[ThemeResponse]:
    from django.db.models import Count

    themes = (
        Theme.objects.filter(place=place)
        .annotate(n=Count("comment_links"))
        .order_by("order", "name")
    )
    responses = {r.theme_id: r for r in Response.objects.filter(place=place)}
    return [ThemeResponse(t, responses.get(t.pk), t.n) for t in themes]


def theme_response_get(*, place: Place, key: str) -> ThemeResponse:
    theme = Theme.objects.filter(place=place, key=key).first()
    if theme is None:
        raise NotFound(f"There is no theme '{key}'.")
    response = (
        Response.objects.filter(theme=theme).prefetch_related("milestones", "measures").first()
    )
    return ThemeResponse(theme, response, theme.comment_links.count())


def milestone_choices(*, place: Place):
    return Milestone.objects.filter(place=place).order_by("due_date", "title")


def measure_choices(*, place: Place):
    return Measure.objects.filter(place=place).order_by("order", "title")
