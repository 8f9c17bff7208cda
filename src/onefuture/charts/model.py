"""The chart object every builder returns: one Vega-Lite spec and the table of the same numbers.

Why one object: the page, the CSV download and the static image must never disagree. A builder
rounds the numbers once, puts those exact records into the spec's inline data, and keeps them as
the table; the template renders the table from ``rows`` and the CSV view writes ``rows`` too.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Number = float | int | None

#: Specs longer than this (characters of JSON) are fetched by charts.js rather than inlined.
SPEC_INLINE_LIMIT = 20_000

#: The CSV column that says a chart's numbers are made up (``yes``), as every download has it.
ILLUSTRATIVE_COLUMN = "illustrative"


@dataclass(frozen=True)
class Column:
    """One column of a chart's table: the key used in the records and the heading shown."""

    key: str
    label: str
    numeric: bool = True


@dataclass(frozen=True)
class Chart:
    """A chart ready for the web page, a report or a CSV download.

    ``spec`` is a Vega-Lite dict (built with altair); ``rows`` are the records its data holds,
    in table order; ``columns`` say how to show them. ``alt`` is the text alternative of the
    image; ``illustrative`` marks a chart whose numbers are made up for illustration.
    """

    slug: str
    title: str
    alt: str
    spec: dict[str, Any]
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    decimals: int = 1
    illustrative: bool = False
    notes: tuple[str, ...] = field(default=())

    def spec_json(self) -> str:
        """The spec as JSON that is safe inside ``<script type="application/json">``.

        ``<``, ``>`` and ``&`` are escaped as JSON unicode escapes, so no value (an area name,
        a title) can close the script element early.
        """
        text = json.dumps(self.spec, separators=(",", ":"), allow_nan=False)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    @property
    def spec_inline(self) -> bool:
        """Whether the page carries the spec inline: a large one (a ward map's boundaries, about
        100 KB) is served as its own cached JSON file instead, so the HTML stays small."""
        return len(self.spec_json()) <= SPEC_INLINE_LIMIT

    def table(self) -> list[list[str]]:
        """The rows as display text, in column order (numbers to ``decimals`` places)."""
        return [[self.cell(row.get(c.key), c) for c in self.columns] for row in self.rows]

    def cells(self) -> list[list[tuple[str, bool]]]:
        """The rows as (text, numeric) pairs in column order: the table template right-aligns
        the numbers and leaves words (a note, a source) as text."""
        return [
            [(self.cell(row.get(c.key), c), c.numeric) for c in self.columns] for row in self.rows
        ]

    def cell(self, value: Any, column: Column) -> str:
        if value is None:
            return ""
        if column.numeric and isinstance(value, float):
            return f"{value:,.{self.decimals}f}"
        return str(value)

    def csv_text(self) -> str:
        """The same rows as CSV (headings from the column labels, numbers unformatted), and an
        ``illustrative`` column, ``yes`` on every row of a chart whose numbers are made up (the
        import format's words, as every download says it; the page decides the flag by the one
        rule, ``measures.honesty``)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([*(c.label for c in self.columns), ILLUSTRATIVE_COLUMN])
        flag = "yes" if self.illustrative else ""
        for row in self.rows:
            cells = ["" if row.get(c.key) is None else row[c.key] for c in self.columns]
            writer.writerow([*cells, flag])
        return out.getvalue()


#: The columns of a data point's words, shown beside its value when any row has them
#: (docs/data-format.md: notes and sources from an upload are shown with the value).
NOTE_COLUMNS = (Column("notes", "Notes", numeric=False), Column("source", "Source", numeric=False))


def note_columns(rows: Sequence[dict[str, Any]]) -> tuple[Column, ...]:
    """The note and source columns that some of ``rows`` fill (none when no row has words)."""
    return tuple(c for c in NOTE_COLUMNS if any(row.get(c.key) for row in rows))


def rounded(value: Number, decimals: int) -> float | None:
    """``value`` rounded for display and charting; ``None`` for missing or non-finite."""
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    return round(number, decimals)


def require_rows(rows: Sequence[Any], what: str) -> None:
    if not rows:
        raise ValueError(f"The {what} chart needs at least one value; none were given.")
