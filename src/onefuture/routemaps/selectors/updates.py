"""Reads of the routemaps' updates, reporting periods and comments, scoped by place.

``update_list_published(place=, milestone=|commitment=)``
    The published updates about one item (or the whole place), newest first: what is public.
``updates_waiting(place=)`` / ``updates_waiting_count(place=)``
    The queue of submitted updates an officer reviews, oldest first.
``update_detail(place=, user=, update_id=)``
    One update, checked object by object: a published update anyone may read; an unpublished
    one only those ``routemaps.read_unpublished`` allows (a partner editor never reads another
    partner's), else ``PermissionDenied``; another place's or a missing one is ``NotFound``.
``update_latest_published(milestone=|commitment=)`` / ``latest_published_by_milestone``
    The newest published update of an item (its current status), one or in bulk.
``period_list(place=)``, ``period_current(place=, today=)``, ``period_get(place=, key=)``
    The reporting periods.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from onefuture.core.errors import NotFound
from onefuture.core.permissions import permission_check
from onefuture.routemaps.models import (
    Comment,
    Commitment,
    Milestone,
    ReportingPeriod,
    Update,
    UpdateState,
)
from onefuture.routemaps.permissions import READ_UNPUBLISHED


def _updates(place: Any) -> QuerySet[Update]:
    return Update.objects.filter(place=place).select_related(
        "milestone",
        "milestone__routemap__big_thing",
        "commitment",
        "commitment__partner",
        "period",
        "created_by",
        "submitted_by",
        "reviewed_by",
    )


def update_list_published(
    *, place: Any, milestone: Milestone | None = None, commitment: Commitment | None = None
) -> list[Update]:
    """The published updates of ``place`` (of one milestone or commitment), newest first."""
    updates = _updates(place).filter(state=UpdateState.PUBLISHED)
    if milestone is not None:
        updates = updates.filter(milestone=milestone)
    if commitment is not None:
        updates = updates.filter(commitment=commitment)
    return list(updates.order_by("-published_at", "-id"))


def updates_waiting(*, place: Any) -> list[Update]:
    """Submitted updates waiting for an officer's review, oldest first."""
    return list(_updates(place).filter(state=UpdateState.SUBMITTED).order_by("submitted_at", "id"))


def updates_waiting_count(*, place: Any) -> int:
    """How many updates wait for review in ``place``."""
    return Update.objects.filter(place=place, state=UpdateState.SUBMITTED).count()


def update_detail(*, place: Any, user: Any, update_id: int) -> Update:
    """One update of ``place``, if ``user`` may read it (object by object).

    Raises ``NotFound`` for a missing update or another place's, and ``PermissionDenied`` for
    an unpublished update the person may not read (never its data).
    """
    update = _updates(place).filter(pk=update_id).first()
    if update is None:
        raise NotFound(f"There is no update {update_id} in {getattr(place, 'name', place)}.")
    if update.state != UpdateState.PUBLISHED:
        permission_check(user=user, action=READ_UNPUBLISHED, place=place, obj=update)
    return update


def update_comments(*, update: Update) -> list[Comment]:
    """The comments on ``update``, oldest first (read only after :func:`update_detail`)."""
    return list(update.comments.select_related("author").order_by("created_at", "id"))


def update_latest_published(
    *, milestone: Milestone | None = None, commitment: Commitment | None = None
) -> Update | None:
    """The newest published update of one milestone or commitment (None: none yet)."""
    updates = Update.objects.filter(state=UpdateState.PUBLISHED)
    if milestone is not None:
        updates = updates.filter(milestone=milestone)
    else:
        updates = updates.filter(commitment=commitment)
    return updates.order_by("-published_at", "-id").first()


def latest_published_by_milestone(*, place: Any) -> dict[int, Update]:
    """The newest published update of every milestone of ``place`` that has one, in one query."""
    latest: dict[int, Update] = {}
    for update in (
        Update.objects.filter(place=place, state=UpdateState.PUBLISHED, milestone__isnull=False)
        .select_related("period")
        .order_by("milestone_id", "-published_at", "-id")
    ):
        latest.setdefault(update.milestone_id, update)
    return latest


def period_list(*, place: Any) -> list[ReportingPeriod]:
    """Every reporting period of ``place``, oldest first, with who locked it."""
    return list(
        ReportingPeriod.objects.filter(place=place).select_related("locked_by").order_by("start")
    )


def period_get(*, place: Any, key: str) -> ReportingPeriod:
    """The period of ``place`` with ``key``, or ``NotFound`` naming it."""
    period = ReportingPeriod.objects.filter(place=place, key=key).first()
    if period is None:
        raise NotFound(f"There is no reporting period '{key}' in {getattr(place, 'name', place)}.")
    return period


def period_current(*, place: Any, today: datetime.date | None = None) -> ReportingPeriod | None:
    """The period updates are collected for now: the unlocked period containing ``today``, else
    the latest unlocked period that has started (None when there is none)."""
    today = today or timezone.localdate()
    periods = ReportingPeriod.objects.filter(place=place, locked_at__isnull=True)
    containing = periods.filter(start__lte=today, end__gte=today).order_by("start").first()
    if containing is not None:
        return containing
    return periods.filter(start__lte=today).order_by("-start").first()


# --- the workspace's reads: what an owner reports on, and what a person may read ------------


@dataclass(frozen=True)
class ItemDue:
    """One milestone or commitment a person reports on, with where its update stands.

    ``kind`` is "milestone" or "commitment" and ``ref`` what the submit page's address takes (a
    milestone's key, a commitment's id); ``current_status`` is the newest published update's
    status, else the milestone's planned one (None for a commitment with no published update);
    ``latest`` the newest update of the period (any state) and ``due`` whether the period still
    needs one from the owner (none yet, or the last was returned).
    """

    kind: str
    ref: str
    subject: Milestone | Commitment
    title: str
    big_thing: Any
    due_date: datetime.date | None
    current_status: str | None
    last_published: Update | None
    latest: Update | None
    due: bool


def _reportable_commitments(place: Any) -> QuerySet[Commitment]:
    from onefuture.routemaps.actions.updates import REPORTABLE_COMMITMENT

    return Commitment.objects.filter(place=place, status__in=REPORTABLE_COMMITMENT)


def items_for(*, place: Any, user: Any, period: ReportingPeriod | None = None) -> list[ItemDue]:
    """What ``user`` reports on in ``place``, milestones by due date then commitments.

    A partner editor: the milestones its partner is asked to lead and its partner's agreed or
    delivering commitments. Administrators and strategy officers (and superusers): every one.
    Anyone else: nothing. ``period`` (default: the current one) decides what is due.
    """
    from onefuture.core.models import Role
    from onefuture.core.selectors import membership_get

    membership = membership_get(user=user, place=place)
    milestones = Milestone.objects.filter(place=place).select_related("routemap__big_thing")
    commitments = _reportable_commitments(place).select_related("big_thing", "partner")
    if getattr(user, "is_superuser", False):
        pass
    elif membership is None:
        return []
    elif membership.role == Role.PARTNER_EDITOR:
        milestones = milestones.filter(lead_partners=membership.partner_id)
        commitments = commitments.filter(partner=membership.partner_id)
    elif membership.role not in (Role.ADMINISTRATOR, Role.STRATEGY_OFFICER):
        return []
    return items_due(
        place=place,
        milestones=list(milestones.order_by("due_date", "order", "id")),
        commitments=list(commitments.order_by("due_date", "id")),
        period=period,
    )


def items_due(
    *,
    place: Any,
    milestones: list[Milestone],
    commitments: list[Commitment],
    period: ReportingPeriod | None = None,
) -> list[ItemDue]:
    """:class:`ItemDue` rows for the given items, in a fixed number of queries."""
    period = period if period is not None else period_current(place=place)
    published: dict[tuple[str, int], Update] = {}
    for update in Update.objects.filter(place=place, state=UpdateState.PUBLISHED).order_by(
        "-published_at", "-id"
    ):
        key = (
            ("milestone", update.milestone_id)
            if update.milestone_id
            else (
                "commitment",
                update.commitment_id,
            )
        )
        published.setdefault(key, update)
    latest: dict[tuple[str, int], Update] = {}
    if period is not None:
        for update in Update.objects.filter(place=place, period=period).order_by(
            "-created_at", "-id"
        ):
            key = (
                ("milestone", update.milestone_id)
                if update.milestone_id
                else (
                    "commitment",
                    update.commitment_id,
                )
            )
            latest.setdefault(key, update)
    rows = []
    for kind, items in (("milestone", milestones), ("commitment", commitments)):
        for item in items:
            last = published.get((kind, item.pk))
            this_period = latest.get((kind, item.pk))
            current = last.status if last else (item.status if kind == "milestone" else None)
            rows.append(
                ItemDue(
                    kind=kind,
                    ref=item.key if kind == "milestone" else str(item.pk),
                    subject=item,
                    title=item.title,
                    big_thing=item.routemap.big_thing if kind == "milestone" else item.big_thing,
                    due_date=item.due_date,
                    current_status=current,
                    last_published=last,
                    latest=this_period,
                    due=period is not None
                    and (this_period is None or this_period.state == UpdateState.RETURNED),
                )
            )
    return rows


def items_due_count(*, place: Any, user: Any) -> int:
    """How many of ``user``'s items still need an update for the current period."""
    return sum(1 for item in items_for(place=place, user=user) if item.due)


def update_subject(*, place: Any, kind: str, ref: str) -> Milestone | Commitment:
    """The milestone (by key) or reportable commitment (by id) of ``place``, or ``NotFound``."""
    found = None
    if kind == "milestone":
        found = (
            Milestone.objects.filter(place=place, key=ref)
            .select_related("routemap__big_thing")
            .first()
        )
    elif kind == "commitment" and ref.isdigit():
        found = (
            Commitment.objects.filter(place=place, pk=int(ref))
            .select_related("big_thing", "partner")
            .first()
        )
    if found is None:
        raise NotFound(f"There is no {kind} '{ref}' in {getattr(place, 'name', place)}.")
    return found


def update_history(*, subject: Milestone | Commitment, user: Any, place: Any) -> list[Update]:
    """Every update of one item that ``user`` may read, newest first (published ones for all;
    unpublished ones for those ``routemaps.read_unpublished`` allows on that item)."""
    from onefuture.core.permissions import permission_has

    field = "milestone" if isinstance(subject, Milestone) else "commitment"
    updates = _updates(place).filter(**{field: subject}).order_by("-created_at", "-id")
    if not permission_has(user=user, action=READ_UNPUBLISHED, place=place, obj=subject):
        updates = updates.filter(state=UpdateState.PUBLISHED)
    return list(updates)


def update_list_readable(*, place: Any, user: Any, limit: int = 100) -> list[Update]:
    """The newest updates of ``place`` that ``user`` may read unpublished (scrutiny, officers:
    all; a partner editor: its own organisation's), newest first, at most ``limit``."""
    from onefuture.core.models import Role
    from onefuture.core.permissions import permission_has

    if not permission_has(user=user, action=READ_UNPUBLISHED, place=place):
        return []
    updates = _updates(place).order_by("-created_at", "-id")
    from onefuture.core.selectors import membership_get

    membership = membership_get(user=user, place=place)
    if membership is not None and membership.role == Role.PARTNER_EDITOR:
        updates = updates.filter(
            Q(milestone__lead_partners=membership.partner_id)
            | Q(commitment__partner=membership.partner_id)
        ).distinct()
    return list(updates[:limit])


def period_choices(*, place: Any) -> list[ReportingPeriod]:
    """The unlocked periods of ``place`` an update may be for, newest first."""
    return list(
        ReportingPeriod.objects.filter(place=place, locked_at__isnull=True).order_by("-start")
    )


def milestones_of(*, place: Any) -> list[Milestone]:
    """Every milestone of ``place``, by due date (for the bulk template)."""
    return list(
        Milestone.objects.filter(place=place)
        .select_related("routemap__big_thing")
        .order_by("due_date", "order", "id")
    )


@dataclass(frozen=True)
class Reminder:
    """One person to remind, and their items still due for the period."""

    user: Any
    items: list[ItemDue]
    #: "partner editor for <partner>" or "strategy officer (no partner editor)".
    because: str


def reminders_due(*, place: Any, period: ReportingPeriod) -> list[Reminder]:
    """Who to remind of which items due for ``period``, one entry per person with an e-mail.

    The owners: the partner editors of a milestone's lead partners (of a commitment's partner);
    a milestone none of whose lead partners has an editor (or that has no lead partner) goes to
    the place's strategy officers.
    """
    from onefuture.core.models import Membership, Role

    milestones = list(
        Milestone.objects.filter(place=place)
        .select_related("routemap__big_thing")
        .prefetch_related("lead_partners")
        .order_by("due_date", "order", "id")
    )
    commitments = list(
        _reportable_commitments(place).select_related("big_thing", "partner").order_by("id")
    )
    due = [
        item
        for item in items_due(
            place=place, milestones=milestones, commitments=commitments, period=period
        )
        if item.due
    ]
    memberships = list(
        Membership.objects.filter(place=place, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "partner")
        .order_by("user__username")
    )
    editors: dict[int, list[Any]] = {}
    officers = []
    for membership in memberships:
        if membership.role == Role.PARTNER_EDITOR:
            editors.setdefault(membership.partner_id, []).append(membership)
        elif membership.role == Role.STRATEGY_OFFICER:
            officers.append(membership)
    by_user: dict[int, tuple[Any, list[ItemDue], set[str]]] = {}

    def add(membership: Any, item: ItemDue, because: str) -> None:
        _user, items, reasons = by_user.setdefault(membership.user_id, (membership.user, [], set()))
        if item not in items:
            items.append(item)
        reasons.add(because)

    for item in due:
        if item.kind == "commitment":
            partners = [item.subject.partner]
        else:
            partners = list(item.subject.lead_partners.all())
        owners = [(m, p) for p in partners for m in editors.get(p.pk, [])]
        if owners:
            for membership, partner in owners:
                add(membership, item, f"partner editor for {partner.name}")
        else:
            for membership in officers:
                add(membership, item, "strategy officer (for items with no partner editor)")
    return [
        Reminder(user=user, items=items, because="; ".join(sorted(reasons)))
        for user, items, reasons in by_user.values()
    ]
