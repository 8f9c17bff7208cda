"""The timeline's geometry (``routemaps.timeline``): pure, deterministic, never colour alone."""

from __future__ import annotations

import datetime as dt

import pytest

from onefuture.routemaps.models import MilestoneStatus
from onefuture.routemaps.pages.common import timeline_key
from onefuture.routemaps.timeline import (
    PALETTE,
    STATUS_SHAPES,
    WIDTH,
    TimelineBand,
    TimelineMilestone,
    marker_path,
    timeline_layout,
)
from onefuture.routemaps.vocabulary import MILESTONE_STATUS

BANDS = [
    TimelineBand("now", "2024 to 2027", 2024, 2027),
    TimelineBand("next", "2028 to 2032", 2028, 2032),
    TimelineBand("later", "2033 to 2040", 2033, 2040),
]


def row(number: int, due: dt.date, status: str = "on_track", **fields) -> TimelineMilestone:
    words = MILESTONE_STATUS[status]
    return TimelineMilestone(
        number=number,
        key=f"m{number}",
        title=fields.pop("title", f"Milestone {number}"),
        due=due,
        status=status,
        status_label=words.label,
        colour=words.colour,
        **fields,
    )


def test_every_status_has_its_own_shape_and_a_palette_colour() -> None:
    assert set(STATUS_SHAPES) == {s.value for s in MilestoneStatus}
    shapes = [shape for shape, _name in STATUS_SHAPES.values()]
    assert len(set(shapes)) == len(shapes)
    for status, words in MILESTONE_STATUS.items():
        assert words.colour in PALETTE, status
        path, _inner = marker_path(STATUS_SHAPES[status][0], 10, 10)
        assert path.startswith("M ")
    with pytest.raises(ValueError, match="No marker shape 'blob'"):
        marker_path("blob", 0, 0)


def test_the_key_names_every_status_shape_and_colour() -> None:
    key = timeline_key()
    assert [entry.status for entry in key] == list(MILESTONE_STATUS)
    assert {entry.shape_name for entry in key} == {n for _s, n in STATUS_SHAPES.values()}


def test_markers_sit_at_their_due_dates_one_line_each_inside_the_picture() -> None:
    rows = [
        row(1, dt.date(2024, 1, 1), "complete"),
        row(2, dt.date(2032, 12, 31), "at_risk", start=dt.date(2026, 1, 1)),
        row(3, dt.date(2040, 12, 31), "not_started", title="A very long title " * 8),
    ]
    layout = timeline_layout(BANDS, rows, today=dt.date(2026, 12, 2))
    xs = [m.x for m in layout.milestones]
    assert xs == sorted(xs) and len(set(xs)) == 3
    ys = [m.y for m in layout.milestones]
    assert ys == sorted(ys) and len(set(ys)) == 3
    assert [b.title for b in layout.bands] == ["2024 to 2027", "2028 to 2032", "2033 to 2040"]
    assert layout.bands[0].x == 12 and layout.bands[-1].x + layout.bands[-1].width == WIDTH - 12
    for m in layout.milestones:
        assert 0 <= m.x <= WIDTH
        width = len(m.label) * 7.2
        if m.anchor == "start":
            assert m.label_x + width <= WIDTH, m.label
        else:
            assert m.label_x - width >= 0, m.label
    long = layout.milestones[2]
    assert long.anchor == "end" and long.label.endswith("…")
    assert layout.milestones[1].bar_x is not None and layout.milestones[1].bar_width > 0
    assert layout.milestones[0].label == "1. Milestone 1 (Complete)"
    assert layout.today_x is not None and xs[0] < layout.today_x < xs[1]
    assert layout.height > layout.bottom


def test_the_same_rows_give_the_same_picture() -> None:
    rows = [row(1, dt.date(2027, 3, 31)), row(2, dt.date(2029, 6, 30), "off_track")]
    assert timeline_layout(BANDS, rows) == timeline_layout(BANDS, rows)


def test_milestones_outside_the_horizons_widen_the_axis_and_no_rows_still_draw() -> None:
    layout = timeline_layout(BANDS, [row(1, dt.date(2045, 6, 1))])
    assert layout.ticks[-1][1] in {str(y) for y in range(2040, 2046)}
    assert layout.milestones[0].x < WIDTH - 12
    empty = timeline_layout([], [])
    assert empty.milestones == () and empty.height > 0
