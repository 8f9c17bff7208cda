"""The routemaps' open data tables (registered from ``registration.py``; ADR 0040).

Milestones with their current status in words, published updates and the commitments the
council has agreed, read through the same selectors as the public pages and the API. Never a
person: no lead officer, no author, submitter or reviewer of an update, nothing unpublished.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from onefuture.opendata.registry import OpenField, OpenTable
from onefuture.routemaps.selectors import commitments as commitment_selectors
from onefuture.routemaps.selectors import opendata as changed
from onefuture.routemaps.selectors import plan as plan_selectors
from onefuture.routemaps.selectors import updates as update_selectors
from onefuture.routemaps.vocabulary import COMMITMENT_STATUS

ILLUSTRATIVE = OpenField(
    "illustrative", "boolean", "True when this row is an illustrative example, not real."
)


def _milestones(place: Any) -> Iterator[dict[str, Any]]:
    for summary in plan_selectors.routemap_list(place=place):
        rows = sorted(summary.milestones, key=lambda r: (r.milestone.due_date, r.milestone.key))
        for row in rows:
            m = row.milestone
            yield {
                "key": m.key,
                "title": m.title,
                "big_thing": summary.big_thing.key,
                "routemap": summary.routemap.key,
                "description": m.description,
                "start_date": m.start_date,
                "due_date": m.due_date,
                "horizon": row.horizon.key if row.horizon is not None else None,
                "status": row.current.status,
                "status_label": row.current.words.label,
                "status_words": row.current.words.words,
                "status_reported": row.current.reported,
                "weight": float(m.weight),
                "lead_partners": " ".join(p.key for p in row.named_leads),
                "delivery_plan": m.delivery_plan.key if m.delivery_plan_id else None,
                "source": m.source,
                "source_url": m.source_url,
                "illustrative": m.illustrative,
            }


def _updates(place: Any) -> Iterator[dict[str, Any]]:
    published = update_selectors.update_list_published(place=place)
    for u in sorted(published, key=lambda u: (u.published_at, u.pk)):
        yield {
            "id": u.pk,
            "milestone": u.milestone.key if u.milestone_id else None,
            "commitment": u.commitment_id,
            "period": u.period.key if u.period_id else None,
            "status": u.status,
            "status_label": u.get_status_display(),
            "no_change": u.no_change,
            "narrative": u.narrative,
            "evidence_url": u.evidence_url,
            "published_at": u.published_at,
        }


def _commitments(place: Any) -> Iterator[dict[str, Any]]:
    for c in commitment_selectors.commitment_list_public(place=place):
        words = COMMITMENT_STATUS[c.status]
        yield {
            "id": c.pk,
            "partner": c.partner.key,
            "partner_name": c.partner.name,
            "big_thing": c.big_thing.key,
            "milestone": c.milestone.key if c.milestone_id else None,
            "title": c.title,
            "description": c.description,
            "due_date": c.due_date,
            "status": c.status,
            "status_label": words.label,
            "recognition": c.recognition,
            "illustrative": c.illustrative,
        }


TABLES = (
    OpenTable(
        name="milestones",
        title="Routemap milestones",
        description="Every milestone of every routemap, with its dates, horizon, the partners "
        "named as its leads (once their commitment is agreed) and its current status in words: "
        "the latest published update's, else the plan's.",
        fields=(
            OpenField("key", "string", "The milestone's id.", required=True),
            OpenField("title", "string", "What is to be done."),
            OpenField("big_thing", "string", "The id of the big thing whose routemap it is on."),
            OpenField("routemap", "string", "The routemap's id."),
            OpenField("description", "string", "More about the milestone."),
            OpenField("start_date", "date", "When the work starts, if known."),
            OpenField("due_date", "date", "When it is due."),
            OpenField("horizon", "string", "The id of the horizon its due date falls in."),
            OpenField("status", "string", "The current status's code."),
            OpenField("status_label", "string", "The current status as the site shows it."),
            OpenField("status_words", "string", "What the status means."),
            OpenField(
                "status_reported",
                "boolean",
                "True when a published update reported the status; false when it is the plan's.",
            ),
            OpenField("weight", "number", "Its weight in the routemap's roll-up."),
            OpenField(
                "lead_partners",
                "string",
                "The ids of the partners named as leads, separated by spaces (see partners).",
            ),
            OpenField("delivery_plan", "string", "The id of the delivery plan it belongs to."),
            OpenField("source", "string", "Where the milestone is published."),
            OpenField("source_url", "string", "The address of that source."),
            ILLUSTRATIVE,
        ),
        rows=_milestones,
        order=60,
        updated=lambda place: changed.milestones_changed_latest(place=place),
        primary_key=("key",),
    ),
    OpenTable(
        name="updates",
        title="Published progress updates",
        description="The progress updates on milestones and commitments that the council has "
        "approved and published, oldest first (never a draft, nor who wrote or approved it).",
        fields=(
            OpenField("id", "integer", "The update's number.", required=True),
            OpenField("milestone", "string", "The id of the milestone it reports on, if any."),
            OpenField("commitment", "integer", "The id of the commitment it reports on, if any."),
            OpenField("period", "string", "The id of the reporting period it is for."),
            OpenField("status", "string", "The status it reports (a code)."),
            OpenField("status_label", "string", "The status in words."),
            OpenField("no_change", "boolean", "True when it says nothing changed since the last."),
            OpenField("narrative", "string", "What the update says, as published."),
            OpenField("evidence_url", "string", "A link to its evidence, if given."),
            OpenField("published_at", "datetime", "When it was published (UTC)."),
        ),
        rows=_updates,
        order=70,
        updated=lambda place: changed.updates_published_latest(place=place),
        primary_key=("id",),
    ),
    OpenTable(
        name="commitments",
        title="Agreed partner commitments",
        description="What each partner has committed to do, once the council has agreed it "
        "(agreed, delivering or delivered), by partner.",
        fields=(
            OpenField("id", "integer", "The commitment's number.", required=True),
            OpenField("partner", "string", "The partner's id (see partners)."),
            OpenField("partner_name", "string", "The partner organisation's name."),
            OpenField("big_thing", "string", "The id of the big thing it contributes to."),
            OpenField("milestone", "string", "The id of the milestone it contributes to, if any."),
            OpenField("title", "string", "What the partner commits to do."),
            OpenField("description", "string", "More about it."),
            OpenField("due_date", "date", "By when, if set."),
            OpenField("status", "string", "The commitment's status (a code)."),
            OpenField("status_label", "string", "The status in words."),
            OpenField("recognition", "string", "How the partner's part is recognised."),
            ILLUSTRATIVE,
        ),
        rows=_commitments,
        order=80,
        updated=lambda place: changed.commitments_agreed_latest(place=place),
        primary_key=("id",),
    ),
)
