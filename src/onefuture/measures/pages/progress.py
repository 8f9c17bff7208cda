"""The progress page as a scrutiny tool: one row per measure, counts by status, filters, sort,
what changed since a date, and a CSV of exactly the rows shown (no queries: selectors only).

Why one row per measure: a measure under two big things is one measure with one verdict; the
old overview listed it under each and so counted it twice. Its big things are listed in its row.

The target shown is the one the headline verdict was judged against (the trajectory's, else the
progress assessment's ``numbers["target_year"]``), so "on course for the 2030 target" never sits
beside the 2040 target; a measure with neither verdict shows its horizon target.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from onefuture.framework.models import BigThing, CrossCuttingAmbition
from onefuture.framework.selectors import ambition_list, big_thing_list
from onefuture.measures import honesty, selectors
from onefuture.measures.models import Assessment, AssessmentKind, Measure
from onefuture.measures.pages.basics import SummaryRow, Value, _targets
from onefuture.measures.pages.summaries import _summary_rows
from onefuture.places.models import Place

#: How each sort orders the rows (the first is the default: the framework's own order).
SORTS = {
    "order": "Framework order",
    "title": "Measure name (A to Z)",
    "status": "Status (furthest from target first)",
}
#: Worst first, by the tag colour the vocabulary gives each status (measures/vocabulary.py).
_SEVERITY = {"red": 0, "orange": 1, "yellow": 2, "pink": 2, "blue": 3, "green": 4, "grey": 5}


@dataclass(frozen=True)
class ProgressFilters:
    """What the reader chose (``GET`` parameters), already checked against what exists."""

    big_thing: str = ""
    ambition: str = ""
    status: str = ""
    sort: str = "order"
    since: datetime.date | None = None

    def query(self) -> dict[str, str]:
        """The chosen values as ``GET`` parameters (for the CSV link and the sort links)."""
        found = {
            "big_thing": self.big_thing,
            "ambition": self.ambition,
            "status": self.status,
            "sort": self.sort if self.sort != "order" else "",
            "since": self.since.isoformat() if self.since else "",
        }
        return {k: v for k, v in found.items() if v}


@dataclass(frozen=True)
class ProgressRow:
    """One measure: its summary (values, statuses), its big things and ambitions, the target its
    headline verdict speaks of, and (with a date chosen) what changed since, in words."""

    summary: SummaryRow
    big_things: list[BigThing]
    ambitions: list[CrossCuttingAmbition]
    target: Value | None
    changes: list[str] = field(default_factory=list)

    @property
    def measure(self) -> Measure:
        return self.summary.measure

    @property
    def status(self):
        """The headline status: on course (trajectory) against the target path."""
        return self.summary.trajectory

    @property
    def illustrative(self) -> bool:
        """Anything in the row is illustrative (the one rule's flags, read from the row)."""
        s = self.summary
        return (
            s.illustrative
            or bool(s.latest and s.latest.illustrative)
            or bool(s.baseline and s.baseline.illustrative)
            or bool(self.target and self.target.illustrative)
            or any(x.illustrative for x in (s.trajectory, s.progress, s.trend, s.comparison))
        )


@dataclass(frozen=True)
class ProgressPage:
    rows: list[ProgressRow]
    #: (status words, css, count) of the rows shown, most common first.
    counts: list[tuple[str, str, int]]
    total: int
    filters: ProgressFilters
    errors: list[tuple[str, str]]
    big_things: list[BigThing]
    ambitions: list[CrossCuttingAmbition]
    statuses: list[str]


def _verdict_target(measure: Measure, assessments: Sequence[Assessment]) -> Value | None:
    """The target the headline verdict was judged against (see the module), else the last."""
    targets = _targets(measure)
    if not targets:
        return None
    stored = sorted(measure.targets.all(), key=lambda t: t.year)
    for kind in (AssessmentKind.TRAJECTORY, AssessmentKind.PROGRESS):
        found = next((a for a in assessments if a.kind == kind and a.breakdown == "none"), None)
        year = (found.numbers or {}).get("target_year") if found else None
        if year is None:
            continue
        for target, value in zip(stored, targets, strict=True):
            if abs(float(target.year) - float(year)) < 1e-6:
                return value
    return targets[-1]


def progress_filters(
    params: Mapping[str, str], *, place: Place
) -> tuple[ProgressFilters, list[tuple[str, str]]]:
    """The filters from ``GET`` parameters, and (field, message) for each value not understood
    (that filter is then left off, so the page still shows every row for it)."""
    errors: list[tuple[str, str]] = []
    big_things = {b.key for b in big_thing_list(place=place)}
    ambitions = {a.key for a in _ambitions(place)}

    def choice(name: str, allowed: set[str] | dict[str, str], what: str) -> str:
        value = (params.get(name) or "").strip()
        if value and value not in allowed:
            errors.append((name, f"There is no {what} ‘{value}’: choose one from the list."))
            return ""
        return value

    since = None
    raw = (params.get("since") or "").strip()
    if raw:
        try:
            since = datetime.date.fromisoformat(raw)
        except ValueError:
            errors.append(("since", f"‘{raw}’ is not a date: write it as 2025-04-01."))
    sort = choice("sort", SORTS, "sort order") or "order"
    filters = ProgressFilters(
        big_thing=choice("big_thing", big_things, place.terms["big_thing"]["singular"]),
        ambition=choice("ambition", ambitions, place.terms["cross_cutting_ambition"]["singular"]),
        status=(params.get("status") or "").strip(),
        sort=sort,
        since=since,
    )
    return filters, errors


def _ambitions(place: Place) -> list[CrossCuttingAmbition]:
    return list(ambition_list(place=place))


def progress_page(
    *, place: Place, filters: ProgressFilters, errors: Sequence[tuple[str, str]] = ()
) -> ProgressPage:
    """Every measure of the place once, filtered and sorted as ``filters`` say."""
    measures = list(selectors.measure_list(place=place))
    assessments = selectors.assessment_list(measures=measures)
    summaries = _summary_rows(measures, selectors.datapoint_latest(measures=measures), assessments)
    changes: dict[str, list[str]] = {}
    if filters.since is not None:
        for change in selectors.assessment_changes(
            place=place, since=filters.since, measures=measures
        ):
            changes.setdefault(change.measure_key, []).append(change.words)
    rows = [
        ProgressRow(
            summary=s,
            big_things=list(s.measure.big_things.all()),
            ambitions=list(s.measure.ambitions.all()),
            target=_verdict_target(s.measure, assessments.get(s.measure.id, [])),
            changes=changes.get(s.measure.key, []),
        )
        for s in summaries
    ]
    statuses = sorted({r.status.text for r in rows})
    if filters.big_thing:
        rows = [r for r in rows if any(b.key == filters.big_thing for b in r.big_things)]
    if filters.ambition:
        rows = [r for r in rows if any(a.key == filters.ambition for a in r.ambitions)]
    if filters.since is not None:
        rows = [r for r in rows if r.changes]
    before_status = rows
    if filters.status:
        rows = [r for r in rows if r.status.text == filters.status]
    if filters.sort == "title":
        rows.sort(key=lambda r: r.measure.title.lower())
    elif filters.sort == "status":
        rows.sort(key=lambda r: (_SEVERITY.get(r.status.colour, 9), r.status.text))
    css = {r.status.text: r.status.css for r in before_status}
    counted = Counter(r.status.text for r in before_status)
    return ProgressPage(
        rows=rows,
        counts=[(text, css[text], n) for text, n in counted.most_common()],
        total=len(before_status),
        filters=filters,
        errors=list(errors),
        big_things=list(big_thing_list(place=place)),
        ambitions=_ambitions(place),
        statuses=statuses,
    )


def _plain(value: Value | None) -> tuple[str, str]:
    if value is None or value.value is None:
        return "", ""
    return f"{value.value:.{value.decimals}f}", value.period


def progress_csv(page: ProgressPage) -> str:
    """The rows the page shows, in its order, as CSV (numbers unformatted; an ``illustrative``
    column, ``yes`` where anything in the row is illustrative, by the one rule's flags)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "measure",
            "title",
            "big things",
            "ambitions",
            "unit",
            "baseline",
            "baseline period",
            "latest",
            "latest period",
            "target",
            "target period",
            "on course",
            "progress",
            "recent trend",
            "compared with",
            "comparison",
            "changes",
            honesty.CSV_COLUMN,
        ]
    )
    for row in page.rows:
        s = row.summary
        writer.writerow(
            [
                row.measure.key,
                row.measure.title,
                "; ".join(b.title for b in row.big_things),
                "; ".join(a.title for a in row.ambitions),
                row.measure.unit,
                *_plain(s.baseline),
                *_plain(s.latest),
                *_plain(row.target),
                s.trajectory.text,
                s.progress.text,
                s.trend.text,
                s.benchmark,
                s.comparison.text,
                " ".join(row.changes),
                honesty.csv_flag(row.illustrative),
            ]
        )
    return out.getvalue()
