"""The update workflow's write routes of the JSON API (registered in ``registration.py``).

``POST /updates/``                     an owner submits an update on a milestone (JSON:
                                       ``milestone``, ``status``, ``narrative``,
                                       ``evidence_url``, ``period``), or confirms "no change
                                       since last time" (``no_change: true``); 201 with the update
``POST /updates/{id}/approve/``        an officer approves a submitted update, which publishes it
``POST /updates/{id}/return/``         an officer returns it to its owner with a ``comment``

Each route only builds and executes the workflow's action objects
(:mod:`onefuture.routemaps.actions.updates`), so the rules are the workspace's: a partner
editor submits only on its own organisation's milestones, only an officer approves or returns,
a locked period takes nothing; every refusal is the action's (``PermissionDenied``: 403; a
field problem: 400 naming the field). With a session these need Django's CSRF token; with an
API token they do not (ADR 0039). Every route takes ``?place=<slug>``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from onefuture.api.main import api_place
from onefuture.api.paging import ERRORS
from onefuture.routemaps.actions.updates import (
    ApproveUpdate,
    ConfirmNoChange,
    ReturnUpdate,
    SubmitUpdate,
)
from onefuture.routemaps.api import UpdateOut, _update
from onefuture.routemaps.selectors import plan as plan_selectors
from onefuture.routemaps.selectors import updates as update_selectors


class UpdateIn(Schema):
    """An update on one milestone of the place."""

    #: The milestone's key.
    milestone: str
    #: planned, on_track, at_risk, off_track, complete or dropped (not needed with no_change).
    status: str = ""
    #: Why (needed for at risk, off track and dropped).
    narrative: str = ""
    evidence_url: str = ""
    #: The reporting period's key; the current period if left out.
    period: str | None = None
    #: "No change since last time": repeats the last published status, published at once.
    no_change: bool = False


class ReviewIn(Schema):
    """An officer's comment for the owner (needed to return an update)."""

    comment: str = ""


def updates_write_router() -> Router:
    """A new router with the update workflow's write routes (see the module)."""
    router = Router()

    @router.post("/updates/", response={201: UpdateOut, **ERRORS}, url_name="update_submit")
    def update_submit(request: HttpRequest, body: UpdateIn, place: str | None = None) -> Status:
        """Submit an update on a milestone (it waits for an officer), or confirm no change."""
        found = api_place(place)
        milestone = plan_selectors.milestone_get(place=found, key=body.milestone)
        period = (
            update_selectors.period_get(place=found, key=body.period)
            if body.period
            else update_selectors.period_current(place=found)
        )
        if body.no_change:
            action: Any = ConfirmNoChange(
                user=request.user, place=found, milestone=milestone, period=period
            )
        else:
            action = SubmitUpdate(
                user=request.user,
                place=found,
                milestone=milestone,
                period=period,
                status=body.status,
                narrative=body.narrative,
                evidence_url=body.evidence_url,
                origin="api",
            )
        return Status(201, _update(action.execute()))

    def _review(request: HttpRequest, place: str | None, update_id: int) -> tuple[Any, Any]:
        found = api_place(place)
        # 404 for another place's update; 403 for an unpublished one the person may not read.
        return found, update_selectors.update_detail(
            place=found, user=request.user, update_id=update_id
        )

    @router.post(
        "/updates/{update_id}/approve/",
        response={200: UpdateOut, **ERRORS},
        url_name="update_approve",
    )
    def update_approve(
        request: HttpRequest, update_id: int, body: ReviewIn, place: str | None = None
    ) -> dict[str, Any]:
        """Approve a submitted update, which publishes it (strategy officers, administrators)."""
        found, update = _review(request, place, update_id)
        return _update(
            ApproveUpdate(
                user=request.user, place=found, update=update, comment=body.comment
            ).execute()
        )

    @router.post(
        "/updates/{update_id}/return/",
        response={200: UpdateOut, **ERRORS},
        url_name="update_return",
    )
    def update_return(
        request: HttpRequest, update_id: int, body: ReviewIn, place: str | None = None
    ) -> dict[str, Any]:
        """Return a submitted update to its owner with a comment saying what to change."""
        found, update = _review(request, place, update_id)
        return _update(
            ReturnUpdate(
                user=request.user, place=found, update=update, comment=body.comment
            ).execute()
        )

    return router
