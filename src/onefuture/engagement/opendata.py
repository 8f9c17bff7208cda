"""Engagement's open data tables (registered from ``registration.py``; ADR 0040).

The confirmed themes, their published responses and who was heard from — counts only, small
counts suppressed exactly as the public pages suppress them. Read through the same selectors
as the public pages and the API (``selectors/report.py``, ``selectors/coverage.py``). Never a
comment's text (original or redacted), a respondent, a demographic of one person, or anyone's
name; a theme that is only proposed, and its response, are not published.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from onefuture.engagement.selectors import coverage as coverage_selectors
from onefuture.engagement.selectors import opendata as changed
from onefuture.engagement.selectors import report as report_selectors
from onefuture.opendata.registry import OpenField, OpenSource, OpenTable

ILLUSTRATIVE = OpenField(
    "illustrative", "boolean", "True when this row is an illustrative example, not real."
)


def _themes(place: Any) -> Iterator[dict[str, Any]]:
    for t in report_selectors.public_themes(place=place):
        yield {
            "key": t.key,
            "name": t.name,
            "description": t.description,
            "comments": t.comments.value,
            "comments_words": t.comments.words,
            "big_things": " ".join(key for key, _title in t.big_things),
            "response_published": t.response is not None,
            "illustrative": t.illustrative,
        }


def _responses(place: Any) -> Iterator[dict[str, Any]]:
    for t in report_selectors.public_themes(place=place):
        r = t.response
        if r is None:
            continue
        yield {
            "theme": t.key,
            "summary": r.summary,
            "status": r.status,
            "status_label": r.status_label,
            "status_words": r.status_words,
            "decided_on": r.decided_on,
            "published_on": r.published_on,
            "milestones": " ".join(m.key for m in r.milestones),
            "measures": " ".join(m.key for m in r.measures),
            "illustrative": r.illustrative,
        }


def _coverage(place: Any) -> Iterator[dict[str, Any]]:
    cover = coverage_selectors.coverage(place=place)
    yield {
        "dimension": "total",
        "key": "",
        "name": "Everyone",
        "comments": cover.comments.value,
        "comments_words": cover.comments.words,
        "people": cover.people.value,
        "people_words": cover.people.words,
        "population": None,
        "per_1000": None,
        "population_source": "",
    }
    for dimension, rows in (
        ("group", cover.by_group),
        ("ward", cover.by_ward),
        ("age_band", cover.by_age_band),
    ):
        for row in rows:
            yield {
                "dimension": dimension,
                "key": row.key,
                "name": row.name,
                "comments": row.comments.value,
                "comments_words": row.comments.words,
                "people": row.people.value,
                "people_words": row.people.words,
                "population": row.population,
                "per_1000": row.per_1000,
                "population_source": row.population_source,
            }


def _sources(place: Any) -> list[OpenSource]:
    """The place itself and any borrowed consultation (its source, licence and words)."""
    found = []
    for a in report_selectors.public_attributions(place=place):
        words = "; ".join(p for p in (a.source_name or a.title, a.licence, a.attribution) if p)
        found.append(OpenSource(title=words, path=a.source_url))
    return [OpenSource(title=place.name), *found] if found else []


COUNT_WORDS = "The count as the site shows it: the number, or 'fewer than N' when suppressed."

TABLES = (
    OpenTable(
        name="engagement-themes",
        title="What people said: themes",
        description="The themes the engagement team confirmed in what people said, with how "
        "many comments each holds (small counts suppressed) and the big things they are about.",
        fields=(
            OpenField("key", "string", "The theme's id.", required=True),
            OpenField("name", "string", "The theme's name."),
            OpenField("description", "string", "What the theme is about."),
            OpenField(
                "comments",
                "integer",
                "Comments in the theme; empty when suppressed.",
                unit="comments",
            ),
            OpenField("comments_words", "string", COUNT_WORDS),
            OpenField(
                "big_things", "string", "The ids of the big things it is about, space-separated."
            ),
            OpenField("response_published", "boolean", "True when a response is published."),
            ILLUSTRATIVE,
        ),
        rows=_themes,
        order=90,
        sources=_sources,
        updated=lambda place: changed.themes_confirmed_latest(place=place),
        primary_key=("key",),
    ),
    OpenTable(
        name="engagement-responses",
        title="You said, we did: responses",
        description="The published response to each confirmed theme: what was decided, and "
        "the milestones and success measures that deliver it.",
        fields=(
            OpenField("theme", "string", "The theme's id.", required=True),
            OpenField("summary", "string", "The response in words."),
            OpenField("status", "string", "The response's status (a code)."),
            OpenField("status_label", "string", "The status as the site shows it."),
            OpenField("status_words", "string", "What the status means."),
            OpenField("decided_on", "date", "When it was decided."),
            OpenField("published_on", "date", "When it was published."),
            OpenField("milestones", "string", "The ids of the milestones, space-separated."),
            OpenField("measures", "string", "The ids of the success measures, space-separated."),
            ILLUSTRATIVE,
        ),
        rows=_responses,
        order=91,
        sources=_sources,
        updated=lambda place: changed.responses_published_latest(place=place),
        primary_key=("theme",),
    ),
    OpenTable(
        name="engagement-coverage",
        title="Who we heard from",
        description="Comments and the people who made them, in total and by stakeholder "
        "group, ward and age band, against the population where known; counts below the "
        "place's threshold are suppressed (empty, with 'fewer than N' in words).",
        fields=(
            OpenField("dimension", "string", "total, group, ward or age_band.", required=True),
            OpenField("key", "string", "The group's id, the ward's code or the age band."),
            OpenField("name", "string", "Its name ('Not known' where nobody said)."),
            OpenField("comments", "integer", "Comments; empty when suppressed.", unit="comments"),
            OpenField("comments_words", "string", COUNT_WORDS),
            OpenField(
                "people", "integer", "People who commented; empty when suppressed.", unit="people"
            ),
            OpenField("people_words", "string", COUNT_WORDS),
            OpenField("population", "integer", "Residents, where known.", unit="people"),
            OpenField(
                "per_1000",
                "number",
                "People who commented per 1,000 residents.",
                unit="people per 1,000 residents",
            ),
            OpenField("population_source", "string", "Where the population figure comes from."),
        ),
        rows=_coverage,
        order=92,
        updated=lambda place: changed.coverage_latest(place=place),
    ),
)
