"""The audit trail: every change to the routemaps' plan and records, who made it, when, and what
each field was before and after (``simple_history``'s rows, diffed with ``diff_against``).

Tracked: horizons, routemaps, milestones, delivery plans, updates, reporting periods,
commitments and comments (each model keeps ``history``, its many-to-many fields included).
*Who* is the signed-in person for a change made on a page (``HistoryRequestMiddleware``) or by
a service given the user (the action objects stamp it); a row with no person is the framework
file's (its change reason says which file was loaded) or the system's.

``audit_list(place=, user=, kind=, object_id=, who=, since=, limit=)``
    The changes, newest first. Officers, administrators and scrutiny members read every change;
    a partner editor reads only the history of one of its own organisation's items (asked with
    ``kind`` and ``object_id``), never the whole list; nobody else reads any (ADR 0025).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models

from onefuture.core.errors import NotFound
from onefuture.core.permissions import permission_check
from onefuture.routemaps.actions.commitments import AUDIT_READ
from onefuture.routemaps.models import (
    Comment,
    Commitment,
    DeliveryPlan,
    Horizon,
    Milestone,
    ReportingPeriod,
    Routemap,
    Update,
)


@dataclass(frozen=True)
class Tracked:
    """One model whose history the audit reads: its URL kind, label and route to the place."""

    kind: str
    model: type[models.Model]
    label: str
    place_lookup: str = "place"


TRACKED: dict[str, Tracked] = {
    t.kind: t
    for t in (
        Tracked("horizon", Horizon, "Horizon"),
        Tracked("routemap", Routemap, "Routemap"),
        Tracked("milestone", Milestone, "Milestone"),
        Tracked("delivery-plan", DeliveryPlan, "Delivery plan"),
        Tracked("update", Update, "Update"),
        Tracked("period", ReportingPeriod, "Reporting period"),
        Tracked("commitment", Commitment, "Commitment"),
        Tracked("comment", Comment, "Comment", place_lookup="update__place"),
    )
}

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
#: Fields never listed as changes (bookkeeping, not content).
SKIPPED = frozenset({"id", "place", "created_at"})
EMPTY = "(empty)"


@dataclass(frozen=True)
class AuditChange:
    """One field's change: its label, and the value before and after, in words."""

    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change to one item."""

    kind: str
    kind_label: str
    object_id: int
    object_label: str
    when: dt.datetime
    who: str
    why: str
    action: str
    changes: tuple[AuditChange, ...]


def _person(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _who(record: Any) -> str:
    if record.history_user is not None:
        return _person(record.history_user)
    reason = record.history_change_reason or ""
    if reason.startswith("loaded from"):
        return "framework file"
    return "the system"


def _value(field: models.Field | None, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return value.strftime("%-d %B %Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, list):  # the rows of a many-to-many field
        return "; ".join(value) if value else EMPTY
    if hasattr(value, "get_username"):
        return _person(value)
    return str(value)


def _m2m_values(field: models.ManyToManyField, rows: list[dict[str, Any]]) -> list[str]:
    target = field.m2m_reverse_field_name()
    return sorted(str(row.get(target)) for row in rows)


def _label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field the model no longer has
        return name.replace("_", " ").capitalize()
    return str(getattr(field, "verbose_name", name)).capitalize()


def _field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _changes(model: type[models.Model], record: Any, previous: Any) -> tuple[AuditChange, ...]:
    if previous is None:
        # Created (or the first row we have): every field with a value, before empty.
        changes = []
        for field in model._meta.concrete_fields:
            if field.name in SKIPPED:
                continue
            value = getattr(record, field.attname, None)
            if field.is_relation and value is not None:
                with contextlib.suppress(ObjectDoesNotExist):  # gone: its id will do
                    value = getattr(record, field.name)
            if value in (None, "", False):
                continue
            changes.append(
                AuditChange(field.name, _label(model, field.name), EMPTY, _value(field, value))
            )
        return tuple(changes)
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    out = []
    for change in delta.changes:
        if change.field in SKIPPED:
            continue
        field = _field(model, change.field)
        before, after = change.old, change.new
        if isinstance(field, models.ManyToManyField):
            before, after = _m2m_values(field, before or []), _m2m_values(field, after or [])
        out.append(
            AuditChange(
                change.field,
                _label(model, change.field),
                _value(field, before),
                _value(field, after),
            )
        )
    return tuple(sorted(out, key=lambda c: c.label))


def _live_object(tracked: Tracked, place: Any, object_id: int) -> Any:
    lookup = {tracked.place_lookup: place, "pk": object_id}
    return tracked.model._default_manager.filter(**lookup).first()


def audit_list(
    *,
    place: Any,
    user: Any,
    kind: str | None = None,
    object_id: int | None = None,
    who: str | None = None,
    since: dt.date | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """The recorded changes in ``place`` that ``user`` may read, newest first (see the module).

    ``kind`` limits them to one kind of item (a key of :data:`TRACKED`), ``object_id`` to one
    item of it, ``who`` to one person's (username), ``since`` to changes on or after a day.
    Raises ``NotFound`` for an unknown kind, ``PermissionDenied`` for anyone who may not read.
    """
    if kind is not None and kind not in TRACKED:
        raise NotFound(f"There is no kind of item '{kind}' in the audit trail.")
    if kind is not None and object_id is not None:
        obj = _live_object(TRACKED[kind], place, object_id)
        permission_check(user=user, action=AUDIT_READ, place=place, obj=obj)
        if obj is None and not _history_exists(TRACKED[kind], place, object_id):
            raise NotFound(f"There is no {TRACKED[kind].label.lower()} {object_id} in {place}.")
    else:
        permission_check(user=user, action=AUDIT_READ, place=place)
    kinds = [TRACKED[kind]] if kind is not None else list(TRACKED.values())
    rows: list[tuple[Tracked, Any]] = []
    for tracked in kinds:
        history = tracked.model.history.filter(**{tracked.place_lookup: place})
        if object_id is not None:
            history = history.filter(id=object_id)
        if who:
            history = history.filter(history_user__username=who)
        if since is not None:
            history = history.filter(history_date__date__gte=since)
        history = history.select_related("history_user").order_by("-history_date", "-history_id")
        rows.extend((tracked, record) for record in history[:limit])
    rows.sort(key=lambda pair: (pair[1].history_date, pair[1].history_id), reverse=True)
    entries = []
    for tracked, record in rows[:limit]:
        previous = record.prev_record if record.history_type != "+" else None
        entries.append(
            AuditEntry(
                kind=tracked.kind,
                kind_label=tracked.label,
                object_id=record.id,
                object_label=_object_label(record),
                when=record.history_date,
                who=_who(record),
                why=record.history_change_reason or "",
                action=ACTIONS.get(record.history_type, record.history_type),
                changes=_changes(tracked.model, record, previous)
                if record.history_type != "-"
                else (),
            )
        )
    return entries


def _history_exists(tracked: Tracked, place: Any, object_id: int) -> bool:
    return tracked.model.history.filter(**{tracked.place_lookup: place, "id": object_id}).exists()


def _object_label(record: Any) -> str:
    try:
        return str(record.instance)
    except ObjectDoesNotExist:  # a row whose related rows are gone
        return f"{record.instance_type._meta.verbose_name} {record.id}"


def audit_people(*, place: Any, user: Any) -> list[str]:
    """The usernames that appear in the place's audit trail (for the filter's choices)."""
    permission_check(user=user, action=AUDIT_READ, place=place)
    names: set[str] = set()
    for tracked in TRACKED.values():
        names.update(
            tracked.model.history.filter(
                **{tracked.place_lookup: place, "history_user__isnull": False}
            )
            .values_list("history_user__username", flat=True)
            .distinct()
        )
    return sorted(names)
