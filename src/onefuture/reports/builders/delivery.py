"""The scrutiny report's delivery facts: milestones completed since the previous report, overdue
and due soon, and each big thing's agreed partner commitments (ADR 0034).

Read once for the whole plan (``routemaps.selectors.plan.routemap_list``: one query per kind,
and ``commitment_list_public``: only commitments the council has agreed, so a partner is named
only once agreed, ADR 0025) and handed to the builder as plain blocks. Statuses are the
routemaps vocabulary's own words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from onefuture.reports.document import Block, BulletList, Table
from onefuture.routemaps.selectors.commitments import commitment_list_public
from onefuture.routemaps.selectors.plan import MilestoneRow, routemap_list
from onefuture.routemaps.vocabulary import COMMITMENT_STATUS

#: How far ahead "due soon" looks.
DUE_DAYS = 183

_CLOSED = {"complete", "dropped"}


def _date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _mark(text: str, illustrative: bool) -> str:
    return f"{text} (illustrative)" if illustrative else text


@dataclass(frozen=True)
class Delivery:
    """The plan's milestones sorted into what the committee asks about, and commitments."""

    completed: tuple[MilestoneRow, ...]
    overdue: tuple[MilestoneRow, ...]
    due: tuple[MilestoneRow, ...]
    commitments: dict[int, list[Any]] = field(default_factory=dict)  # big thing id → rows


def delivery_read(*, place: Any, date: dt.date, since: dt.date) -> Delivery:
    """Milestones completed (a published update) in ``since``..``date``, overdue on ``date``
    (due before it and neither complete nor dropped), due within :data:`DUE_DAYS`; and the
    agreed commitments by big thing."""
    rows = [m for r in routemap_list(place=place) for m in r.milestones]
    completed = []
    for row in rows:
        when = row.current.published_at
        if row.status == "complete" and when is not None and since <= when.date() <= date:
            completed.append(row)
    overdue = [r for r in rows if r.status not in _CLOSED and r.milestone.due_date < date]
    horizon = date + dt.timedelta(days=DUE_DAYS)
    due = [r for r in rows if r.status not in _CLOSED and date <= r.milestone.due_date <= horizon]
    commitments: dict[int, list[Any]] = {}
    for c in commitment_list_public(place=place):
        commitments.setdefault(c.big_thing_id, []).append(c)
    return Delivery(tuple(completed), tuple(overdue), tuple(due), commitments)


def _count(n: int) -> str:
    return f"{n} milestone{'s' if n != 1 else ''}"


def delivery_blocks(delivery: Delivery, *, date: dt.date, since: dt.date) -> list[Block | str]:
    """Section 2's milestone facts in one sentence and one table: reported complete since the
    previous report, overdue (due date passed), due in the next six months."""
    sentence = (
        f"On the routemaps, {_count(len(delivery.completed))} reported complete between "
        f"{_date(since)} and {_date(date)}; {_count(len(delivery.overdue))} overdue (due date "
        f"passed, not complete); {_count(len(delivery.due))} due in the next six months."
    )
    groups = (
        ("Complete since the previous report", delivery.completed),
        ("Overdue", delivery.overdue),
        ("Due in the next six months", delivery.due),
    )
    rows = tuple(
        (
            what,
            _mark(r.milestone.title, bool(r.milestone.illustrative)),
            r.milestone.routemap.big_thing.title,
            _date(r.milestone.due_date),
            r.status_words.label,
        )
        for what, found in groups
        for r in found
    )
    if not rows:
        return [sentence]
    return [
        sentence,
        Table(
            caption="Milestones complete, overdue and due",
            columns=("Which", "Milestone", "Big thing", "Due", "Status"),
            rows=rows,
        ),
    ]


def commitment_blocks(delivery: Delivery, *, big_thing: Any) -> list[Block | str]:
    """A big thing's agreed partner commitments as a table (or a sentence when none)."""
    rows = delivery.commitments.get(big_thing.pk, [])
    if not rows:
        return ["No partner commitment to this big thing has been agreed yet."]
    return [
        f"{len(rows)} partner commitment{'s' if len(rows) != 1 else ''} agreed:",
        Table(
            caption=f"{big_thing.title}: partner commitments",
            columns=("Partner", "Commitment", "Milestone", "By", "Status"),
            rows=tuple(
                (
                    c.partner.name,
                    _mark(c.title, bool(c.illustrative)),
                    c.milestone.title if c.milestone_id else "—",
                    _date(c.due_date) if c.due_date else "Not set",
                    COMMITMENT_STATUS[c.status].label,
                )
                for c in rows
            ),
        ),
    ]


def new_data_blocks(*, place: Any, date: dt.date, since: dt.date) -> list[Block | str]:
    """Section 2's new data: the measures' imports that succeeded in ``since``..``date``, with
    how many values each added or updated (the file's name and date; never who imported it)."""
    from onefuture.measures.selectors import import_batch_list

    batches = [
        b
        for b in import_batch_list(place=place)
        if b.status == "succeeded" and not b.dry_run and since <= b.created_at.date() <= date
    ]
    if not batches:
        return [f"No new measure data were imported between {_date(since)} and {_date(date)}."]
    created = sum(b.rows_created for b in batches)
    updated = sum(b.rows_updated for b in batches)
    return [
        f"{len(batches)} import{'s' if len(batches) != 1 else ''} of measure data added "
        f"{created} new value{'s' if created != 1 else ''} and updated {updated}:",
        Table(
            caption="Measure data imported since the previous report",
            columns=("Imported", "File", "New values", "Updated values"),
            rows=tuple(
                (_date(b.created_at.date()), b.filename, str(b.rows_created), str(b.rows_updated))
                for b in reversed(batches)
            ),
        ),
    ]


def ambition_blocks(*, place: Any) -> list[Block | str]:
    """The introduction's cross-cutting ambitions, each with the big things it applies to."""
    from onefuture.framework.selectors import ambition_list

    ambitions = list(ambition_list(place=place))
    if not ambitions:
        return []
    items = []
    for a in ambitions:
        where = ", ".join(app.big_thing.title for app in a.applications.all())
        text = f"{a.title}: applies to {where}" if where else a.title
        items.append(_mark(text, bool(getattr(a, "illustrative", False))))
    return [
        f"{len(ambitions)} cross-cutting ambition{'s run' if len(ambitions) != 1 else ' runs'} "
        "through the big things:",
        BulletList(items=tuple(items)),
    ]
