"""Time periods of data points: the four written forms and the year each counts as.

Officers write periods the way their source publishes them. Trends and targets need a number on
a time axis, so every period is parsed once into a :class:`Period` with

* ``label`` — the canonical text shown on pages and written back to CSV;
* ``kind`` — ``calendar``, ``financial`` (also academic years), ``range`` or ``quarter``;
* ``year`` — the year it counts as for trends and targets (a float, see below);
* ``span`` — how many years it covers (a quarter is 0.25), so a trend test can refuse
  overlapping rolling periods.

| written | kind | counts as | why |
| --- | --- | --- | --- |
| ``2023`` | calendar | 2023 | the year itself |
| ``2023/24`` | financial | 2023 | its start year, as Fingertips labels them |
| ``2021-23`` | range | 2022 | the middle of the pooled years |
| ``2024-Q1`` | quarter | 2024.0 | calendar quarters: Q2 2024.25, Q3 2024.5, Q4 2024.75 |

Financial and academic years both use ``/``; ``2023-24`` means the two pooled years 2023 and
2024 (it counts as 2023.5).

The decision and the alternatives are in ``docs/adr/0011-tidy-data-format-and-periods.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CALENDAR = re.compile(r"^(\d{4})$")
_FINANCIAL = re.compile(r"^(\d{4})\s*/\s*(\d{2}|\d{4})$")
_RANGE = re.compile(r"^(\d{4})\s*-\s*(\d{2}|\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*-\s*Q([1-4])$", re.IGNORECASE)

PERIOD_FORMATS = (
    "2023 (a calendar year), 2023/24 (a financial or academic year), 2021-23 (pooled years)"
    " or 2024-Q1 (a quarter)"
)


class PeriodError(ValueError):
    """The text is not one of the four period forms; the message says which forms are allowed."""


@dataclass(frozen=True)
class Period:
    label: str
    kind: str
    year: float
    span: float


def _full_end_year(start: int, end_text: str) -> int:
    if len(end_text) == 4:
        return int(end_text)
    century = start // 100 * 100
    end = century + int(end_text)
    return end if end >= start else end + 100


def period_parse(text: str) -> Period:
    """Parse one written period; raise :class:`PeriodError` with a plain message if it is not one.

    >>> period_parse("2023/24")
    Period(label='2023/24', kind='financial', year=2023.0, span=1.0)
    >>> period_parse("2021-23").year
    2022.0
    """
    raw = str(text).strip()
    if match := _CALENDAR.match(raw):
        year = int(match[1])
        return Period(label=f"{year}", kind="calendar", year=float(year), span=1.0)
    if match := _QUARTER.match(raw):
        year, quarter = int(match[1]), int(match[2])
        return Period(
            label=f"{year}-Q{quarter}",
            kind="quarter",
            year=year + (quarter - 1) / 4,
            span=0.25,
        )
    if match := _FINANCIAL.match(raw):
        start = int(match[1])
        end = _full_end_year(start, match[2])
        if end != start + 1:
            raise PeriodError(
                f"'{raw}' looks like a financial year but {start} is not followed by {start + 1}"
                f" (write {start}/{(start + 1) % 100:02d})."
            )
        return Period(
            label=f"{start}/{end % 100:02d}", kind="financial", year=float(start), span=1.0
        )
    if match := _RANGE.match(raw):
        start = int(match[1])
        end = _full_end_year(start, match[2])
        # Two-digit end years wrap a century ("1998-02"), but never by more than 20 years.
        if end <= start or (len(match[2]) == 2 and end - start > 20):
            raise PeriodError(f"'{raw}' ends before it starts: write the first year first.")
        return Period(
            label=f"{start}-{end % 100:02d}",
            kind="range",
            year=(start + end) / 2,
            span=float(end - start + 1),
        )
    shown = raw if raw else "an empty cell"
    raise PeriodError(f"'{shown}' is not a period: write {PERIOD_FORMATS}.")


def period_parse_many(texts) -> dict[str, Period | PeriodError]:
    """Parse each distinct text once (files repeat a handful of periods a million times)."""
    result: dict[str, Period | PeriodError] = {}
    for text in texts:
        if text in result:
            continue
        try:
            result[text] = period_parse(text)
        except PeriodError as error:
            result[text] = error
    return result
