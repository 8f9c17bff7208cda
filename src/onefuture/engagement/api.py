"""Engagement's routes of the JSON API (``/api/v1/…``; registered in ``registration.py``).

``GET /engagement/themes/``          the confirmed themes: counts, counts by group, published
                                     response (status, milestones, measures)
``GET /engagement/themes/{key}/``    one confirmed theme, with its public quotes
``GET /engagement/coverage/``        comments and people by group, ward and age band (small
                                     counts suppressed: ``null`` with ``words`` "fewer than 5")
``GET /engagement/events/``          events: title, kind, date, ward, groups, people count (never
                                     the notes, which are staff text)

Every route takes ``?place=<slug>``; the lists answer a page (``?limit=``, ``?offset=``:
``{"count", "limit", "offset", "items"}``, ADR 0038). Everything comes from
:mod:`onefuture.engagement.selectors.report` and ``.coverage``: public data only — never a
comment's original text, its demographics, or anyone's name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from onefuture.api.main import api_place
from onefuture.api.paging import ERRORS, ListQuery, page_of, page_schema
from onefuture.engagement.selectors import coverage as coverage_selectors
from onefuture.engagement.selectors import report as report_selectors


class CountOut(Schema):
    #: None when suppressed (fewer than the place's threshold).
    value: int | None
    words: str


class GroupCountOut(Schema):
    group: str
    comments: CountOut


class QuoteOut(Schema):
    text: str
    said_at: str
    received_on: dt.date | None
    illustrative: bool


class MilestoneLinkOut(Schema):
    key: str
    title: str
    due_date: dt.date
    status: str
    status_label: str
    illustrative: bool


class MeasureLinkOut(Schema):
    key: str
    title: str
    assessments: list[str]
    illustrative: bool


class ResponseOut(Schema):
    summary: str
    status: str
    status_label: str
    decided_on: dt.date | None
    published_on: dt.date | None
    milestones: list[MilestoneLinkOut]
    measures: list[MeasureLinkOut]
    illustrative: bool


class ThemeOut(Schema):
    key: str
    name: str
    description: str
    comments: CountOut
    by_group: list[GroupCountOut]
    big_things: list[str]
    response: ResponseOut | None
    illustrative: bool


class ThemeDetailOut(ThemeOut):
    quotes: list[QuoteOut]


class CoverageRowOut(Schema):
    key: str
    name: str
    comments: CountOut
    people: CountOut
    population: int | None
    per_1000: float | None


class CoverageOut(Schema):
    suppress_below: int
    events: int
    comments: CountOut
    people: CountOut
    people_at_events: int
    by_group: list[CoverageRowOut]
    by_ward: list[CoverageRowOut]
    by_age_band: list[CoverageRowOut]
    gaps: list[str]


class EventOut(Schema):
    title: str
    kind: str
    date: dt.date
    ward: str
    groups: list[str]
    people_count: int | None
    illustrative: bool


def _theme(theme: report_selectors.ReportTheme, quotes: bool = False) -> dict[str, Any]:
    data = dataclasses.asdict(theme)
    data["big_things"] = [key for key, _title in theme.big_things]
    if not quotes:
        data.pop("quotes")
    return data


def _coverage(cover: coverage_selectors.Coverage) -> dict[str, Any]:
    return {**dataclasses.asdict(cover), "gaps": list(cover.gaps)}


def engagement_router() -> Router:
    """A new router with engagement's routes (see the module)."""
    router = Router()

    @router.get(
        "/engagement/themes/",
        response={200: page_schema(ThemeOut), **ERRORS},
        url_name="engagement_themes",
    )
    def themes(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
        """The confirmed themes, with their published responses."""
        rows = report_selectors.public_themes(place=api_place(query.place))
        return page_of(rows, query, _theme)

    @router.get(
        "/engagement/themes/{key}/",
        response={200: ThemeDetailOut, **ERRORS},
        url_name="engagement_theme",
    )
    def theme(request: HttpRequest, key: str, place: str | None = None) -> dict[str, Any]:
        """One confirmed theme with its public quotes (404 for a proposed or unknown one)."""
        return _theme(report_selectors.public_theme(place=api_place(place), key=key), quotes=True)

    @router.get(
        "/engagement/coverage/",
        response={200: CoverageOut, **ERRORS},
        url_name="engagement_coverage",
    )
    def coverage(request: HttpRequest, place: str | None = None) -> dict[str, Any]:
        """Who was heard from, by group, ward and age band (counts only)."""
        return _coverage(coverage_selectors.coverage(place=api_place(place)))

    @router.get(
        "/engagement/events/",
        response={200: page_schema(EventOut), **ERRORS},
        url_name="engagement_events",
    )
    def events(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
        """The events, newest first (public fields only)."""
        rows = report_selectors.public_events(place=api_place(query.place))
        return page_of(rows, query, dataclasses.asdict)

    return router
