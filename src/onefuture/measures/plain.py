"""Plain words about a measure, built from its assessments: no test names, no statistics.

Pure functions (no reads): the page builders and the "changed since" selector pass in what they
have read.

``summary(measure=, home_name=, latest=, assessments=, annual_points=)``
    The one paragraph the measure page opens with.
``why_not(assessment, annual_points=)``
    Why a result could not be calculated, in words ("needs at least five years of data; there
    are four"), or "".
``freshness(frequency=, last_updated=, latest_period=, today=)``
    Last-updated and next-update dates and whether the data are older than the measure's update
    frequency allows (:class:`Freshness`).
``change_words(...)``
    One change of status in a sentence ("moved from behind the path to the 2030 target to on
    course for the 2030 target, because the 2023 value 13.5% (provisional) ...").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from onefuture.measures.periods import PeriodError, period_parse

_NUMBERS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}

#: How often each frequency word means the data are updated, in days.
FREQUENCY_DAYS = {
    "annual": 365,
    "annually": 365,
    "yearly": 365,
    "quarterly": 92,
    "monthly": 31,
    "biennial": 730,
    "every two years": 730,
    "every three years": 1096,
    "every five years": 1827,
}


def number_words(n: int) -> str:
    """Small whole numbers in words, as style guides ask ("four", "12")."""
    return _NUMBERS.get(n, f"{n:,}")


def fmt(value: float | None, unit: str, decimals: int) -> str:
    """A number the measure's way (``12.3%``, ``456.0 per 100,000``)."""
    if value is None:
        return "no value"
    text = f"{value:,.{decimals}f}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def why_not(assessment: Any, *, annual_points: int | None = None) -> str:
    """Why ``assessment`` could not be calculated, in plain words, or "" if it was."""
    if assessment.label not in ("cannot_be_calculated", "not_assessed", "not_calculated"):
        return ""
    reason = str((assessment.numbers or {}).get("reason") or "")
    fewer = re.match(r"fewer than (\d+) data points", reason)
    if fewer:
        needed = int(fewer.group(1))
        have = f"; there {'is' if annual_points == 1 else 'are'} {number_words(annual_points)}"
        return f"it needs at least {number_words(needed)} years of data" + (
            have if annual_points is not None else ""
        )
    if reason:
        return f"it could not be calculated: {reason}"
    return "there are not enough data to calculate it"


@dataclass(frozen=True)
class Freshness:
    """When a measure's data were last updated, when the next update is due, and whether the
    data are older than its update frequency allows."""

    last_updated: dt.date | None
    next_update: dt.date | None
    old: bool
    #: The warning in words ("" when the data are not old).
    warning: str = ""


def _period_end(period: str) -> dt.date | None:
    try:
        parsed = period_parse(period)
    except PeriodError:
        return None
    end = parsed.year + getattr(parsed, "span", 1) / 2
    year = int(end)
    return dt.date(year, 1, 1) + dt.timedelta(days=int((end - year) * 365))


def freshness(
    *,
    frequency: str,
    last_updated: dt.datetime | dt.date | None,
    latest_period: str | None,
    today: dt.date | None = None,
) -> Freshness:
    """Whether the data are older than ``frequency`` allows.

    The next update is due one interval after the last update; past it, the data are old. So
    are data whose latest period ended more than two intervals (one to publish, one to load)
    before today, however recently they were loaded. An unknown frequency gives no warning.
    """
    today = today or dt.date.today()
    if isinstance(last_updated, dt.datetime):
        last_updated = last_updated.date()
    days = FREQUENCY_DAYS.get((frequency or "").strip().lower())
    if days is None:
        return Freshness(last_updated, None, False)
    next_update = last_updated + dt.timedelta(days=days) if last_updated else None
    overdue = next_update is not None and next_update < today
    end = _period_end(latest_period) if latest_period else None
    behind = end is not None and (today - end).days > 2 * days
    warning = ""
    if overdue or behind:
        parts = [f"These data may be out of date: the measure is updated {frequency.lower()}"]
        if latest_period:
            parts.append(f"the latest figure is for {latest_period}")
        if last_updated:
            parts.append(f"they were last updated on {last_updated:%-d %B %Y}")
        warning = ", ".join(parts) + "."
    return Freshness(last_updated, next_update, overdue or behind, warning)


def _status_words(assessment: Any) -> str:
    return _lower_first(str(assessment.text))


def summary(
    *,
    measure: Any,
    home_name: str,
    latest: Any | None,
    assessments: Sequence[Any],
    annual_points: int | None = None,
) -> str:
    """The measure in one paragraph from its latest value and headline assessments.

    ``latest`` is a page ``Value`` (``text``, ``period``) or None; ``assessments`` the stored
    results in page order (the first of a kind is used).
    """
    if latest is None:
        return f"There are no data for {home_name or 'this measure'} yet, so nothing can be said."
    first: dict[str, Any] = {}
    for a in assessments:
        if getattr(a, "breakdown", "none") == "none":
            first.setdefault(a.kind, a)
    title = _lower_first(measure.title)
    sentences = [
        f"The latest figure for {title} in {home_name} is {latest.text} ({latest.period})."
    ]
    trajectory, progress = first.get("trajectory"), first.get("progress")
    if trajectory is not None and not why_not(trajectory):
        sentence = f"It is {_status_words(trajectory)}"
        if progress is not None and not why_not(progress):
            sentence += f", with {_status_words(progress)}"
        sentences.append(sentence + ".")
    elif progress is not None and not why_not(progress):
        sentences.append(f"It shows {_status_words(progress)}.")
    trend = first.get("trend")
    if trend is not None:
        reason = why_not(trend, annual_points=annual_points)
        if reason:
            sentences.append(f"Its recent trend cannot be worked out yet: {reason}.")
        elif trend.label == "no_significant_change":
            sentences.append("Over recent years it has not changed significantly.")
        else:
            sentences.append(f"Over recent years it has been {_status_words(trend)}.")
    comparison = first.get("comparison")
    if comparison is not None and comparison.label != "not_compared":
        words = _status_words(comparison).replace(" (99.8% confidence)", "")
        sentences.append(f"It is {words}.")
    return " ".join(sentences)


def change_words(
    *,
    title: str,
    previous_text: str,
    text: str,
    period: str,
    value: float | None,
    unit: str,
    decimals: int,
    notes: str = "",
    first: bool = False,
) -> str:
    """One change of status in a sentence, with the value that caused it."""
    because = ""
    if value is not None:
        note = f" ({notes.strip()})" if notes.strip() else ""
        because = f", because the {period} value is {fmt(value, unit, decimals)}{note}"
    elif period:
        because = f", with data to {period}"
    if first:
        return f"{title}: assessed for the first time as {_lower_first(text)}{because}."
    return f"{title}: moved from {_lower_first(previous_text)} to {_lower_first(text)}{because}."
