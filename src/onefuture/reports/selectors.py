"""Reads of the scrutiny recommendations tracker (ADR 0035).

The contract the scrutiny report (``reports.builders``) uses:

``report_meeting(place=, date=) -> MeetingInfo``
    the header words, the recommendations to the committee and the contact officer for a report
    to the meeting on ``date``; with no meeting recorded that day, the latest earlier meeting's
    words (else generic words: "Scrutiny Committee", the place's name). ``previous_date`` is the
    latest meeting of that committee before ``date``.
``tracker_rows(place=, before=) -> list[TrackerRow]``
    every recommendation made at a meeting before ``before``, oldest meeting first.
``tracker_section(numberer, place=, date=) -> Section``
    the report's tracker section (a numbered paragraph and a table).

The reports page's runs (ADR 0037): ``report_runs_recent``, ``report_run_get``,
``report_run_row`` (a run with its status words and its files, without their bytes) and
``report_file_get`` (a finished run's file, with its bytes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from onefuture.reports.document import ContactOfficer, Numberer, Section, Table, section_build
from onefuture.reports.models import (
    CommitteeMeeting,
    ReportFile,
    ReportRun,
    RunStatus,
    ScrutinyRecommendation,
)
from onefuture.reports.vocabulary import run_status_words, status_words
from onefuture.routemaps.vocabulary import StatusWords

GENERIC_COMMITTEE = "Scrutiny Committee"
COLUMNS = ("Meeting", "No.", "Recommendation", "About", "Owner", "Due", "Status", "Response")


@dataclass(frozen=True)
class MeetingInfo:
    committee: str
    date: dt.date
    report_of: str
    title: str
    recommendations: tuple[str, ...]
    contact: ContactOfficer | None
    previous_date: dt.date | None
    illustrative: bool = False


@dataclass(frozen=True)
class TrackerRow:
    meeting_date: dt.date
    number: int
    text: str
    links: tuple[str, ...]
    owner: str
    due_date: dt.date | None
    status: str
    status_label: str
    status_colour: str
    response: str
    illustrative: bool = False
    pk: int = 0


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _contact(meeting: CommitteeMeeting) -> ContactOfficer | None:
    if not meeting.contact_name:
        return None
    return ContactOfficer(
        name=meeting.contact_name,
        role=meeting.contact_role,
        email=meeting.contact_email,
        phone=meeting.contact_phone,
    )


def meeting_list(*, place: Any) -> list[CommitteeMeeting]:
    """The place's meetings, newest first, with how many recommendations each has."""
    from django.db.models import Count

    return list(
        CommitteeMeeting.objects.filter(place=place)
        .annotate(recommendation_count=Count("recommendations"))
        .order_by("-date", "committee")
    )


def meeting_get(*, place: Any, pk: int) -> CommitteeMeeting | None:
    return CommitteeMeeting.objects.filter(place=place, pk=pk).first()


def recommendation_get(*, meeting: CommitteeMeeting, pk: int) -> ScrutinyRecommendation | None:
    return (
        ScrutinyRecommendation.objects.filter(meeting=meeting, pk=pk)
        .select_related("owner_partner")
        .prefetch_related("big_things", "measures", "milestones")
        .first()
    )


def report_meeting(*, place: Any, date: dt.date) -> MeetingInfo:
    """The meeting a report dated ``date`` goes to (see the module's docstring)."""
    meetings = CommitteeMeeting.objects.filter(place=place)
    meeting = meetings.filter(date=date).order_by("committee").first()
    source = meeting or meetings.filter(date__lt=date).order_by("-date", "committee").first()
    if source is None:
        return MeetingInfo(
            committee=GENERIC_COMMITTEE,
            date=date,
            report_of=getattr(place, "name", "") or "",
            title=getattr(place, "name", "") or "",
            recommendations=(),
            contact=None,
            previous_date=None,
        )
    previous = (
        meetings.filter(committee=source.committee, date__lt=date)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    return MeetingInfo(
        committee=source.committee,
        date=date,
        report_of=source.report_of,
        title=source.report_title or getattr(place, "name", ""),
        recommendations=_lines(source.recommendations_text),
        contact=_contact(source),
        previous_date=previous,
        illustrative=source.illustrative,
    )


def _row(rec: ScrutinyRecommendation) -> TrackerRow:
    words = status_words(rec.status)
    links = tuple(
        [item.title for item in rec.big_things.all()]
        + [item.title for item in rec.measures.all()]
        + [item.title for item in rec.milestones.all()]
    )
    return TrackerRow(
        meeting_date=rec.meeting.date,
        number=rec.number,
        text=rec.text,
        links=links,
        owner=rec.owner,
        due_date=rec.due_date,
        status=rec.status,
        status_label=words.label,
        status_colour=words.colour,
        response=rec.response,
        illustrative=rec.illustrative or rec.meeting.illustrative,
        pk=rec.pk,
    )


def recommendation_row(*, recommendation: ScrutinyRecommendation) -> TrackerRow:
    """One recommendation as the tracker shows it."""
    return _row(recommendation)


def meeting_recommendations(*, meeting: CommitteeMeeting) -> list[TrackerRow]:
    return [_row(rec) for rec in _recommendations().filter(meeting=meeting)]


def _recommendations() -> Any:
    return (
        ScrutinyRecommendation.objects.select_related("meeting", "owner_partner")
        .prefetch_related("big_things", "measures", "milestones")
        .order_by("meeting__date", "number")
    )


def tracker_rows(*, place: Any, before: dt.date) -> list[TrackerRow]:
    """Every recommendation made at a meeting before ``before``, oldest meeting first."""
    recs = _recommendations().filter(meeting__place=place, meeting__date__lt=before)
    return [_row(rec) for rec in recs]


def _date_text(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "Not set"


def tracker_section(numberer: Numberer, *, place: Any, date: dt.date) -> Section:
    """The report's section on the committee's earlier recommendations and their responses."""
    rows = tracker_rows(place=place, before=date)
    if not rows:
        return section_build(
            numberer,
            "Scrutiny recommendations tracker",
            ["No recommendations from earlier meetings of the committee are recorded."],
        )
    done = sum(1 for row in rows if row.status == "done")
    illustrative = any(row.illustrative for row in rows)
    intro = (
        f"The committee made {len(rows)} recommendation{'s' if len(rows) != 1 else ''} at "
        f"earlier meetings; {done} {'is' if done == 1 else 'are'} done. The table gives each "
        "one's owner, due date, status and the response."
    )
    if illustrative:
        intro += " Some entries are an illustrative example."
    table = Table(
        caption="Recommendations from earlier meetings and their responses",
        columns=COLUMNS,
        rows=tuple(
            (
                _date_text(row.meeting_date),
                str(row.number),
                row.text + (" (illustrative example)" if row.illustrative else ""),
                "; ".join(row.links) or "—",
                row.owner or "—",
                _date_text(row.due_date),
                row.status_label,
                row.response or "No response recorded yet.",
            )
            for row in rows
        ),
    )
    return section_build(numberer, "Scrutiny recommendations tracker", [intro, table])


@dataclass(frozen=True)
class LinkChoices:
    """What a recommendation may be linked to and owned by: (key, title) pairs of the place."""

    big_things: tuple[tuple[str, str], ...]
    measures: tuple[tuple[str, str], ...]
    milestones: tuple[tuple[str, str], ...]
    partners: tuple[tuple[str, str], ...]


def link_choices(*, place: Any) -> LinkChoices:
    from onefuture.framework.models import BigThing
    from onefuture.measures.models import Measure
    from onefuture.partners.models import Partner
    from onefuture.routemaps.models import Milestone

    def pairs(queryset: Any, field: str) -> tuple[tuple[str, str], ...]:
        return tuple(queryset.filter(place=place).values_list("key", field))

    return LinkChoices(
        big_things=pairs(BigThing.objects.order_by("order", "key"), "title"),
        measures=pairs(Measure.objects.order_by("title"), "title"),
        milestones=pairs(Milestone.objects.order_by("due_date", "order"), "title"),
        partners=pairs(Partner.objects.order_by("name"), "name"),
    )


#: How many runs the reports page lists.
RECENT_RUNS = 20


@dataclass(frozen=True)
class RunFile:
    """A finished run's file as the page lists it (no bytes)."""

    format: str
    format_name: str
    name: str
    content_type: str
    size: int


@dataclass(frozen=True)
class RunRow:
    run: ReportRun
    title: str
    status: StatusWords
    format_names: str
    requested_by: str
    unfinished: bool
    files: tuple[RunFile, ...] = ()


def _kind_title(key: str) -> str:
    from onefuture.core.errors import ApplicationError
    from onefuture.reports.document import report_kind

    try:
        return report_kind(key).title
    except ApplicationError:  # a kind no longer registered: its key
        return key


def _run_row(run: ReportRun, files: tuple[RunFile, ...] = ()) -> RunRow:
    from onefuture.reports.generate import FORMAT_NAMES

    user = run.requested_by
    return RunRow(
        run=run,
        title=_kind_title(run.kind),
        status=run_status_words(run.status),
        format_names=", ".join(FORMAT_NAMES.get(f, f) for f in run.format_list),
        requested_by=(user.get_full_name() or user.get_username()) if user else "",
        unfinished=run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
        files=files,
    )


def report_runs_recent(*, place: Any, limit: int = RECENT_RUNS) -> list[RunRow]:
    """The place's latest runs, newest first."""
    runs = ReportRun.objects.filter(place=place).select_related("requested_by")
    return [_run_row(run) for run in runs.order_by("-created_at", "-id")[:limit]]


def report_run_get(*, place: Any, pk: int) -> ReportRun | None:
    return ReportRun.objects.filter(place=place, pk=pk).select_related("requested_by").first()


def report_run_row(*, run: ReportRun) -> RunRow:
    """The run with its status words and (when done) its files, without their bytes."""
    from onefuture.reports.generate import FORMAT_NAMES

    files: tuple[RunFile, ...] = ()
    if run.status == RunStatus.DONE:
        files = tuple(
            RunFile(
                format=f.format,
                format_name=FORMAT_NAMES.get(f.format, f.format),
                name=f.name,
                content_type=f.content_type,
                size=f.size,
            )
            for f in ReportFile.objects.filter(run=run).defer("data")
        )
    return _run_row(run, files)


def report_file_get(*, run: ReportRun, fmt: str) -> ReportFile | None:
    """A finished run's file in ``fmt``, with its bytes (None for an unfinished run)."""
    if run.status != RunStatus.DONE:
        return None
    return ReportFile.objects.filter(run=run, format=fmt).first()
