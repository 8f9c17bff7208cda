"""A milestone as every public list shows it, and the timeline drawn from the same rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from onefuture.partners.models import Partner
from onefuture.routemaps.models import Horizon
from onefuture.routemaps.selectors.plan import MilestoneRow
from onefuture.routemaps.timeline import (
    PALETTE,
    STATUS_SHAPES,
    TEXT,
    TimelineBand,
    TimelineLayout,
    TimelineMilestone,
    marker_path,
    timeline_layout,
)
from onefuture.routemaps.vocabulary import MILESTONE_STATUS, StatusWords


@dataclass(frozen=True)
class MilestoneView:
    """One milestone in a public list: only what the public may see.

    ``leads`` are the *named* leads (partners with an agreed commitment to it); partners the
    plan only proposes are never named publicly, just counted (``proposed_count``), so a page
    can say the lead is still to be agreed.
    """

    number: int
    key: str
    title: str
    due_date: dt.date
    start_date: dt.date | None
    status: str
    words: StatusWords
    planned: bool
    leads: tuple[Partner, ...]
    proposed_count: int
    lead_officer: str
    illustrative: bool
    horizon: str
    big_thing_key: str
    big_thing_title: str


def milestone_view(
    row: MilestoneRow, number: int = 0, *, big_things: dict[int, Any] | None = None
) -> MilestoneView:
    """The public view of a selector's :class:`MilestoneRow`.

    ``big_things`` (``{routemap id: big thing}``) names each row's big thing without reading
    the milestone's routemap, for rows loaded without it (a milestone's dependencies).
    """
    m = row.milestone
    big_thing = big_things[m.routemap_id] if big_things else m.routemap.big_thing
    return MilestoneView(
        number=number,
        key=m.key,
        title=m.title,
        due_date=m.due_date,
        start_date=m.start_date,
        status=row.status,
        words=row.status_words,
        planned=not row.current.reported,
        leads=tuple(row.named_leads),
        proposed_count=len(row.proposed_leads),
        lead_officer=m.lead_officer,
        illustrative=m.illustrative,
        horizon=row.horizon.title if row.horizon is not None else "",
        big_thing_key=big_thing.key,
        big_thing_title=big_thing.title,
    )


def milestone_views(rows: Sequence[MilestoneRow]) -> list[MilestoneView]:
    """Rows numbered 1, 2, … in the order given (the timeline's and the table's order)."""
    return [milestone_view(row, number) for number, row in enumerate(rows, start=1)]


@dataclass(frozen=True)
class KeyEntry:
    """One status in the timeline's key: its marker, drawn small, and its words."""

    status: str
    words: StatusWords
    shape_name: str
    path: str
    inner: str
    fill: str
    stroke: str
    stroke_width: str


def timeline_key() -> tuple[KeyEntry, ...]:
    """Every milestone status's marker and words (the key under every timeline)."""
    entries = []
    for status, words in MILESTONE_STATUS.items():
        shape, name = STATUS_SHAPES[status]
        path, inner = marker_path(shape, 12, 12, 7)
        ring = shape == "ring"
        entries.append(
            KeyEntry(
                status=str(status),
                words=words,
                shape_name=name,
                path=path,
                inner=inner,
                fill="#ffffff" if ring else PALETTE[words.colour],
                stroke=PALETTE["grey"] if ring else TEXT,
                stroke_width="3" if ring else "1.5",
            )
        )
    return tuple(entries)


@dataclass(frozen=True)
class TimelineView:
    """A timeline: the rows (the table) and their layout (the picture), from one list."""

    id: str
    title: str
    description: str
    caption: str
    table_caption: str
    rows: tuple[MilestoneView, ...]
    layout: TimelineLayout
    key: tuple[KeyEntry, ...]
    show_big_thing: bool = False


def _years(horizons: Sequence[Horizon], rows: Sequence[MilestoneView]) -> str:
    years = [h.start_year for h in horizons] + [r.due_date.year for r in rows]
    ends = [h.end_year for h in horizons] + [r.due_date.year for r in rows]
    return f"{min(years)} to {max(ends)}" if years else ""


def timeline_view(
    *,
    id: str,
    title: str,
    rows: Sequence[MilestoneView],
    horizons: Sequence[Horizon],
    today: dt.date | None,
    overall: str = "",
    show_big_thing: bool = False,
) -> TimelineView:
    """The timeline of ``rows`` across ``horizons``; its words say what the picture shows."""
    bands = [TimelineBand(h.key, h.title, h.start_year, h.end_year) for h in horizons]
    layout = timeline_layout(
        bands,
        [
            TimelineMilestone(
                number=r.number,
                key=r.key,
                title=r.title,
                due=r.due_date,
                status=r.status,
                status_label=r.words.label,
                colour=r.words.colour,
                start=r.start_date,
                illustrative=r.illustrative,
            )
            for r in rows
        ],
        today=today,
    )
    count = len(rows)
    noun = "milestone" if count == 1 else "milestones"
    horizon_words = ", ".join(h.title for h in horizons)
    description = (
        f"{count} {noun} from {_years(horizons, rows)}"
        + (f", across the horizons {horizon_words}" if horizon_words else "")
        + ". Each milestone is one line, in due-date order, with a marker at its due date and a "
        "bar from its start date where it has one; the marker's shape and colour show its "
        "status, which is also written beside it. "
        + (f"{overall} " if overall else "")
        + "The table after the picture lists every milestone in words."
    )
    return TimelineView(
        id=id,
        title=title,
        description=description,
        caption=f"{title}: {count} {noun} by due date. The table below lists the same "
        f"{noun} in words.",
        table_caption="Every milestone, in words",
        rows=tuple(rows),
        layout=layout,
        key=timeline_key(),
        show_big_thing=show_big_thing,
    )
