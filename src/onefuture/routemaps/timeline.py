"""The routemap timeline, drawn on the server as SVG from the same rows as its table.

Why on the server (ADR 0027): the picture must work without JavaScript, print as it looks and
never disagree with the table beside it. A page builder makes one list of
:class:`TimelineMilestone` rows; :func:`timeline_layout` places them (pure geometry, no Django,
deterministic, so screenshots and tests are stable) and the template
``routemaps/includes/timeline_svg.html`` draws the result, while
``routemaps/includes/milestone_table.html`` lists the very same rows in words.

The picture: one band per horizon across the top (years along the x axis), one line per
milestone in due-date order, with a marker at its due date (a bar from its start date when it
has one) and its number, title and status in words beside it. A status is never told by colour
alone: each has its own marker shape (:data:`STATUS_SHAPES`) and its label is written out; the
colour itself comes from the status vocabulary (``routemaps.vocabulary``), mapped to the
GOV.UK palette here because an SVG fill needs a colour, not a CSS class.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

#: The GOV.UK palette (govuk-frontend 5, settings/_colours-palette.scss) for each tag colour the
#: vocabulary may use; markers are filled with it and outlined in black, so every marker keeps
#: a 3:1 contrast with the white or light grey behind it (WCAG 1.4.11), yellow included.
PALETTE: dict[str, str] = {
    "grey": "#505a5f",
    "green": "#00703c",
    "turquoise": "#28a197",
    "blue": "#1d70b8",
    "light-blue": "#5694ca",
    "purple": "#4c2c92",
    "pink": "#d53880",
    "red": "#d4351c",
    "orange": "#f47738",
    "yellow": "#ffdd00",
}
TEXT = "#0b0c0c"
BAND_FILLS = ("#f3f2f1", "#ffffff")

#: Each milestone status's marker shape, and its name in the key. Shapes differ for every
#: status so the picture reads in black and white and for people who do not see the colours.
STATUS_SHAPES: dict[str, tuple[str, str]] = {
    "not_started": ("ring", "hollow circle"),
    "on_track": ("circle", "circle"),
    "at_risk": ("triangle", "triangle"),
    "off_track": ("diamond", "diamond"),
    "complete": ("tick", "square with a tick"),
    "dropped": ("cross", "cross"),
}

WIDTH = 960
MARGIN = 12
HEADER = 58  # horizon titles and the year axis
ROW = 34
MARKER = 8  # half the marker's size
FONT_SIZE = 14
#: Roughly how wide a character of 14 px Arial is, to keep a label inside the picture.
CHAR_WIDTH = 7.2
LABEL_GAP = 14


@dataclass(frozen=True)
class TimelineBand:
    """A horizon: a band across the picture from the start of one year to the end of another."""

    key: str
    title: str
    start_year: int
    end_year: int


@dataclass(frozen=True)
class TimelineMilestone:
    """One milestone as the picture and its table show it (the one set of rows)."""

    number: int
    key: str
    title: str
    due: dt.date
    status: str
    status_label: str
    colour: str
    start: dt.date | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class PlacedBand:
    title: str
    x: float
    width: float
    fill: str
    label_x: float


@dataclass(frozen=True)
class PlacedMilestone:
    """A milestone's marker, bar and label, in the picture's coordinates."""

    row: TimelineMilestone
    x: float
    y: float
    shape: str
    fill: str
    path: str
    inner: str  # a second path drawn in white over the marker (the tick), or ""
    bar_x: float | None
    bar_width: float
    bar_y: float
    label: str
    label_x: float
    anchor: str  # "start" (label right of the marker) or "end" (left of it)


@dataclass(frozen=True)
class TimelineLayout:
    width: int
    height: int
    bands: tuple[PlacedBand, ...]
    ticks: tuple[tuple[float, str], ...]
    milestones: tuple[PlacedMilestone, ...]
    today_x: float | None
    axis_y: float
    top: float
    bottom: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _line(points: Sequence[tuple[float, float]], *, close: bool = True) -> str:
    """An SVG path through ``points`` (closed unless ``close`` is False)."""
    head, *rest = points
    d = f"M {_fmt(head[0])} {_fmt(head[1])}"
    d += "".join(f" L {_fmt(px)} {_fmt(py)}" for px, py in rest)
    return d + (" z" if close else "")


def marker_path(shape: str, x: float, y: float, r: float = MARKER) -> tuple[str, str]:
    """The SVG path of a marker of ``shape`` centred on (x, y), and its white inner path."""
    if shape in ("ring", "circle"):
        f = _fmt
        arc = f"a {f(r)} {f(r)} 0 1 0"
        return f"M {f(x - r)} {f(y)} {arc} {f(2 * r)} 0 {arc} {f(-2 * r)} 0 z", ""
    if shape == "triangle":
        h = r * 1.15
        return _line([(x, y - h), (x + h, y + r), (x - h, y + r)]), ""
    if shape == "diamond":
        h = r * 1.2
        return _line([(x, y - h), (x + h, y), (x, y + h), (x - h, y)]), ""
    if shape == "tick":
        square = _line([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)])
        tick = _line(
            [(x - r * 0.55, y), (x - r * 0.1, y + r * 0.45), (x + r * 0.6, y - r * 0.5)],
            close=False,
        )
        return square, tick
    if shape == "cross":
        a = r * 0.35
        points = [
            (x - r, y - r + a), (x - r + a, y - r), (x, y - a), (x + r - a, y - r),
            (x + r, y - r + a), (x + a, y), (x + r, y + r - a), (x + r - a, y + r),
            (x, y + a), (x - r + a, y + r), (x - r, y + r - a), (x - a, y),
        ]  # fmt: skip
        return _line(points), ""
    raise ValueError(f"No marker shape {shape!r}; shapes are {sorted(_SHAPES)}.")


_SHAPES = {"ring", "circle", "triangle", "diamond", "tick", "cross"}


def _span(
    bands: Sequence[TimelineBand], rows: Sequence[TimelineMilestone]
) -> tuple[dt.date, dt.date]:
    years = [b.start_year for b in bands] + [r.due.year for r in rows]
    years += [r.start.year for r in rows if r.start is not None]
    ends = [b.end_year for b in bands] + [r.due.year for r in rows]
    if not years:
        today = dt.date.today().year
        return dt.date(today, 1, 1), dt.date(today + 1, 1, 1)
    return dt.date(min(years), 1, 1), dt.date(max(ends) + 1, 1, 1)


def _truncate(text: str, chars: int) -> str:
    if len(text) <= chars:
        return text
    return text[: max(chars - 1, 1)].rstrip() + "…"


def label_text(row: TimelineMilestone) -> str:
    """What the picture writes beside a marker: number, title and status in words."""
    return f"{row.number}. {row.title} ({row.status_label})"


def timeline_layout(
    bands: Sequence[TimelineBand],
    rows: Sequence[TimelineMilestone],
    *,
    today: dt.date | None = None,
    width: int = WIDTH,
) -> TimelineLayout:
    """Place the horizons and milestones (``rows`` in the order given, one line each)."""
    start, end = _span(bands, rows)
    left, right = MARGIN, width - MARGIN
    days = max((end - start).days, 1)

    def x_of(day: dt.date) -> float:
        return left + (right - left) * (day - start).days / days

    placed_bands = []
    for i, band in enumerate(sorted(bands, key=lambda b: b.start_year)):
        x0 = x_of(dt.date(band.start_year, 1, 1))
        x1 = x_of(dt.date(band.end_year + 1, 1, 1))
        placed_bands.append(
            PlacedBand(
                title=band.title,
                x=round(x0, 1),
                width=round(x1 - x0, 1),
                fill=BAND_FILLS[i % 2],
                label_x=round(x0 + 6, 1),
            )
        )
    years = list(range(start.year, end.year + 1))
    step = max(1, round(len(years) / 8))
    ticks = tuple(
        (round(x_of(dt.date(year, 1, 1)), 1), str(year))
        for year in years
        if (year - start.year) % step == 0 and year < end.year
    )
    placed = []
    top = HEADER
    for i, row in enumerate(rows):
        y = top + ROW * i + ROW / 2
        x = x_of(row.due)
        shape = STATUS_SHAPES.get(row.status, ("circle", "circle"))[0]
        path, inner = marker_path(shape, x, y)
        bar_x = None
        bar_width = 0.0
        if row.start is not None and row.start < row.due:
            bar_x = round(x_of(row.start), 1)
            bar_width = round(x - bar_x, 1)
        text = label_text(row)
        room_right = right - (x + LABEL_GAP)
        room_left = (bar_x if bar_x is not None else x) - LABEL_GAP - left
        if room_right >= room_left:
            anchor, label_x, room = "start", x + LABEL_GAP, room_right
        else:
            anchor = "end"
            label_x = (bar_x if bar_x is not None else x) - LABEL_GAP
            room = room_left
        placed.append(
            PlacedMilestone(
                row=row,
                x=round(x, 1),
                y=round(y, 1),
                shape=shape,
                fill="#ffffff" if shape == "ring" else PALETTE.get(row.colour, TEXT),
                path=path,
                inner=inner,
                bar_x=bar_x,
                bar_width=bar_width,
                bar_y=round(y - 3, 1),
                label=_truncate(text, int(room / CHAR_WIDTH)),
                label_x=round(label_x, 1),
                anchor=anchor,
            )
        )
    bottom = top + ROW * max(len(rows), 1)
    today_x = None
    if today is not None and start <= today < end:
        today_x = round(x_of(today), 1)
    return TimelineLayout(
        width=width,
        height=int(bottom + MARGIN),
        bands=tuple(placed_bands),
        ticks=ticks,
        milestones=tuple(placed),
        today_x=today_x,
        axis_y=HEADER - 8,
        top=HEADER - 4,
        bottom=bottom,
    )
