"""Writes of the scrutiny recommendations tracker (ADR 0035).

Every service is keyword-only, checks ``reports.tracker.edit`` first, runs in one transaction and
raises :class:`~onefuture.core.errors.ApplicationError` naming the field for what a person can
fix. Links to framework items are given as keys of the meeting's place (big things, measures,
milestones); a key of another place or of nothing is an error on that field.

The reports page's runs (ADR 0037): :func:`report_run_start` checks ``reports.generate`` and the
choices (each error on its field), records a queued :class:`ReportRun` and queues it for the
worker (``reports.tasks``), which calls :func:`report_run_execute`: ``report_generate`` with a
:class:`RunProgress` writer, then the files and "done" in one transaction. A report that cannot
be made fails the run with why, in words (:func:`report_run_fail`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.core.permissions import permission_check
from onefuture.framework.models import BigThing
from onefuture.measures.models import Measure
from onefuture.partners.models import Partner
from onefuture.reports.models import (
    CommitteeMeeting,
    RecommendationStatus,
    ReportFile,
    ReportRun,
    RunStatus,
    ScrutinyRecommendation,
)
from onefuture.reports.permissions import REPORTS_GENERATE, TRACKER_EDIT
from onefuture.routemaps.models import Milestone

_MEETING_FIELDS = (
    "committee",
    "report_of",
    "report_title",
    "recommendations_text",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
)


def _fail(message: str, field: str) -> ApplicationError:
    return ApplicationError(message, errors=[ErrorDetail(field=field, message=message)])


def _meeting_clean(
    *, place: Any, committee: str, date: dt.date | None, contact_email: str, exclude: int | None
) -> None:
    errors: list[ErrorDetail] = []
    if not committee.strip():
        errors.append(ErrorDetail(field="committee", message="Enter the committee's name"))
    if date is None:
        errors.append(ErrorDetail(field="date", message="Enter the date of the meeting"))
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            errors.append(
                ErrorDetail(
                    field="contact_email",
                    message="Enter the contact's e-mail address in the correct format, like "
                    "name@example.gov.uk",
                )
            )
    if not errors and date is not None:
        clash = CommitteeMeeting.objects.filter(place=place, committee=committee.strip(), date=date)
        if exclude is not None:
            clash = clash.exclude(pk=exclude)
        if clash.exists():
            errors.append(
                ErrorDetail(
                    field="date", message="A meeting of this committee on that date is recorded"
                )
            )
    if errors:
        raise ApplicationError(errors[0].message, errors=errors)


def meeting_create(
    *,
    user: Any,
    place: Any,
    committee: str,
    date: dt.date | None,
    report_of: str = "",
    report_title: str = "",
    recommendations_text: str = "",
    contact_name: str = "",
    contact_role: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    illustrative: bool = False,
) -> CommitteeMeeting:
    """Record a meeting of a scrutiny committee."""
    permission_check(user=user, action=TRACKER_EDIT, place=place)
    with transaction.atomic():
        _meeting_clean(
            place=place, committee=committee, date=date, contact_email=contact_email, exclude=None
        )
        return CommitteeMeeting.objects.create(
            place=place,
            committee=committee.strip(),
            date=date,
            report_of=report_of.strip(),
            report_title=report_title.strip(),
            recommendations_text=recommendations_text.strip(),
            contact_name=contact_name.strip(),
            contact_role=contact_role.strip(),
            contact_email=contact_email.strip(),
            contact_phone=contact_phone.strip(),
            illustrative=illustrative,
        )


def meeting_update(
    *, user: Any, meeting: CommitteeMeeting, date: dt.date | None = None, **changes: str
) -> CommitteeMeeting:
    """Change a meeting's words (any of the text fields, and its date)."""
    permission_check(user=user, action=TRACKER_EDIT, place=meeting.place)
    unknown = set(changes) - set(_MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update() got unknown fields {sorted(unknown)}")
    with transaction.atomic():
        values = {name: getattr(meeting, name) for name in _MEETING_FIELDS}
        values.update({name: (value or "").strip() for name, value in changes.items()})
        new_date = date or meeting.date
        _meeting_clean(
            place=meeting.place,
            committee=values["committee"],
            date=new_date,
            contact_email=values["contact_email"],
            exclude=meeting.pk,
        )
        for name, value in values.items():
            setattr(meeting, name, value)
        meeting.date = new_date
        meeting.save()
        return meeting


def _items(model: type, place: Any, keys: Iterable[str], field: str) -> list[Any]:
    keys = [key.strip() for key in keys if key and key.strip()]
    found = {item.key: item for item in model.objects.filter(place=place, key__in=keys)}
    missing = [key for key in keys if key not in found]
    if missing:
        raise _fail(f"No such item in this place: {', '.join(missing)}", field)
    return [found[key] for key in keys]


def _partner(place: Any, key: str) -> Partner | None:
    if not key:
        return None
    partner = Partner.objects.filter(place=place, key=key).first()
    if partner is None:
        raise _fail(f"No partner '{key}' in this place", "owner_partner")
    return partner


def _recommendation_clean(*, text: str, status: str, due_date: Any) -> None:
    if not text.strip():
        raise _fail("Enter the recommendation", "text")
    if status not in RecommendationStatus.values:
        raise _fail("Select a status", "status")
    if due_date is not None and not isinstance(due_date, dt.date):
        raise _fail("Enter a real due date", "due_date")


def _links_set(
    rec: ScrutinyRecommendation, place: Any, big_things: Any, measures: Any, milestones: Any
) -> None:
    if big_things is not None:
        rec.big_things.set(_items(BigThing, place, big_things, "big_things"))
    if measures is not None:
        rec.measures.set(_items(Measure, place, measures, "measures"))
    if milestones is not None:
        rec.milestones.set(_items(Milestone, place, milestones, "milestones"))


def recommendation_add(
    *,
    user: Any,
    meeting: CommitteeMeeting,
    text: str,
    big_things: Iterable[str] = (),
    measures: Iterable[str] = (),
    milestones: Iterable[str] = (),
    owner_text: str = "",
    owner_partner: str = "",
    due_date: dt.date | None = None,
    status: str = RecommendationStatus.OPEN,
    response: str = "",
    illustrative: bool = False,
) -> ScrutinyRecommendation:
    """Record a recommendation the committee made at ``meeting`` (numbered next in order)."""
    place = meeting.place
    permission_check(user=user, action=TRACKER_EDIT, place=place)
    _recommendation_clean(text=text, status=status, due_date=due_date)
    with transaction.atomic():
        last = (
            ScrutinyRecommendation.objects.filter(meeting=meeting)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        rec = ScrutinyRecommendation.objects.create(
            meeting=meeting,
            number=(last or 0) + 1,
            text=text.strip(),
            owner_text=owner_text.strip(),
            owner_partner=_partner(place, owner_partner.strip()),
            due_date=due_date,
            status=status,
            response=response.strip(),
            illustrative=illustrative,
        )
        _links_set(rec, place, list(big_things), list(measures), list(milestones))
        return rec


def recommendation_update(
    *,
    user: Any,
    recommendation: ScrutinyRecommendation,
    text: str | None = None,
    big_things: Iterable[str] | None = None,
    measures: Iterable[str] | None = None,
    milestones: Iterable[str] | None = None,
    owner_text: str | None = None,
    owner_partner: str | None = None,
    due_date: dt.date | None = None,
    clear_due_date: bool = False,
) -> ScrutinyRecommendation:
    """Change a recommendation's words, links, owner or due date (``None``: unchanged)."""
    rec = recommendation
    place = rec.meeting.place
    permission_check(user=user, action=TRACKER_EDIT, place=place)
    _recommendation_clean(
        text=rec.text if text is None else text, status=rec.status, due_date=due_date
    )
    with transaction.atomic():
        if text is not None:
            rec.text = text.strip()
        if owner_text is not None:
            rec.owner_text = owner_text.strip()
        if owner_partner is not None:
            rec.owner_partner = _partner(place, owner_partner.strip())
        if due_date is not None or clear_due_date:
            rec.due_date = due_date
        rec.save()
        _links_set(
            rec,
            place,
            None if big_things is None else list(big_things),
            None if measures is None else list(measures),
            None if milestones is None else list(milestones),
        )
        return rec


def recommendation_respond(
    *, user: Any, recommendation: ScrutinyRecommendation, status: str, response: str
) -> ScrutinyRecommendation:
    """Record the council's response and the recommendation's status.

    Done or not accepted needs a response saying what was done or why not.
    """
    rec = recommendation
    permission_check(user=user, action=TRACKER_EDIT, place=rec.meeting.place)
    if status not in RecommendationStatus.values:
        raise _fail("Select a status", "status")
    closing = status in (RecommendationStatus.DONE, RecommendationStatus.NOT_ACCEPTED)
    if closing and not response.strip():
        raise _fail("Enter the response: what was done, or why it was not accepted", "response")
    with transaction.atomic():
        rec.status = status
        rec.response = response.strip()
        rec.save(update_fields=["status", "response"])
        return rec


def meetings_example_load(*, place: Any, meetings: list[dict[str, Any]]) -> tuple[int, int]:
    """The operator's load of example meetings (the demo step; no person, so no permission).

    ``meetings`` is the parsed ``examples/<place>/reports/meetings.yaml``. A meeting already
    recorded (same committee and date) is left as it is, so the load is idempotent. Returns how
    many meetings and recommendations it recorded.
    """
    made = recs = 0
    with transaction.atomic():
        for entry in meetings:
            date = entry["date"]
            if CommitteeMeeting.objects.filter(
                place=place, committee=entry["committee"], date=date
            ).exists():
                continue
            contact = entry.get("contact") or {}
            meeting = CommitteeMeeting.objects.create(
                place=place,
                committee=entry["committee"],
                date=date,
                report_of=entry.get("report_of", ""),
                report_title=entry.get("report_title", ""),
                recommendations_text=(entry.get("recommendations") or "").strip(),
                contact_name=contact.get("name", ""),
                contact_role=contact.get("role", ""),
                contact_email=contact.get("email", ""),
                contact_phone=str(contact.get("phone", "")),
                illustrative=bool(entry.get("illustrative", False)),
            )
            made += 1
            for number, item in enumerate(entry.get("recommendations_made") or [], start=1):
                rec = ScrutinyRecommendation.objects.create(
                    meeting=meeting,
                    number=number,
                    text=item["text"],
                    owner_text=item.get("owner", ""),
                    due_date=item.get("due"),
                    status=item.get("status", RecommendationStatus.OPEN),
                    response=(item.get("response") or "").strip(),
                    illustrative=meeting.illustrative,
                )
                # Keys the example's framework lacks are skipped, not an error: the demo must
                # load whatever the framework file holds.
                for field, model in (
                    ("big_things", BigThing),
                    ("measures", Measure),
                    ("milestones", Milestone),
                ):
                    keys = item.get(field) or []
                    getattr(rec, field).set(model.objects.filter(place=place, key__in=keys))
                recs += 1
    return made, recs


#: The stage a queued run shows until a worker takes it.
WAITING = "Waiting for the background worker"


def report_run_check(
    *, kind: str, date: dt.date | None, since: dt.date | None, formats: Iterable[str] | str
) -> tuple[str, ...]:
    """The formats to make, or every problem with the choices, each on its field."""
    from onefuture.reports.document import report_kind
    from onefuture.reports.generate import FORMAT_NAMES, formats_parse

    errors: list[ErrorDetail] = []
    found = None
    if not kind:
        errors.append(ErrorDetail(field="kind", message="Choose a report"))
    else:
        try:
            found = report_kind(kind)
        except ApplicationError as error:
            errors.append(ErrorDetail(field="kind", message=f"Choose a report. {error.message}"))
    wanted: tuple[str, ...] = ()
    try:
        wanted = formats_parse(formats, field="formats")
    except ApplicationError:
        errors.append(ErrorDetail(field="formats", message="Choose at least one format"))
    if found is not None:
        refused = [FORMAT_NAMES[f] for f in wanted if f not in found.formats]
        if refused:
            made = " and ".join(FORMAT_NAMES[f] for f in found.formats)
            errors.append(
                ErrorDetail(
                    field="formats",
                    message=f"The {found.title.lower()} is not made as {', '.join(refused)}: "
                    f"choose {made}",
                )
            )
    if date is None:
        errors.append(ErrorDetail(field="date", message="Enter the report's date"))
    elif since is not None and since > date:
        errors.append(
            ErrorDetail(
                field="since",
                message=f"The date to report changes since ({since:%-d %B %Y}) must be on or "
                f"before the report's date ({date:%-d %B %Y})",
            )
        )
    if errors:
        raise ApplicationError(
            "There is a problem with the report asked for." if len(errors) > 1 else "",
            errors=errors,
        )
    return wanted


def report_run_start(
    *,
    user: Any,
    place: Any,
    kind: str,
    date: dt.date | None,
    since: dt.date | None = None,
    formats: Iterable[str] | str,
) -> ReportRun:
    """Queue the report ``kind`` of ``place`` for the background worker; the queued run."""
    permission_check(user=user, action=REPORTS_GENERATE, place=place)
    wanted = report_run_check(kind=kind, date=date, since=since, formats=formats)
    run = ReportRun.objects.create(
        place=place,
        kind=kind,
        date=date,
        since=since,
        formats=",".join(wanted),
        requested_by=user if getattr(user, "pk", None) else None,
        stage=WAITING,
    )
    from onefuture.reports.tasks import report_run_enqueue

    report_run_enqueue(run=run)
    run.refresh_from_db()
    return run


def report_run_fail(*, run_id: int, message: str) -> bool:
    """Fail an unfinished run with ``message``; False if it had already finished."""
    unfinished = ReportRun.objects.filter(
        id=run_id, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    )
    return bool(
        unfinished.update(status=RunStatus.FAILED, finished_at=timezone.now(), message=message)
    )


#: A run's progress is written when it has moved this many points, or ...
PROGRESS_MIN_STEP = 5
#: ... this many seconds after the last write, or at 100 (never on every tick).
PROGRESS_MIN_SECONDS = 2.0


class RunProgress:
    """The progress writer a run gives ``report_generate``: ``(done, stage)`` is written to the
    run on the first call, at 100, when ``done`` has moved :data:`PROGRESS_MIN_STEP` points since
    the last write or :data:`PROGRESS_MIN_SECONDS` have passed; other ticks are dropped."""

    def __init__(
        self,
        run_id: int,
        *,
        min_step: int = PROGRESS_MIN_STEP,
        min_seconds: float = PROGRESS_MIN_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.run_id = run_id
        self.min_step = min_step
        self.min_seconds = min_seconds
        self.clock = clock
        self.writes = 0
        self._done: int | None = None
        self._at = 0.0

    def __call__(self, done: int, stage: str) -> None:
        now = self.clock()
        due = (
            self._done is None
            or done >= 100
            or done - self._done >= self.min_step
            or now - self._at >= self.min_seconds
        )
        if not due:
            return
        ReportRun.objects.filter(id=self.run_id).update(progress=done, stage=stage[:200])
        self.writes += 1
        self._done, self._at = done, now


def report_run_execute(*, run: ReportRun) -> ReportRun:
    """Make the run's report (the job's body): progress as it goes, then the files and "done"
    together; a report that cannot be made fails the run saying why."""
    from onefuture.reports.generate import report_generate

    ReportRun.objects.filter(id=run.id).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), message="", stage="Starting"
    )
    try:
        files = report_generate(
            place=run.place,
            kind=run.kind,
            date=run.date,
            since=run.since,
            formats=run.format_list,
            progress=RunProgress(run.id),
        )
    except ApplicationError as error:
        details = [d.message for d in error.errors if d.message and d.message != error.message]
        message = " ".join([f"The report could not be made: {error.message}", *details])
        report_run_fail(run_id=run.id, message=message)
        run.refresh_from_db()
        return run
    with transaction.atomic():
        finished = ReportRun.objects.filter(id=run.id, status=RunStatus.RUNNING).update(
            status=RunStatus.DONE, progress=100, stage="Done", finished_at=timezone.now()
        )
        if finished:  # else it was failed meanwhile (its worker counted as gone): keep that
            ReportFile.objects.bulk_create(
                ReportFile(
                    run_id=run.id,
                    format=f.name.rsplit(".", 1)[-1],
                    name=f.name,
                    content_type=f.content_type,
                    size=len(f.data),
                    data=f.data,
                )
                for f in files
            )
    run.refresh_from_db()
    return run
