"""The partners' open data table (registered from ``apps.py``; ADR 0040): the organisations
working on the vision, as the partners page lists them (organisations, never people)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from onefuture.opendata.registry import OpenField, OpenTable
from onefuture.partners import selectors


def _partners(place: Any) -> Iterator[dict[str, Any]]:
    for p in selectors.partner_list(place=place):
        yield {
            "key": p.key,
            "name": p.name,
            "type": p.type,
            "type_label": p.get_type_display(),
            "url": p.url,
            "description": p.description,
            "illustrative": p.illustrative,
        }


TABLES = (
    OpenTable(
        name="partners",
        title="Partners",
        description="The organisations working on the vision, in the order the site lists them.",
        fields=(
            OpenField("key", "string", "The partner's id.", required=True),
            OpenField("name", "string", "The organisation's name."),
            OpenField("type", "string", "The kind of organisation (a code)."),
            OpenField("type_label", "string", "The kind of organisation in words."),
            OpenField("url", "string", "Its website."),
            OpenField("description", "string", "What it does."),
            OpenField("illustrative", "boolean", "True when this row is an illustrative example."),
        ),
        rows=_partners,
        order=20,
        updated=lambda place: selectors.partners_changed_latest(place=place),
        primary_key=("key",),
    ),
)
