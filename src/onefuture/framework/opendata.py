"""The framework's open data tables (registered from ``apps.py``; ADR 0040): the big things,
their 2040 outcomes and the cross-cutting ambitions, with how each applies to each big thing.
Everything the framework file holds is published; nothing in it names a person."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from onefuture.framework import selectors
from onefuture.opendata.registry import OpenField, OpenTable

ILLUSTRATIVE = OpenField(
    "illustrative", "boolean", "True when this row is an illustrative example, not real."
)


def _big_things(place: Any) -> Iterator[dict[str, Any]]:
    for b in selectors.big_thing_list(place=place):
        yield {
            "key": b.key,
            "order": b.order,
            "title": b.title,
            "summary": b.summary,
            "summary_illustrative": b.summary_illustrative,
            "illustrative": b.illustrative,
        }


def _outcomes(place: Any) -> Iterator[dict[str, Any]]:
    for o in selectors.outcome_list(place=place):
        yield {
            "key": o.key,
            "big_thing": o.big_thing.key,
            "order": o.order,
            "statement": o.statement,
            "illustrative": o.illustrative,
        }


def _ambitions(place: Any) -> Iterator[dict[str, Any]]:
    for a in selectors.ambition_list(place=place):
        applications = list(a.applications.all())
        if not applications:
            applications = [None]
        for application in applications:
            yield {
                "key": a.key,
                "order": a.order,
                "title": a.title,
                "summary": a.summary,
                "big_thing": application.big_thing.key if application else None,
                "how": application.how if application else "",
                "illustrative": a.illustrative or bool(application and application.illustrative),
            }


def _updated(place: Any) -> Any:
    return selectors.framework_changed_latest(place=place)


TABLES = (
    OpenTable(
        name="big-things",
        title="Big things",
        description="The big things the vision works on, in order.",
        fields=(
            OpenField("key", "string", "The big thing's id.", required=True),
            OpenField("order", "integer", "Its position in the vision."),
            OpenField("title", "string", "Its name."),
            OpenField("summary", "string", "What it is about."),
            OpenField("summary_illustrative", "boolean", "True when the summary is illustrative."),
            ILLUSTRATIVE,
        ),
        rows=_big_things,
        order=10,
        updated=_updated,
        primary_key=("key",),
    ),
    OpenTable(
        name="outcomes",
        title="Outcomes by 2040",
        description="What each big thing aims to achieve by the vision's horizon.",
        fields=(
            OpenField("key", "string", "The outcome's id.", required=True),
            OpenField("big_thing", "string", "The id of its big thing."),
            OpenField("order", "integer", "Its position under the big thing."),
            OpenField("statement", "string", "The outcome in words."),
            ILLUSTRATIVE,
        ),
        rows=_outcomes,
        order=11,
        updated=_updated,
        primary_key=("key",),
    ),
    OpenTable(
        name="ambitions",
        title="Cross-cutting ambitions",
        description="The ambitions that run across every big thing: one row per ambition and "
        "big thing it applies to, with how it applies.",
        fields=(
            OpenField("key", "string", "The ambition's id.", required=True),
            OpenField("order", "integer", "Its position in the vision."),
            OpenField("title", "string", "Its name."),
            OpenField("summary", "string", "What it is about."),
            OpenField("big_thing", "string", "The id of a big thing it applies to."),
            OpenField("how", "string", "How it shapes that big thing."),
            ILLUSTRATIVE,
        ),
        rows=_ambitions,
        order=12,
        updated=_updated,
    ),
)
