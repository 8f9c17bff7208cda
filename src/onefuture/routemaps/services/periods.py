"""The writes of reporting periods: create (quarters), lock and unlock.

Locking and unlocking a period are action objects (``LockPeriod``/``UnlockPeriod`` in
:mod:`onefuture.routemaps.actions.updates`) that check ``period.lock`` and call these;
:func:`periods_quarterly_ensure` is for the operator (the demo, a new year's set-up).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from onefuture.routemaps.models import ReportingPeriod

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def period_lock(
    *, period: ReportingPeriod, user: Any, now: datetime.datetime | None = None
) -> ReportingPeriod:
    """Lock ``period``: it takes no more submissions or approvals."""
    period.locked_at = now or timezone.now()
    period.locked_by = user
    period.save(update_fields=["locked_at", "locked_by"])
    return period


def period_unlock(*, period: ReportingPeriod) -> ReportingPeriod:
    """Unlock ``period`` (its history keeps who had locked it and when)."""
    period.locked_at = None
    period.locked_by = None
    period.save(update_fields=["locked_at", "locked_by"])
    return period


def _months_later(first: datetime.date, months: int) -> datetime.date:
    month = first.month - 1 + months
    return datetime.date(first.year + month // 12, month % 12 + 1, 1)


def _quarter_end(start: datetime.date) -> datetime.date:
    return _months_later(start, 3) - datetime.timedelta(days=1)


def quarter_of(start: datetime.date) -> tuple[str, str, datetime.date, datetime.date]:
    """Key, title, end and due date (a month after the end) of the quarter starting ``start``."""
    end = _quarter_end(start)
    # Financial quarters: April to June is Q1 of the year starting in April.
    fy = start.year if start.month >= 4 else start.year - 1
    q = ((start.month - 4) % 12) // 3 + 1
    key = f"{fy}-{str(fy + 1)[-2:]}-q{q}"
    title = f"{_MONTHS[start.month - 1]} to {_MONTHS[end.month - 1]} {end.year}"
    following = end + datetime.timedelta(days=1)  # the first day of the next month
    due = _months_later(following, 1) - datetime.timedelta(days=1)  # that month's last day
    return key, title, end, due


def periods_quarterly_ensure(
    *,
    place: Any,
    since: datetime.date,
    today: datetime.date | None = None,
    lock_past: bool = False,
    user: Any = None,
) -> list[ReportingPeriod]:
    """Make sure every quarter from ``since`` (a quarter's first day) to the one containing
    ``today`` exists; with ``lock_past``, lock the quarters whose due date has passed and that
    nobody has locked. Returns the periods, oldest first; existing ones are left as they are."""
    today = today or timezone.localdate()
    periods = []
    start = since
    while start <= today:
        key, title, end, due = quarter_of(start)
        period, _ = ReportingPeriod.objects.get_or_create(
            place=place, key=key, defaults={"title": title, "start": start, "end": end, "due": due}
        )
        if lock_past and due < today and period.locked_at is None:
            period_lock(period=period, user=user)
        periods.append(period)
        start = end + datetime.timedelta(days=1)
    return periods
