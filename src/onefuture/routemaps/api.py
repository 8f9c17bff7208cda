"""The routemaps' routes of the JSON API (``/api/v1/…``; registered in ``registration.py``).

``GET /routemaps/``                  every routemap with its roll-up and milestones
``GET /routemaps/{big_thing}/``      one big thing's routemap
``GET /milestones/{key}/``           a milestone: current status, named leads, dependencies
``GET /milestones/{key}/updates/``   its published updates, newest first
``GET /updates/{id}/``               one update: a published one for anyone; an unpublished one
                                     only for those who may read it (404, then 403, object by
                                     object: a partner editor never reads another partner's)
``GET /commitments/``                the commitments the council has agreed (``?partner=key``)

Every route takes ``?place=<slug>`` (else the default place); the lists (routemaps, a
milestone's updates, commitments) answer a page (``?limit=``, ``?offset=``: ``{"count", "limit",
"offset", "items"}``, ADR 0038). Leads are the *named* leads only
(partners with an agreed commitment); no route returns a person's name or email. Reads go
through the selectors (``selectors/plan.py``, ``selectors/updates.py``,
``selectors/commitments.py``); this module only shapes their results.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from onefuture.api.main import api_place
from onefuture.api.paging import ERRORS, ListQuery, page_of, page_schema
from onefuture.routemaps.selectors import commitments as commitment_selectors
from onefuture.routemaps.selectors import plan as plan_selectors
from onefuture.routemaps.selectors import updates as update_selectors


class PartnerOut(Schema):
    key: str
    name: str


class StatusOut(Schema):
    status: str
    label: str
    #: Whether a published update reported it (else it is the plan's status).
    reported: bool


class MilestoneOut(Schema):
    key: str
    title: str
    routemap: str
    big_thing: str
    start_date: dt.date | None
    due_date: dt.date
    horizon: str | None
    status: StatusOut
    weight: float
    lead_partners: list[PartnerOut]
    lead_officer: str
    illustrative: bool


class MilestoneDetailOut(MilestoneOut):
    description: str
    delivery_plan: str | None
    depends_on: list[str]
    needed_by: list[str]
    source: str
    source_url: str


class ShareOut(Schema):
    status: str
    label: str
    count: int
    percent: int


class RoutemapOut(Schema):
    key: str
    title: str
    big_thing: str
    big_thing_title: str
    illustrative: bool
    rollup: list[ShareOut]
    rollup_rule: str
    milestones: list[MilestoneOut]


class UpdateOut(Schema):
    id: int
    milestone: str | None
    commitment: int | None
    status: str
    status_label: str
    state: str
    narrative: str
    no_change: bool
    evidence_url: str
    has_evidence_file: bool
    period: str | None
    published_at: dt.datetime | None


class CommitmentOut(Schema):
    id: int
    partner: PartnerOut
    big_thing: str
    milestone: str | None
    title: str
    description: str
    due_date: dt.date | None
    status: str
    status_label: str
    recognition: str
    illustrative: bool


class CommitmentQuery(ListQuery):
    #: Only this partner's commitments (its key).
    partner: str | None = None


def _partner(partner: Any) -> dict[str, Any]:
    return {"key": partner.key, "name": partner.name}


def _milestone(row: Any) -> dict[str, Any]:
    m = row.milestone
    return {
        "key": m.key,
        "title": m.title,
        "routemap": m.routemap.key,
        "big_thing": m.routemap.big_thing.key,
        "start_date": m.start_date,
        "due_date": m.due_date,
        "horizon": row.horizon.key if row.horizon is not None else None,
        "status": {
            "status": row.current.status,
            "label": row.current.words.label,
            "reported": row.current.reported,
        },
        "weight": float(m.weight),
        "lead_partners": [_partner(p) for p in row.named_leads],
        "lead_officer": m.lead_officer,
        "illustrative": m.illustrative,
    }


def _routemap(summary: Any) -> dict[str, Any]:
    r = summary.routemap
    return {
        "key": r.key,
        "title": str(r),
        "big_thing": summary.big_thing.key,
        "big_thing_title": summary.big_thing.title,
        "illustrative": r.illustrative,
        "rollup": [
            {"status": s.status, "label": s.words.label, "count": s.count, "percent": s.percent}
            for s in summary.rollup.shares
        ],
        "rollup_rule": summary.rollup.rule,
        "milestones": [_milestone(row) for row in summary.milestones],
    }


def _update(update: Any) -> dict[str, Any]:
    return {
        "id": update.pk,
        "milestone": update.milestone.key if update.milestone_id else None,
        "commitment": update.commitment_id,
        "status": update.status,
        "status_label": update.get_status_display(),
        "state": update.state,
        "narrative": update.narrative,
        "no_change": update.no_change,
        "evidence_url": update.evidence_url,
        "has_evidence_file": bool(update.evidence_file),
        "period": update.period.key if update.period_id else None,
        "published_at": update.published_at,
    }


def _commitment(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "partner": _partner(c.partner),
        "big_thing": c.big_thing.key,
        "milestone": c.milestone.key if c.milestone_id else None,
        "title": c.title,
        "description": c.description,
        "due_date": c.due_date,
        "status": c.status,
        "status_label": c.get_status_display(),
        "recognition": c.recognition,
        "illustrative": c.illustrative,
    }


def routemaps_router() -> Router:
    """A new router with the routemaps' routes (see the module)."""
    router = Router()

    @router.get(
        "/routemaps/", response={200: page_schema(RoutemapOut), **ERRORS}, url_name="routemap_list"
    )
    def routemap_list(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
        """Every routemap of the place, in big thing order, with its roll-up and milestones."""
        rows = plan_selectors.routemap_list(place=api_place(query.place))
        return page_of(rows, query, _routemap)

    @router.get(
        "/routemaps/{big_thing}/", response={200: RoutemapOut, **ERRORS}, url_name="routemap_detail"
    )
    def routemap_detail(
        request: HttpRequest, big_thing: str, place: str | None = None
    ) -> dict[str, Any]:
        """One big thing's routemap."""
        detail = plan_selectors.routemap_detail(place=api_place(place), big_thing_key=big_thing)
        return _routemap(detail)

    @router.get(
        "/milestones/{key}/",
        response={200: MilestoneDetailOut, **ERRORS},
        url_name="milestone_detail",
    )
    def milestone_detail(request: HttpRequest, key: str, place: str | None = None) -> dict:
        """One milestone: its current status, named leads and dependencies both ways."""
        detail = plan_selectors.milestone_detail(place=api_place(place), key=key)
        m = detail.row.milestone
        return {
            **_milestone(detail.row),
            "description": m.description,
            "delivery_plan": detail.delivery_plan.key if detail.delivery_plan else None,
            "depends_on": [row.milestone.key for row in detail.depends_on],
            "needed_by": [row.milestone.key for row in detail.needed_by],
            "source": m.source,
            "source_url": m.source_url,
        }

    @router.get(
        "/milestones/{key}/updates/",
        response={200: page_schema(UpdateOut), **ERRORS},
        url_name="milestone_updates",
    )
    def milestone_updates(request: HttpRequest, key: str, query: Query[ListQuery]) -> dict:
        """A milestone's published updates, newest first."""
        found = api_place(query.place)
        milestone = plan_selectors.milestone_get(place=found, key=key)
        rows = update_selectors.update_list_published(place=found, milestone=milestone)
        return page_of(rows, query, _update)

    @router.get(
        "/updates/{update_id}/", response={200: UpdateOut, **ERRORS}, url_name="update_detail"
    )
    def update_detail(
        request: HttpRequest, update_id: int, place: str | None = None
    ) -> dict[str, Any]:
        """One update; an unpublished one only for those who may read it (403 otherwise)."""
        update = update_selectors.update_detail(
            place=api_place(place), user=request.user, update_id=update_id
        )
        return _update(update)

    @router.get(
        "/commitments/",
        response={200: page_schema(CommitmentOut), **ERRORS},
        url_name="commitment_list",
    )
    def commitment_list(request: HttpRequest, query: Query[CommitmentQuery]) -> dict[str, Any]:
        """The commitments the council has agreed (agreed, delivering, delivered)."""
        found = api_place(query.place)
        partner = query.partner
        only = commitment_selectors.partner_find(place=found, key=partner) if partner else None
        rows = commitment_selectors.commitment_list_public(place=found, partner=only)
        return page_of(rows, query, _commitment)

    return router
