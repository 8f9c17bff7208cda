"""The analyst's theme pages, composed from :mod:`onefuture.engagement.selectors.themes`.

Only redacted text appears on these pages (the analyst's tool never needs the original). The
words and colours of a theme's status, a run's status and a confidence come from the tables
here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from onefuture.core.jobs import jobs_reap
from onefuture.engagement.models import RunStatus, Theme, ThemeRun, ThemeStatus
from onefuture.engagement.selectors import themes as selectors
from onefuture.engagement.selectors.themes import Scope
from onefuture.framework.selectors import big_thing_list


@dataclass(frozen=True)
class Words:
    label: str
    tag_class: str


#: A theme's status in words and colour.
THEME_STATUS_WORDS = {
    ThemeStatus.PROPOSED: Words("Proposed", "govuk-tag--yellow"),
    ThemeStatus.CONFIRMED: Words("Confirmed", "govuk-tag--green"),
}
#: A run's status in words and colour.
RUN_STATUS_WORDS = {
    RunStatus.QUEUED: Words("Waiting to start", "govuk-tag--grey"),
    RunStatus.RUNNING: Words("Running", "govuk-tag--blue"),
    RunStatus.SUCCEEDED: Words("Finished", "govuk-tag--green"),
    RunStatus.FAILED: Words("Failed", "govuk-tag--red"),
}
#: Confidence bands, highest first: (at least, words).
CONFIDENCE_WORDS = (
    (0.7, "very likely"),
    (0.4, "likely"),
    (0.2, "possible"),
    (0.0, "unlikely"),
)


def confidence_words(confidence: float | None) -> str:
    """A model's confidence in words ("likely", 0.52 → "likely (52%)")."""
    if confidence is None:
        return "given by an analyst"
    for low, words in CONFIDENCE_WORDS:
        if confidence >= low:
            return f"{words} ({round(confidence * 100)}%)"
    return "unlikely"


def scope_query(scope: Scope) -> str:
    """``?consultation=…`` or ``?event=…`` (empty for the whole place)."""
    return f"?{urlencode(scope.query)}" if scope.query else ""


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    status: Words
    comment_count: int
    confirmed_count: int
    quotes: list[str]
    big_things: list[Any]


@dataclass(frozen=True)
class ScopeChoice:
    title: str
    query: str
    current: bool


@dataclass(frozen=True)
class ThemesPage:
    scope: Scope
    query: str
    scopes: list[ScopeChoice]
    rows: list[ThemeRow]
    run: ThemeRun | None
    run_status: Words | None
    comments: int
    #: Comments a run reads: redaction checked by a person, not withheld.
    checked: int
    to_review: int


def themes_page(*, scope: Scope) -> ThemesPage:
    """A scope's themes with counts and quotes, its latest run, and the other scopes."""
    run = selectors.run_latest(scope=scope)
    rows = [
        ThemeRow(
            theme=theme,
            status=THEME_STATUS_WORDS[theme.status],
            comment_count=theme.comment_count,
            confirmed_count=theme.confirmed_count,
            quotes=selectors.theme_quotes(theme=theme, limit=2),
            big_things=list(theme.big_things.all()),
        )
        for theme in selectors.themes_with_counts(scope=scope)
    ]
    return ThemesPage(
        scope=scope,
        query=scope_query(scope),
        scopes=[
            ScopeChoice(title=s.title, query=scope_query(s), current=s.query == scope.query)
            for s in selectors.scopes_list(place=scope.place)
        ],
        rows=rows,
        run=run,
        run_status=RUN_STATUS_WORDS[run.status] if run else None,
        comments=selectors.scope_comments(scope=scope).count(),
        checked=selectors.scope_comments_themable(scope=scope).count(),
        to_review=selectors.review_count(scope=scope),
    )


@dataclass(frozen=True)
class RunPage:
    run: ThemeRun
    status: Words
    scope: Scope
    query: str
    running: bool


def run_page(*, place: Any, run_id: int) -> RunPage:
    """One run: status, progress and stage, message (a run whose worker died is failed first,
    as a status page reaps its own record: ``core.jobs``)."""
    run = selectors.run_get(place=place, run_id=run_id)
    if run.status in (RunStatus.QUEUED, RunStatus.RUNNING) and jobs_reap(record=run):
        run = selectors.run_get(place=place, run_id=run_id)  # its worker died: failed now
    scope = Scope(place=place, consultation=run.consultation, event=run.event)
    return RunPage(
        run=run,
        status=RUN_STATUS_WORDS[run.status],
        scope=scope,
        query=scope_query(scope),
        running=run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
    )


@dataclass(frozen=True)
class LinkRow:
    text: str
    confidence: str
    confirmed: bool
    source: str


@dataclass(frozen=True)
class ThemePage:
    theme: Theme
    status: Words
    scope: Scope
    query: str
    links: list[LinkRow]
    comment_count: int = 0
    big_things: list[Any] = field(default_factory=list)
    big_thing_keys: set[str] = field(default_factory=set)


#: The most comments a theme's page lists (the most certain first).
COMMENTS_SHOWN = 200


def theme_page(*, place: Any, key: str) -> ThemePage:
    """One theme: its words, its comments (redacted) with confidences, its big things."""
    theme = selectors.theme_get(place=place, key=key)
    scope = selectors.theme_scope(theme=theme)
    return ThemePage(
        theme=theme,
        status=THEME_STATUS_WORDS[theme.status],
        scope=scope,
        query=scope_query(scope),
        links=[
            LinkRow(
                text=link.comment.redacted_text,
                confidence="confirmed by an analyst"
                if link.confirmed
                else confidence_words(link.confidence),
                confirmed=link.confirmed,
                source=link.get_source_display(),
            )
            for link in selectors.theme_comments(theme=theme, limit=COMMENTS_SHOWN)
        ],
        comment_count=selectors.theme_comment_count(theme=theme),
        big_things=list(big_thing_list(place=place)),
        big_thing_keys={b.key for b in theme.big_things.all()},
    )


@dataclass(frozen=True)
class Suggestion:
    theme: Theme
    words: str


@dataclass(frozen=True)
class ReviewRow:
    comment_id: int
    text: str
    suggestions: list[Suggestion]
    suggested_keys: set[str]


@dataclass(frozen=True)
class ReviewPage:
    scope: Scope
    query: str
    rows: list[ReviewRow]
    themes: list[Theme]
    waiting: int


def review_page(*, scope: Scope, limit: int = 20) -> ReviewPage:
    """The review queue: unconfirmed comments, least confident first, with their top themes."""
    rows = [
        ReviewRow(
            comment_id=comment.id,
            text=comment.redacted_text,
            suggestions=[
                Suggestion(theme=link.theme, words=confidence_words(link.confidence))
                for link in comment.links[:3]
            ],
            suggested_keys={link.theme.key for link in comment.links},
        )
        for comment in selectors.review_queue(scope=scope, limit=limit)
    ]
    return ReviewPage(
        scope=scope,
        query=scope_query(scope),
        rows=rows,
        themes=list(selectors.scope_themes(scope=scope)),
        waiting=selectors.review_count(scope=scope),
    )
