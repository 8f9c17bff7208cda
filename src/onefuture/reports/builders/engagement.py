"""The engagement report: who we heard from, who we have not, what people told us and what the
council is doing about it, as a :class:`~onefuture.reports.document.Document` (Word and PDF).

Built from :func:`onefuture.engagement.selectors.report.engagement_report` only (public things:
counts, confirmed themes, redacted quotes through ``comments_public``, published responses) and
the coverage page's chart; it reads no model itself. Counts under the place's suppression
threshold are shown as "fewer than N" (the selectors' own words), a quote never sits beside a
group's or ward's count, and a comment's original text is never in it.

Sections: 1 Summary; 2 Who we heard from (reach: events, comments, people, people at events);
3 Coverage and its gaps (tables by group, ward and age band, the gaps in words, the chart as a
figure with its table); 4 What people told us (each confirmed theme: its count, its counts by
group, then its quotes); 5 What we are doing (each published response and the milestones and
measures that deliver it); 6 Sources and attribution (whose words the illustrative comments
are, under which licence).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from onefuture.charts import Bar, Chart, breakdown_chart
from onefuture.engagement.pages.coverage import coverage_page
from onefuture.engagement.selectors.coverage import Coverage, CoverageRow
from onefuture.engagement.selectors.report import EngagementReport, engagement_report
from onefuture.reports.document import (
    BulletList,
    Document,
    Figure,
    HeaderBlock,
    Numberer,
    Section,
    Table,
    section_build,
)
from onefuture.reports.images import chart_figure

ILLUSTRATIVE = " (illustrative)"


def _mark(text: str, illustrative: bool) -> str:
    return text + ILLUSTRATIVE if illustrative else text


def _date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _summary(numberer: Numberer, report: EngagementReport) -> Section:
    c = report.coverage
    themes = report.themes
    blocks: list[Any] = [
        f"This report sets out what people in {report.place_name} have told us: "
        f"{c.comments.words} comments from {c.people.words} people, gathered at {c.events} "
        "events and online.",
        f"{len(themes)} themes have been confirmed from what people said, and "
        f"{len(report.responses)} of them have a published response.",
        f"To protect people's privacy, a count from 1 to {c.suppress_below - 1} is shown as "
        f"\u201cfewer than {c.suppress_below}\u201d, and quotes are shown only with the words "
        "that identify a person removed, and only where the person agreed.",
    ]
    if report.illustrative:
        blocks.append(
            "Illustrative: some of the data in this report are illustrative and do not "
            "describe real engagement."
        )
    return section_build(numberer, "Summary", blocks)


def _reach(numberer: Numberer, cover: Coverage) -> Section:
    rows = (
        ("Engagement events", f"{cover.events:,}"),
        ("Comments", cover.comments.words),
        ("People who commented", cover.people.words),
        ("People at events", f"{cover.people_at_events:,}"),
    )
    blocks: list[Any] = [
        f"We held {cover.events} engagement events. {cover.people_at_events:,} people came to "
        f"the {cover.events_counted} events whose head count was recorded.",
        f"We received {cover.comments.words} comments from {cover.people.words} people. People "
        "at events and people who commented overlap, so the two figures are never added "
        "together.",
        Table(caption="Reach", columns=("What", "Number"), rows=rows),
    ]
    return section_build(numberer, "Who we heard from", blocks)


def _coverage_table(caption: str, name: str, rows: tuple[CoverageRow, ...]) -> Table:
    return Table(
        caption=caption,
        columns=(name, "Comments", "People who commented", "Population", "Per 1,000 residents"),
        rows=tuple(
            (
                r.name,
                r.comments.words,
                r.people.words,
                f"{r.population:,}" if r.population is not None else "not known",
                r.per_1000_words,
            )
            for r in rows
        ),
    )


def _group_chart(report: EngagementReport) -> Chart | None:
    """People who commented by stakeholder group (a suppressed count has no bar)."""
    cover = report.coverage
    bars = [Bar(r.name, r.people.value) for r in cover.by_group]
    if not bars:
        return None
    chart = breakdown_chart(
        title=f"People who commented by stakeholder group, {report.place_name}",
        unit="people",
        categories=bars,
        category_name="Stakeholder group",
        decimals=0,
        illustrative=report.illustrative,
        slug="groups",
    )
    shown = [f"{r.name} {r.people.words}" for r in cover.by_group]
    alt = (
        f"Bar chart: people who commented by stakeholder group, {len(bars)} groups: "
        + "; ".join(shown)
        + ". The table below gives the numbers."
    )
    return dataclasses.replace(chart, alt=_mark(alt, report.illustrative))


def _figures(place: Any, report: EngagementReport) -> list[Figure]:
    figures = []
    page = coverage_page(place=place)
    for chart in page.charts:  # the coverage page's ward map, when the wards are mapped
        figures.append(chart_figure(chart))
    chart = _group_chart(report)
    if chart is not None:
        figure = chart_figure(chart)
        # The table shows the counts in words, as the rest of the report (no confidence limits).
        table = Table(
            caption=f"{chart.title}: the numbers",
            columns=("Stakeholder group", "People who commented"),
            rows=tuple((r.name, r.people.words) for r in report.coverage.by_group),
        )
        figures.append(dataclasses.replace(figure, table=table))
    return figures


def _coverage(numberer: Numberer, place: Any, report: EngagementReport) -> Section:
    cover = report.coverage
    blocks: list[Any] = []
    if cover.gaps:
        blocks.append("We have not yet heard from everyone. The gaps:")
        blocks.append(BulletList(items=cover.gaps))
    else:
        blocks.append("Every stakeholder group, ward and age band has commented.")
    suppressed = [
        r.name for r in (*cover.by_group, *cover.by_ward, *cover.by_age_band) if r.people.suppressed
    ]
    if suppressed:
        blocks.append(
            f"We heard from fewer than {cover.suppress_below} people in: "
            + ", ".join(suppressed)
            + "."
        )
    if cover.population_sources:
        blocks.append("Population figures: " + "; ".join(cover.population_sources) + ".")
    for caption, name, rows in (
        ("Coverage by stakeholder group", "Stakeholder group", cover.by_group),
        ("Coverage by ward", "Ward", cover.by_ward),
        ("Coverage by age band", "Age band", cover.by_age_band),
    ):
        if rows:
            blocks.append(_coverage_table(caption, name, rows))
    blocks.extend(_figures(place, report))
    return section_build(numberer, "Coverage and its gaps", blocks)


def _themes(numberer: Numberer, report: EngagementReport) -> Section:
    if not report.themes:
        return section_build(numberer, "What people told us", ["No themes are confirmed yet."])
    blocks: list[Any] = [
        "The themes below were found in what people said and confirmed by an officer. Quotes "
        "are people's own words with anything that could identify them removed."
    ]
    for theme in report.themes:
        blocks.append(
            _mark(
                f"{theme.name}: {theme.comments.words} comments. {theme.description}".strip(),
                theme.illustrative,
            )
        )
        if theme.by_group:
            blocks.append(
                Table(
                    caption=f"{theme.name}: comments by stakeholder group",
                    columns=("Stakeholder group", "Comments"),
                    rows=tuple((g.group, g.comments.words) for g in theme.by_group),
                )
            )
        if theme.quotes:
            blocks.append(f"What people said about {theme.name.lower()}:")
            blocks.append(
                BulletList(
                    items=tuple(
                        _mark(
                            f"\u201c{q.text}\u201d" + (f" ({q.said_at})" if q.said_at else ""),
                            q.illustrative,
                        )
                        for q in theme.quotes
                    )
                )
            )
    return section_build(numberer, "What people told us", blocks)


def _responses(numberer: Numberer, report: EngagementReport) -> Section:
    answered = report.responses
    if not answered:
        return section_build(numberer, "What we are doing", ["No response is published yet."])
    blocks: list[Any] = [
        f"{len(answered)} of {len(report.themes)} confirmed themes have a published response."
    ]
    for theme in answered:
        r = theme.response
        assert r is not None
        decided = f", decided on {_date(r.decided_on)}" if r.decided_on else ""
        blocks.append(
            _mark(f"{theme.name}: {r.summary} ({r.status_label}{decided}.)", r.illustrative)
        )
        delivered = [
            _mark(
                f"Milestone: {m.title}, due {_date(m.due_date)} ({m.status_label})",
                m.illustrative,
            )
            for m in r.milestones
        ] + [
            _mark(
                f"Measure: {m.title}" + (f" ({'; '.join(m.assessments)})" if m.assessments else ""),
                m.illustrative,
            )
            for m in r.measures
        ]
        if delivered:
            blocks.append(f"What delivers the response to {theme.name.lower()}:")
            blocks.append(BulletList(items=tuple(delivered)))
    return section_build(numberer, "What we are doing", blocks)


def _attribution(numberer: Numberer, report: EngagementReport) -> Section | None:
    if not report.attributions:
        return None
    items = []
    for a in report.attributions:
        parts = [a.title]
        if a.source_name:
            parts.append(f"source: {a.source_name}")
        if a.source_url:
            parts.append(a.source_url)
        if a.licence:
            parts.append(f"licence: {a.licence}")
        if a.attribution:
            parts.append(a.attribution)
        items.append(_mark(", ".join(parts), a.illustrative))
    blocks: list[Any] = [
        "Some comments come from elsewhere and are used as illustrative text under their licence:",
        BulletList(items=tuple(items)),
    ]
    return section_build(numberer, "Sources and attribution", blocks)


def engagement_build(
    *, place: Any, date: dt.date | None = None, since: dt.date | None = None
) -> Document:
    """The engagement report of ``place`` dated ``date`` (today by default). ``since`` is
    accepted like every kind's builder; the report covers all the engagement so far."""
    date = date or dt.date.today()
    report = engagement_report(place=place)
    numberer = Numberer()
    sections = [
        _summary(numberer, report),
        _reach(numberer, report.coverage),
        _coverage(numberer, place, report),
        _themes(numberer, report),
        _responses(numberer, report),
    ]
    attribution = _attribution(numberer, report)
    if attribution is not None:
        sections.append(attribution)
    title = f"What people told us: engagement in {report.place_name}"
    header = HeaderBlock(
        report_to="Everyone who took part, and the council's committees",
        date=date,
        report_of="The engagement team",
        title=title,
        place_name=report.place_name,
        illustrative=report.illustrative,
    )
    return Document(title=title, header=header, sections=tuple(sections))


def register() -> None:
    """The "engagement" report kind (called from ``ReportsConfig.ready()``)."""
    from onefuture.reports.document import ReportKind, report_register

    report_register(
        ReportKind(
            key="engagement",
            title="Engagement report",
            build=engagement_build,
            formats=("docx", "pdf"),
            description="Who we heard from and who not yet, the confirmed themes with redacted "
            "quotes, and the published responses with what delivers them (public data only).",
        )
    )
