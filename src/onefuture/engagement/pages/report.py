"""The public "you said, we did" pages: the index, one theme, and the engagement report — all
built from :mod:`onefuture.engagement.selectors.report` (public things only)."""

from __future__ import annotations

from dataclasses import dataclass

from onefuture.engagement.selectors.coverage import Coverage, coverage
from onefuture.engagement.selectors.report import (
    Attribution,
    EngagementReport,
    ReportTheme,
    engagement_report,
    public_attributions,
    public_theme,
    public_themes,
)
from onefuture.places.models import Place


@dataclass(frozen=True)
class IndexPage:
    coverage: Coverage
    themes: tuple[ReportTheme, ...]
    attributions: tuple[Attribution, ...] = ()

    @property
    def answered(self) -> tuple[ReportTheme, ...]:
        return tuple(t for t in self.themes if t.response is not None)

    @property
    def waiting(self) -> tuple[ReportTheme, ...]:
        return tuple(t for t in self.themes if t.response is None)


def index_page(*, place: Place) -> IndexPage:
    return IndexPage(
        coverage=coverage(place=place),
        themes=tuple(public_themes(place=place)),
        attributions=public_attributions(place=place),
    )


def theme_page(*, place: Place, key: str) -> ReportTheme:
    return public_theme(place=place, key=key)


def sources_of(*, place: Place) -> tuple[Attribution, ...]:
    """The sources to credit beside the words of a place's comments."""
    return public_attributions(place=place)


def report_page(*, place: Place) -> EngagementReport:
    return engagement_report(place=place)
