"""The workspace's "you said, we did" pages: every theme with its response's state, and one
theme's response form (its choices of milestones and measures)."""

from __future__ import annotations

from dataclasses import dataclass

from onefuture.core.errors import NotFound
from onefuture.engagement.pages.report import theme_page
from onefuture.engagement.selectors import responses as selectors
from onefuture.engagement.selectors.coverage import Coverage, coverage
from onefuture.engagement.selectors.report import ReportTheme
from onefuture.places.models import Place


@dataclass(frozen=True)
class ResponsesPage:
    themes: list[selectors.ThemeResponse]
    coverage: Coverage


def responses_page(*, place: Place) -> ResponsesPage:
    return ResponsesPage(
        themes=selectors.theme_responses(place=place), coverage=coverage(place=place)
    )


@dataclass(frozen=True)
class ResponsePage:
    item: selectors.ThemeResponse
    milestones: list
    measures: list
    #: The theme as the public sees it (None while it is proposed).
    public: ReportTheme | None


def response_page(*, place: Place, key: str) -> ResponsePage:
    item = selectors.theme_response_get(place=place, key=key)
    try:
        public = theme_page(place=place, key=key)
    except NotFound:
        public = None
    return ResponsePage(
        item=item,
        milestones=list(selectors.milestone_choices(place=place)),
        measures=list(selectors.measure_choices(place=place)),
        public=public,
    )
