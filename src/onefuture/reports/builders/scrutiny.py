"""The scrutiny committee report: the council's report format (header block, numbered sections
and paragraphs 1, 1.1, 1.2) built from live data (ADR 0034).

The structure follows the council's "One Stockport One Future" scrutiny report (Stockport
Council, report to the Economy, Regeneration and Climate Change Scrutiny Committee): copied in
shape only, every word and number here comes from the place's own data. The builder reads no
model itself: it composes selectors and page builders of the framework, measures, routemaps,
engagement and reports apps.

Sections: 1 Introduction; 2 What has changed since the previous report; 3.. one per big thing
(measures with their latest values, assessments in words, a trend chart as a figure with alt
text and its table, the routemap's roll-up in words); then the engagement summary, the
recommendations tracker and the recommendations to the committee, and the contact officer.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from onefuture.framework.selectors import big_thing_list, vision_get
from onefuture.measures.pages.charts import measure_charts
from onefuture.measures.pages.summaries import big_thing_measures
from onefuture.measures.selectors import assessment_changes, measure_detail
from onefuture.reports.builders.delivery import (
    ambition_blocks,
    commitment_blocks,
    delivery_blocks,
    delivery_read,
    new_data_blocks,
)
from onefuture.reports.document import (
    BulletList,
    ContactOfficer,
    Document,
    HeaderBlock,
    Numberer,
    Recommendation,
    Recommendations,
    Section,
    Table,
    section_build,
)
from onefuture.routemaps.pages.changes import changes_page
from onefuture.routemaps.pages.panels import big_thing_routemap

#: The assessments listed for each measure, in this order.
_KINDS = (("progress", "Progress to target"), ("trend", "Trend"), ("comparison", "Comparison"))

ILLUSTRATIVE = " (illustrative)"

#: Threads drawing charts to PNG at once.
CHART_THREADS = 4


def _mark(text: str, illustrative: bool) -> str:
    return text + ILLUSTRATIVE if illustrative else text


def _date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _since(place: Any, date: dt.date, since: dt.date | None, meeting: Any) -> dt.date:
    if since is not None:
        return since
    if meeting is not None and meeting.previous_date is not None:
        return meeting.previous_date
    try:
        return date.replace(year=date.year - 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year - 1, day=28)


def _meeting(place: Any, date: dt.date) -> Any:
    from onefuture.reports.selectors import report_meeting

    return report_meeting(place=place, date=date)


def _introduction(numberer: Numberer, place: Any, big_things: list) -> Section:
    vision = vision_get(place=place)
    paragraphs: list[Any] = []
    if vision is not None:
        paragraphs.append(
            _mark(
                f"The vision, {vision.title}, to {vision.horizon_year}: {vision.statement}",
                bool(vision.illustrative),
            )
        )
    paragraphs.append(
        f"The plan has {len(big_things)} big things. This report gives, for each, its measures "
        "with their latest values and assessments, and the status of its routemap."
    )
    paragraphs.append(
        BulletList(items=tuple(_mark(b.title, bool(b.illustrative)) for b in big_things))
    )
    paragraphs += ambition_blocks(place=place)
    return section_build(numberer, "Introduction", paragraphs)


def _changes(
    numberer: Numberer, place: Any, date: dt.date, since: dt.date, extra: list[Any] | None = None
) -> Section:
    blocks: list[Any] = [
        f"This section lists what changed between {_date(since)} and {_date(date)}."
    ]
    changes = [c for c in assessment_changes(place=place, since=since) if c.when.date() <= date]
    if changes:
        blocks.append(
            f"{len(changes)} assessment{'s' if len(changes) != 1 else ''} of measures changed:"
        )
        blocks.append(
            BulletList(items=tuple(_mark(c.words, bool(c.illustrative)) for c in changes))
        )
    else:
        blocks.append("No assessment of a measure changed.")
    updates = [c for c in changes_page(place=place, since=since).changes if c.published_on <= date]
    if updates:
        blocks.append(
            f"{len(updates)} milestone update{'s were' if len(updates) != 1 else ' was'} published:"
        )
        blocks.append(
            BulletList(items=tuple(_mark(c.sentence, bool(c.illustrative)) for c in updates))
        )
    else:
        blocks.append("No milestone update was published.")
    blocks += extra or []  # milestones completed, overdue and due (builders/delivery.py)
    return section_build(numberer, "What has changed since the previous report", blocks)


def _status_text(row: Any, kind: str) -> str:
    status = getattr(row, kind, None)
    return status.text if status is not None else "Not assessed"


def _big_thing(place: Any, big_thing: Any, date: dt.date, pool: Any) -> list[Any]:
    """The blocks of a big thing's section; its charts are drawn in ``pool`` (futures)."""
    from onefuture.reports.images import chart_figure

    blocks: list[Any] = []
    if big_thing.summary:
        blocks.append(_mark(big_thing.summary, bool(big_thing.summary_illustrative)))
    rows = big_thing_measures(place=place, big_thing=big_thing).rows
    if rows:
        blocks.append(
            Table(
                caption=f"{big_thing.title}: measures, latest values and assessments",
                columns=("Measure", "Latest value", "Period", *(label for _, label in _KINDS)),
                rows=tuple(
                    (
                        _mark(r.measure.title, bool(r.illustrative)),
                        r.latest.text if r.latest else "No data yet",
                        r.latest.period if r.latest else "",
                        *(_status_text(r, kind) for kind, _ in _KINDS),
                    )
                    for r in rows
                ),
            )
        )
        for r in rows:
            if r.latest is None:
                continue
            words = "; ".join(f"{label.lower()}: {_status_text(r, kind)}" for kind, label in _KINDS)
            blocks.append(
                _mark(
                    f"{r.measure.title} was {r.latest.text} in {r.latest.period} ({words}).",
                    bool(r.illustrative),
                )
            )
            found = measure_charts(
                measure=measure_detail(place=place, key=r.measure.key), only="trend"
            )
            if found:
                blocks.append(pool.submit(chart_figure, found[0], scale=1.5))
    else:
        blocks.append("No measures are recorded for this big thing yet.")
    routemap = big_thing_routemap(big_thing=big_thing, today=date)
    if routemap is not None:
        blocks.append(f"Routemap: {routemap.rollup.overall}")
        blocks.append(f"How the routemap's status is worked out: {routemap.rollup.rule}")
        if routemap.next_due:
            blocks.append(
                BulletList(
                    items=tuple(
                        _mark(
                            f"{m.title}: due {_date(m.due_date)}, {m.words.label.lower()}",
                            bool(m.illustrative),
                        )
                        for m in routemap.next_due
                    )
                )
            )
    return blocks


def _engagement(numberer: Numberer, place: Any) -> Section:
    from onefuture.engagement.selectors.report import engagement_report

    report = engagement_report(place=place)
    c = report.coverage
    blocks: list[Any] = [
        f"We heard {c.comments.words} comments from {c.people.words} people at {c.events} "
        "events and online."
    ]
    gaps = getattr(c, "gaps", ())
    if gaps:
        blocks.append("Who we have not yet heard from enough:")
        blocks.append(BulletList(items=tuple(gaps)))
    if report.themes:
        blocks.append(
            Table(
                caption="What people told us: the confirmed themes and our responses",
                columns=("Theme", "Comments", "Response"),
                rows=tuple(
                    (
                        _mark(t.name, bool(t.illustrative)),
                        t.comments.words,
                        (t.response.summary + f" ({t.response.status_label})")
                        if t.response
                        else "No response yet",
                    )
                    for t in report.themes
                ),
            )
        )
    else:
        blocks.append("No themes have been confirmed yet.")
    if report.illustrative:
        blocks.append("Some of the engagement data in this section are illustrative.")
    return section_build(numberer, "Engagement summary", blocks)


def _tracker(numberer: Numberer, place: Any, date: dt.date) -> Section:
    from onefuture.reports.selectors import tracker_section

    return tracker_section(numberer, place=place, date=date)


def _recommendations(numberer: Numberer, meeting: Any) -> Section:
    texts = tuple(meeting.recommendations) or (
        "The committee is asked to note the progress set out in this report and to comment on it.",
    )
    number = numberer.next_section()
    items = tuple(Recommendation(f"{number}.{i}", t) for i, t in enumerate(texts, start=1))
    return Section(number=number, title="Recommendations", blocks=(Recommendations(items),))


class _OncePerChart:
    """A pool that draws each chart once: a measure in two big things reuses its figure."""

    def __init__(self, pool: Executor) -> None:
        self.pool = pool
        self.drawn: dict[tuple, Future] = {}

    def submit(self, fn: Any, chart: Any, **kwargs: Any) -> Future:
        key = (chart.slug, chart.title, chart.alt, repr(kwargs))
        if key not in self.drawn:
            self.drawn[key] = self.pool.submit(fn, chart, **kwargs)
        return self.drawn[key]


def scrutiny_build(
    *, place: Any, date: dt.date | None = None, since: dt.date | None = None
) -> Document:
    """The scrutiny report of ``place`` to the meeting on ``date`` (today by default), saying
    what changed since ``since`` (the committee's previous meeting by default, else a year)."""
    date = date or dt.date.today()
    meeting = _meeting(place, date)
    since = _since(place, date, since, meeting)
    big_things = list(big_thing_list(place=place))
    numberer = Numberer()
    delivery = delivery_read(place=place, date=date, since=since)
    sections = [
        _introduction(numberer, place, big_things),
        _changes(
            numberer,
            place,
            date,
            since,
            new_data_blocks(place=place, date=date, since=since)
            + delivery_blocks(delivery, date=date, since=since),
        ),
    ]
    # The charts are drawn to PNG by vl-convert, which releases the GIL: drawing them in a few
    # threads while the next big thing's data are read roughly halves the build (ADR 0034).
    with ThreadPoolExecutor(max_workers=CHART_THREADS) as threads:
        pool = _OncePerChart(threads)
        pending = [(b, _big_thing(place, b, date, pool)) for b in big_things]
        resolved = [
            (b, [blk.result() if isinstance(blk, Future) else blk for blk in blocks])
            for b, blocks in pending
        ]
    for b, blocks in resolved:
        blocks += commitment_blocks(delivery, big_thing=b)
        sections.append(section_build(numberer, _mark(b.title, bool(b.illustrative)), blocks))
    sections += [
        _engagement(numberer, place),
        _tracker(numberer, place, date),
        _recommendations(numberer, meeting),
    ]
    contact = meeting.contact if meeting.contact is not None else None
    if contact is not None:
        sections.append(
            Section(number=numberer.next_section(), title="Contact officer", blocks=(contact,))
        )
    header = HeaderBlock(
        report_to=meeting.committee,
        date=date,
        report_of=meeting.report_of,
        title=meeting.title,
        place_name=getattr(place, "name", ""),
        illustrative=bool(getattr(meeting, "illustrative", False)),
    )
    return Document(title=meeting.title, header=header, sections=tuple(sections))


__all__ = ["ContactOfficer", "scrutiny_build"]


def register() -> None:
    """The "scrutiny" report kind (called from ``ReportsConfig.ready()``)."""
    from onefuture.reports.document import ReportKind, report_register

    report_register(
        ReportKind(
            key="scrutiny",
            title="Scrutiny committee report",
            build=scrutiny_build,
            formats=("docx", "pdf"),
            description="The council-format report to the scrutiny committee from live "
            "data: what changed, each big thing's measures and routemap, engagement, "
            "the recommendations tracker.",
        )
    )
