"""The public engagement report: reach, coverage and its gaps, the confirmed themes with their
counts by group and public quotes, and the published responses with what delivers them.

:func:`engagement_report` returns a tree of frozen dataclasses of plain values (no Django
objects), so the same object renders as the public pages (``/engagement/…``), the API and the
reports' Word and PDF documents. Only public things are in it:

- themes: ``confirmed`` ones only; their comment counts by group (small counts suppressed);
- quotes: only through :func:`onefuture.engagement.selectors.public.comments_public` (the one
  path from a comment to anything public) — never the original text, never demographics, and
  never beside a group's or ward's count;
- responses: ``published`` ones only, of confirmed themes;
- coverage: counts (see :mod:`onefuture.engagement.selectors.coverage`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from onefuture.core.errors import NotFound
from onefuture.engagement.models import (
    CommentTheme,
    Consultation,
    Response,
    StakeholderGroup,
    Theme,
    ThemeStatus,
)
from onefuture.engagement.selectors.coverage import Count, Coverage, count_shown, coverage
from onefuture.engagement.selectors.public import PublicComment, comments_public
from onefuture.engagement.vocabulary import RESPONSE_STATUS
from onefuture.measures.selectors import assessment_list
from onefuture.places.models import Place
from onefuture.routemaps.selectors.plan import milestone_current_statuses

#: How many public quotes a theme shows.
QUOTES_PER_THEME = 3


@dataclass(frozen=True)
class Quote:
    """A public, redacted comment: its words and where and when it was said."""

    text: str
    said_at: str
    received_on: dt.date | None
    illustrative: bool


@dataclass(frozen=True)
class GroupCount:
    group: str
    comments: Count


@dataclass(frozen=True)
class MilestoneLink:
    key: str
    title: str
    due_date: dt.date
    status: str
    status_label: str
    status_colour: str
    illustrative: bool


@dataclass(frozen=True)
class MeasureLink:
    key: str
    title: str
    #: The measure's assessments in words ("Better than England"), headline ones first.
    assessments: tuple[str, ...]
    illustrative: bool


@dataclass(frozen=True)
class ReportResponse:
    summary: str
    status: str
    status_label: str
    status_colour: str
    status_words: str
    decided_on: dt.date | None
    published_on: dt.date | None
    milestones: tuple[MilestoneLink, ...]
    measures: tuple[MeasureLink, ...]
    illustrative: bool


@dataclass(frozen=True)
class ReportTheme:
    key: str
    name: str
    description: str
    comments: Count
    by_group: tuple[GroupCount, ...]
    quotes: tuple[Quote, ...]
    response: ReportResponse | None
    big_things: tuple[tuple[str, str], ...]
    illustrative: bool


@dataclass(frozen=True)
class Attribution:
    """Where a consultation's comments came from when not the place's own."""

    title: str
    source_name: str
    source_url: str
    licence: str
    attribution: str
    illustrative: bool


@dataclass(frozen=True)
class EngagementReport:
    place_name: str
    made_on: dt.date
    coverage: Coverage
    themes: tuple[ReportTheme, ...]
    attributions: tuple[Attribution, ...]
    illustrative: bool

    @property
    def gaps(self) -> tuple[str, ...]:
        return self.coverage.gaps

    @property
    def responses(self) -> tuple[ReportTheme, ...]:
        """The themes with a published response."""
        return tuple(t for t in self.themes if t.response is not None)


def _quote(found: PublicComment) -> Quote:
    """A :class:`PublicComment` as a quote: its redacted words, the event and the date only."""
    said_at = found.event_title
    if said_at and found.event_date is not None:
        said_at = f"{said_at}, {found.event_date.day} {found.event_date:%B %Y}"
    return Quote(
        text=found.text,
        said_at=said_at,
        received_on=found.received_on,
        illustrative=found.illustrative,
    )


def _public_themes(place: Place, key: str | None = None):
    themes = (
        Theme.objects.filter(place=place, status=ThemeStatus.CONFIRMED)
        .prefetch_related("big_things")
        .order_by("order", "name")
    )
    if key is not None:
        themes = themes.filter(key=key)
    return list(themes)


def _responses(themes: list[Theme]) -> dict[int, ReportResponse]:
    responses = list(
        Response.objects.filter(theme__in=themes, published=True).prefetch_related(
            "milestones", Prefetch("measures")
        )
    )
    milestones = {m.pk: m for r in responses for m in r.milestones.all()}
    measures = {m.pk: m for r in responses for m in r.measures.all()}
    statuses = milestone_current_statuses(milestones.values())
    assessments = assessment_list(measures=list(measures.values()))
    found = {}
    for r in responses:
        words = RESPONSE_STATUS[r.status]
        links = []
        for m in sorted(r.milestones.all(), key=lambda m: (m.due_date, m.title)):
            current = statuses[m.pk].words
            links.append(
                MilestoneLink(
                    key=m.key,
                    title=m.title,
                    due_date=m.due_date,
                    status=statuses[m.pk].status,
                    status_label=current.label,
                    status_colour=current.colour,
                    illustrative=m.illustrative,
                )
            )
        measure_links = tuple(
            MeasureLink(
                key=m.key,
                title=m.title,
                assessments=tuple(a.text for a in assessments.get(m.pk, [])[:3]),
                illustrative=m.illustrative,
            )
            for m in sorted(r.measures.all(), key=lambda m: (m.order, m.title))
        )
        found[r.theme_id] = ReportResponse(
            summary=r.summary,
            status=r.status,
            status_label=words.label,
            status_colour=words.colour,
            status_words=words.words,
            decided_on=r.decided_on,
            published_on=timezone.localtime(r.published_at).date() if r.published_at else None,
            milestones=tuple(links),
            measures=measure_links,
            illustrative=r.illustrative,
        )
    return found


def _report_themes(place: Place, themes: list[Theme], limit: int, quotes: int) -> list[ReportTheme]:
    groups = {g.pk: g.name for g in StakeholderGroup.objects.filter(place=place)}
    links = CommentTheme.objects.filter(theme__in=themes).values_list("theme_id", "comment__group")
    totals: dict[int, int] = defaultdict(int)
    by_group: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    for theme_id, group_id in links:
        totals[theme_id] += 1
        by_group[theme_id][group_id] += 1
    responses = _responses(themes)
    out = []
    for theme in themes:
        counts = by_group[theme.pk]
        rows = [
            GroupCount(name, count_shown(counts.get(pk, 0), limit))
            for pk, name in groups.items()
            if counts.get(pk, 0)
        ]
        if counts.get(None):
            rows.append(GroupCount("Not known", count_shown(counts[None], limit)))
        out.append(
            ReportTheme(
                key=theme.key,
                name=theme.name,
                description=theme.description,
                comments=count_shown(totals[theme.pk], limit),
                by_group=tuple(rows),
                quotes=tuple(
                    _quote(c) for c in comments_public(place=place, theme=theme, limit=quotes)
                ),
                response=responses.get(theme.pk),
                big_things=tuple((b.key, b.title) for b in theme.big_things.all()),
                illustrative=theme.illustrative,
            )
        )
    return out


def public_attributions(*, place: Place) -> tuple[Attribution, ...]:
    """Where each consultation's comments came from when not the place's own (its source,
    licence and attribution), shown wherever their words are."""
    return tuple(
        Attribution(
            title=c.title,
            source_name=c.source_name,
            source_url=c.source_url,
            licence=c.licence,
            attribution=c.attribution,
            illustrative=c.illustrative,
        )
        for c in Consultation.objects.filter(place=place).order_by("title")
        if c.source_name or c.attribution or c.licence
    )


def engagement_report(*, place: Place, quotes: int = QUOTES_PER_THEME) -> EngagementReport:
    """The whole public report of a place's engagement (see the module)."""
    cover = coverage(place=place)
    themes = _report_themes(place, _public_themes(place), cover.suppress_below, quotes)
    attributions = public_attributions(place=place)
    return EngagementReport(
        place_name=place.name,
        made_on=timezone.localdate(),
        coverage=cover,
        themes=tuple(themes),
        attributions=attributions,
        illustrative=any(t.illustrative for t in themes)
        or any(a.illustrative for a in attributions),
    )


def public_theme(*, place: Place, key: str, quotes: int = 10) -> ReportTheme:
    """One confirmed theme as the public sees it (NotFound for a proposed or unknown one)."""
    themes = _public_themes(place, key)
    if not themes:
        raise NotFound(f"There is no published theme '{key}'.")
    return _report_themes(place, themes, coverage_limit(place), quotes)[0]


def public_themes(*, place: Place) -> list[ReportTheme]:
    """Every confirmed theme as the public sees it, with one quote each."""
    return _report_themes(place, _public_themes(place), coverage_limit(place), 1)


def coverage_limit(place: Place) -> int:
    from onefuture.engagement.selectors.coverage import suppress_below_for

    return suppress_below_for(place=place)


@dataclass(frozen=True)
class AskedFor:
    """A confirmed theme whose published response a milestone or measure delivers."""

    key: str
    name: str
    illustrative: bool


def _asked_for(place: Place, **link: Any) -> list[AskedFor]:
    rows = (
        Response.objects.filter(
            place=place, published=True, theme__status=ThemeStatus.CONFIRMED, **link
        )
        .select_related("theme")
        .order_by("theme__order", "theme__name")
    )
    return [AskedFor(r.theme.key, r.theme.name, r.theme.illustrative) for r in rows]


def themes_for_milestone(*, place: Place, milestone: Any) -> list[AskedFor]:
    """The public themes whose response a milestone delivers (the milestone page's panel);
    ``milestone`` is the model or the page's view of it (anything with its ``key``)."""
    return _asked_for(place, milestones__key=milestone.key, milestones__place=place)


def themes_for_measure(*, place: Place, measure: Any) -> list[AskedFor]:
    """The public themes whose response a measure tracks (the measure page's panel)."""
    return _asked_for(place, measures__key=measure.key, measures__place=place)


def public_theme_models(*, place: Place) -> list[Theme]:
    """The confirmed themes themselves (for the search index)."""
    return _public_themes(place)


def public_response_models(*, place: Place) -> list[Response]:
    """The published responses of confirmed themes (for the search index)."""
    return list(
        Response.objects.filter(
            place=place, published=True, theme__status=ThemeStatus.CONFIRMED
        ).select_related("theme")
    )


@dataclass(frozen=True)
class PublicEvent:
    """An event as the public may see it: never its notes (staff text), organiser or who
    created it."""

    title: str
    kind: str
    kind_label: str
    date: dt.date
    ward: str
    groups: tuple[str, ...]
    people_count: int | None
    illustrative: bool


def public_events(*, place: Place) -> list[PublicEvent]:
    """The place's events, newest first, with their public fields only."""
    from onefuture.engagement.models import Event

    events = (
        Event.objects.filter(place=place)
        .select_related("ward")
        .prefetch_related("groups")
        .order_by("-date", "title")
    )
    return [
        PublicEvent(
            title=e.title,
            kind=e.kind,
            kind_label=e.get_kind_display(),
            date=e.date,
            ward=e.ward.name if e.ward else "",
            groups=tuple(g.name for g in e.groups.all()),
            people_count=e.people_count,
            illustrative=e.illustrative,
        )
        for e in events
    ]
