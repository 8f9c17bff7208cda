"""The writes of capture: events, comments entered, pasted, imported or sent through the form.

Every comment is redacted by the rules (:func:`onefuture.themes.redact`) as it is written:
``redacted_text`` and ``redaction_spans`` (start, end, kind; never the hidden words) are stored
beside the original, and the comment waits for a person to check it (state pending).

Every function but :func:`comment_submit_public` (the public form, which anyone may send)
checks ``engagement.capture`` first, and writes in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from onefuture import themes
from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.core.permissions import permission_check
from onefuture.engagement.models import (
    Comment,
    CommentImport,
    CommentSource,
    Event,
    EventKind,
    RedactionState,
    RunStatus,
)
from onefuture.engagement.permissions import CAPTURE

logger = logging.getLogger(__name__)

#: The longest comment accepted (characters); a longer one is refused with its length.
MAX_COMMENT = 10_000

EVENT_FIELDS = (
    "title",
    "kind",
    "date",
    "venue",
    "ward",
    "organiser",
    "people_count",
    "notes",
    "consultation",
    "illustrative",
)
EVENT_M2M = ("groups", "organisations", "big_things")


class CommentImportError(ApplicationError):
    """A file of comments with problems, each by row and column; nothing was written."""

    def __init__(self, errors: list[ErrorDetail], filename: str = "the file", record=None):
        super().__init__(
            f"{filename}: {len(errors)} problem(s) found; no comment was written.", errors=errors
        )
        #: The failed :class:`CommentImport`, recorded with its errors.
        self.record = record


def _spans(redaction: themes.Redaction) -> list[dict[str, Any]]:
    return [{"start": s.start, "end": s.end, "kind": s.kind} for s in redaction.spans]


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ApplicationError(
            "Enter the comment.", errors=[ErrorDetail(field="text", message="Enter the comment.")]
        )
    if len(text) > MAX_COMMENT:
        message = f"The comment is {len(text):,} characters; the most is {MAX_COMMENT:,}."
        raise ApplicationError(message, errors=[ErrorDetail(field="text", message=message)])
    return text


def _build(*, place, user, text, source, received_at=None, **fields) -> Comment:
    redaction = themes.redact(text)
    return Comment(
        place=place,
        text=text,
        source=source,
        redacted_text=redaction.text,
        redaction_spans=_spans(redaction),
        redaction_state=RedactionState.PENDING,
        received_at=received_at or timezone.now(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
        **fields,
    )


def _check_scope(*, place, event=None, consultation=None, group=None, ward=None) -> None:
    for what, obj in (
        ("event", event),
        ("consultation", consultation),
        ("group", group),
        ("ward", ward),
    ):
        if obj is not None and obj.place_id != place.pk:
            raise ApplicationError(f"That {what} belongs to another place.")


def comment_add(
    *,
    user: Any,
    place: Any,
    text: str,
    source: str = CommentSource.ENTERED,
    event: Event | None = None,
    consultation: Any = None,
    group: Any = None,
    ward: Any = None,
    age_band: str = "",
    demographics: dict | None = None,
    consent_publish: bool = False,
    respondent: str = "",
    big_things: Iterable[Any] = (),
    received_at: dt.datetime | None = None,
    illustrative: bool = False,
) -> Comment:
    """Record one comment (redacted by the rules, waiting for a person to check it)."""
    permission_check(user=user, action=CAPTURE, place=place)
    text = _check_text(text)
    _check_scope(place=place, event=event, consultation=consultation, group=group, ward=ward)
    if consultation is None and event is not None:
        consultation = event.consultation
    with transaction.atomic():
        comment = _build(
            place=place,
            user=user,
            text=text,
            source=source,
            received_at=received_at,
            event=event,
            consultation=consultation,
            group=group,
            ward=ward,
            age_band=age_band or "",
            demographics=demographics or {},
            consent_publish=consent_publish,
            respondent=respondent or "",
            illustrative=illustrative,
        )
        comment.save()
        if big_things:
            comment.big_things.set(list(big_things))
    return comment


def comments_add_many(
    *,
    user: Any,
    place: Any,
    rows: Sequence[dict[str, Any]],
    source: str = CommentSource.ENTERED,
    import_batch: CommentImport | None = None,
    check: bool = True,
) -> list[Comment]:
    """Record many comments at once: each row holds :func:`comment_add`'s keyword arguments
    (``text`` required). One transaction, bulk inserts; used by paste, import and the demo."""
    if check:
        permission_check(user=user, action=CAPTURE, place=place)
    built: list[tuple[Comment, list[Any]]] = []
    for number, row in enumerate(rows, start=1):
        row = dict(row)
        try:
            text = _check_text(row.pop("text", ""))
        except ApplicationError as problem:
            raise ApplicationError(f"Comment {number}: {problem.message}") from None
        big_things = list(row.pop("big_things", ()) or ())
        row.setdefault("demographics", {})
        row["demographics"] = row["demographics"] or {}
        row.setdefault("age_band", "")
        row["age_band"] = row["age_band"] or ""
        row["respondent"] = row.get("respondent") or ""
        row_source = row.pop("source", source)
        if row.get("consultation") is None and row.get("event") is not None:
            row["consultation"] = row["event"].consultation
        _check_scope(
            place=place,
            **{k: row.get(k) for k in ("event", "consultation", "group", "ward")},
        )
        comment = _build(
            place=place,
            user=user,
            text=text,
            source=row_source,
            import_batch=import_batch,
            **row,
        )
        built.append((comment, big_things))
    with transaction.atomic():
        created = Comment.objects.bulk_create([c for c, _ in built])
        if any(bts for _, bts in built):
            # bulk_create sets primary keys on SQLite 3.35+ and PostgreSQL.
            through = Comment.big_things.through
            through.objects.bulk_create(
                [
                    through(comment_id=c.pk, bigthing_id=bt.pk)
                    for c, bts in zip(created, (b for _, b in built), strict=True)
                    for bt in bts
                ]
            )
    return created


def split_pasted(text: str) -> list[str]:
    """Pasted comments: separated by blank lines if there are any, otherwise one per line."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return []
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(p.split()) if "\n" in p else p.strip() for p in parts if p.strip()]


def comments_paste(
    *,
    user: Any,
    place: Any,
    pasted: str,
    event: Event | None = None,
    group: Any = None,
    ward: Any = None,
    consent_publish: bool = False,
) -> list[Comment]:
    """Record each pasted comment with the same event, group, ward and consent."""
    permission_check(user=user, action=CAPTURE, place=place)
    texts = split_pasted(pasted)
    if not texts:
        message = "Paste at least one comment (one per line, or separated by blank lines)."
        raise ApplicationError(message, errors=[ErrorDetail(field="pasted", message=message)])
    return comments_add_many(
        user=user,
        place=place,
        rows=[
            {
                "text": t,
                "event": event,
                "group": group,
                "ward": ward,
                "consent_publish": consent_publish,
            }
            for t in texts
        ],
    )


def comment_submit_public(
    *,
    place: Any,
    text: str,
    big_thing: Any,
    consent_publish: bool = False,
    ward: Any = None,
    age_band: str = "",
    demographics: dict | None = None,
) -> Comment:
    """A comment sent through the public "have your say" form (anyone may: no permission).

    Source "form", the big thing attached, redaction pending: nothing of it is shown until an
    engagement officer has checked it, and then only with consent.
    """
    text = _check_text(text)
    _check_scope(place=place, ward=ward)
    if big_thing is not None and big_thing.place_id != place.pk:
        raise ApplicationError("That big thing belongs to another place.")
    with transaction.atomic():
        comment = _build(
            place=place,
            user=None,
            text=text,
            source=CommentSource.FORM,
            ward=ward,
            age_band=age_band or "",
            demographics=demographics or {},
            consent_publish=bool(consent_publish),
        )
        comment.save()
        if big_thing is not None:
            comment.big_things.add(big_thing)
    return comment


def event_save(*, user: Any, place: Any, event: Event | None = None, **fields: Any) -> Event:
    """Record a new event, or change ``event``: any of :data:`EVENT_FIELDS` and the many-to-many
    ``groups``, ``organisations`` and ``big_things`` (what is left out stays as it was)."""
    permission_check(user=user, action=CAPTURE, place=place, obj=event)
    unknown = sorted(set(fields) - set(EVENT_FIELDS) - set(EVENT_M2M))
    if unknown:
        raise ValueError(f"event_save() got unknown fields: {', '.join(unknown)}")
    if event is not None and event.place_id != place.pk:
        raise ApplicationError("That event belongs to another place.")
    errors = []
    values = {k: v for k, v in fields.items() if k in EVENT_FIELDS}
    title = values.get("title", event.title if event else "")
    if not (title or "").strip():
        errors.append(ErrorDetail(field="title", message="Enter the event's title."))
    if not values.get("date", event.date if event else None):
        errors.append(ErrorDetail(field="date", message="Enter the date of the event."))
    kind = values.get("kind", event.kind if event else "")
    if kind not in EventKind.values:
        words = ", ".join(label.lower() for label in EventKind.labels)
        errors.append(ErrorDetail(field="kind", message=f"Choose the kind of event ({words})."))
    count = values.get("people_count")
    if count is not None and count < 0:
        errors.append(ErrorDetail(field="people_count", message="Enter 0 or more people."))
    if errors:
        raise ApplicationError("The event was not saved.", errors=errors)
    for name in ("ward", "consultation"):
        if values.get(name) is not None and values[name].place_id != place.pk:
            raise ApplicationError(f"That {name} belongs to another place.")
    m2m = {k: list(v) for k, v in fields.items() if k in EVENT_M2M}
    for name, objs in m2m.items():
        if any(o.place_id != place.pk for o in objs):
            raise ApplicationError(f"One of the {name.replace('_', ' ')} belongs to another place.")
    for text_field in ("venue", "organiser", "notes"):
        if text_field in values:
            values[text_field] = (values[text_field] or "").strip()
    values["title"] = title.strip()
    with transaction.atomic():
        if event is None:
            event = Event(place=place, created_by=user if user else None)
        for name, value in values.items():
            setattr(event, name, value)
        event.full_clean(exclude=["created_by", "place"])
        event.save()
        for name, objs in m2m.items():
            getattr(event, name).set(objs)
    return event


def comments_import(
    *,
    user: Any,
    place: Any,
    source: bytes,
    filename: str,
    event: Event | None = None,
    consultation: Any = None,
) -> CommentImport:
    """Import a CSV or XLSX file of comments (see :mod:`onefuture.engagement.importers`): every
    row checked, then all written in one transaction, or none. The :class:`CommentImport`
    records the outcome either way; on any problem :class:`CommentImportError` is raised (its
    ``record`` the failed import, with every error by row and column)."""
    permission_check(user=user, action=CAPTURE, place=place)
    return comments_import_run(
        user=user,
        place=place,
        source=source,
        filename=filename,
        event=event,
        consultation=consultation,
    )


def comments_import_run(
    *,
    user: Any,
    place: Any,
    source: bytes,
    filename: str,
    event: Event | None = None,
    consultation: Any = None,
) -> CommentImport:
    """:func:`comments_import` without the person's right: the command line's (operator's)
    entry, where ``user`` may be None. Every other rule holds."""
    from onefuture.engagement.importers import comment_rows

    _check_scope(place=place, event=event, consultation=consultation)
    if consultation is None and event is not None:
        consultation = event.consultation
    record = CommentImport.objects.create(
        place=place,
        event=event,
        consultation=consultation,
        filename=(filename or "the file")[:300],
        status=RunStatus.RUNNING,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    try:
        rows, total = comment_rows(place=place, data=source, filename=filename)
    except CommentImportError as problem:
        _failed(record, problem)
        problem.record = record
        raise
    for row in rows:
        row.update(event=event, consultation=consultation)
    try:
        with transaction.atomic():
            created = comments_add_many(
                user=user,
                place=place,
                rows=rows,
                source=CommentSource.IMPORTED,
                import_batch=record,
                check=False,
            )
            record.status = RunStatus.SUCCEEDED
            record.rows_total = total
            record.rows_created = len(created)
            record.message = f"{len(created)} comment(s) imported from {record.filename}."
            record.finished_at = timezone.now()
            record.save()
    except ApplicationError as problem:
        failure = CommentImportError(
            [ErrorDetail(message=problem.message)], record.filename, record=record
        )
        _failed(record, failure)
        raise failure from None
    return record


def _failed(record: CommentImport, problem: ApplicationError) -> None:
    record.status = RunStatus.FAILED
    record.errors = [
        {"row": e.row, "column": e.column, "message": e.message} for e in problem.errors
    ]
    record.message = problem.message
    record.finished_at = timezone.now()
    record.save()
    logger.info("comment import %s failed: %s", record.pk, problem.message)


def engagement_config_load(
    *, ctx: Any, config: dict[str, Any], populations: Sequence[dict[str, Any]] = ()
) -> None:
    """Write the framework file's ``engagement:`` section (checked already) for ``ctx.place``:
    settings, stakeholder groups, consultations and population figures; what the file leaves
    out is deleted, except a consultation that holds comments or events (kept)."""
    from onefuture.engagement.models import (
        Consultation,
        EngagementSettings,
        PopulationFigure,
        StakeholderGroup,
    )
    from onefuture.places.models import Area

    place = ctx.place
    hys = config.get("have_your_say") or {}
    if config or EngagementSettings.objects.filter(place=place).exists():
        ctx.upsert(
            EngagementSettings,
            {"place": place},
            {
                "suppress_below": config.get("suppress_below", 5),
                "age_bands": config.get("age_bands") or [],
                "demographic_questions": config.get("demographic_questions") or [],
                "have_your_say_open": bool(hys.get("open", False)),
                "have_your_say_question": hys.get("question", ""),
                "populations_file": (config.get("populations") or {}).get("file", ""),
            },
        )
    keys = []
    for order, g in enumerate(config.get("stakeholder_groups") or []):
        keys.append(g["key"])
        ctx.upsert(
            StakeholderGroup,
            {"place": place, "key": g["key"]},
            {"name": g["name"], "description": g.get("description", ""), "order": order},
        )
    StakeholderGroup.objects.filter(place=place).exclude(key__in=keys).delete()
    keys = []
    for c in config.get("consultations") or []:
        keys.append(c["key"])
        values = {
            name: c.get(name, "")
            for name in (
                "title",
                "question",
                "description",
                "source_name",
                "source_url",
                "licence",
                "attribution",
            )
        }
        for name in ("opens_on", "closes_on"):
            values[name] = dt.date.fromisoformat(c[name]) if c.get(name) else None
        values["illustrative"] = bool(c.get("illustrative", False))
        ctx.upsert(Consultation, {"place": place, "key": c["key"]}, values)
    (
        Consultation.objects.filter(place=place, comments__isnull=True, events__isnull=True)
        .exclude(key__in=keys)
        .delete()
    )
    areas = {a.code: a for a in Area.objects.filter(place=place)}
    PopulationFigure.objects.filter(place=place).delete()
    PopulationFigure.objects.bulk_create(
        [
            PopulationFigure(
                place=place,
                area=areas[row["area_code"]],
                age_band=row["age_band"],
                population=row["population"],
                year=row["year"],
                source=row["source"],
                note=row["note"],
            )
            for row in populations
            if row["area_code"] in areas
        ]
    )
