"""The writes of the update workflow: what the action objects call, inside their transaction.

Nothing here checks a permission or a state: the action objects in
:mod:`onefuture.routemaps.actions.updates` do (``check()``), then call these for the rows
(``perform()``). Every other caller — views, the bulk importer, the CLI, the demo — goes
through an action, never straight here (``tests/routemaps/test_updates_actions.py``).

``update_record(...)``   a new update, submitted (or already published, for "no change")
``update_review(...)``   an officer's decision: approved or returned, with the comment
``update_publish(...)``  an approved update becomes public
``comment_add(...)``     a scrutiny member's or officer's comment on an update
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from onefuture.routemaps.models import (
    Comment,
    Commitment,
    Milestone,
    ReportingPeriod,
    Update,
    UpdateState,
)


def update_record(
    *,
    place: Any,
    user: Any,
    milestone: Milestone | None = None,
    commitment: Commitment | None = None,
    period: ReportingPeriod | None = None,
    status: str,
    narrative: str = "",
    evidence_url: str = "",
    evidence_file: Any = None,
    no_change: bool = False,
    origin: str = "workspace",
    state: str = UpdateState.SUBMITTED,
    now: datetime.datetime | None = None,
) -> Update:
    """Write a new update, submitted by ``user`` now (published at once when ``state`` says)."""
    now = now or timezone.now()
    update = Update(
        place=place,
        milestone=milestone,
        commitment=commitment,
        period=period,
        status=status,
        narrative=narrative,
        evidence_url=evidence_url,
        no_change=no_change,
        origin=origin,
        state=state,
        created_by=user,
        submitted_by=user,
        submitted_at=now,
        published_at=now if state == UpdateState.PUBLISHED else None,
    )
    if evidence_file is not None:
        update.evidence_file.save(getattr(evidence_file, "name", "evidence"), evidence_file, False)
    update.save()
    return update


def update_review(
    *,
    update: Update,
    user: Any,
    state: str,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> Update:
    """Record an officer's decision on ``update``: ``approved`` or ``returned``, and why."""
    update.state = state
    update.reviewed_by = user
    update.reviewed_at = now or timezone.now()
    update.review_comment = comment
    update.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
    return update


def update_publish(*, update: Update, now: datetime.datetime | None = None) -> Update:
    """Make an approved ``update`` public: its status becomes the item's current status."""
    update.state = UpdateState.PUBLISHED
    update.published_at = now or timezone.now()
    update.save(update_fields=["state", "published_at"])
    return update


def comment_add(*, update: Update, user: Any, text: str) -> Comment:
    """Add ``user``'s comment on ``update``."""
    return Comment.objects.create(update=update, author=user, text=text)
