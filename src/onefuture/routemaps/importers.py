"""Bulk updates from a spreadsheet (CSV or XLSX): for an officer who collects updates by e-mail.

One row per update, columns (the header row is row 1; case and spaces do not matter):

``milestone``     the milestone's key (or ``commitment``: a commitment's number) — one of them
``status``        not_started, on_track, at_risk, off_track, complete, dropped (or their words:
                  "Off track")
``narrative``     needed for at risk, off track and dropped
``evidence_url``  optional, a full web address
``period``        optional, a reporting period's key (default: the current period)
``title``         optional and ignored (the template fills it in so the sheet is readable)

Every row is checked through the same action as the workspace's form
(:class:`~onefuture.routemaps.actions.updates.SubmitUpdate`: the person's right object by
object, the narrative rule, locked periods), and every problem is reported by row and column;
if there is any, :class:`UpdatesImportError` is raised and nothing is written. Otherwise every
update is submitted (``origin="bulk"``) in one transaction and, with ``publish``, approved and
published at once (an officer's right).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from onefuture.core.errors import ApplicationError, ErrorDetail, PermissionDenied
from onefuture.routemaps.actions.updates import ApproveUpdate, SubmitUpdate
from onefuture.routemaps.models import MilestoneStatus, Update
from onefuture.routemaps.selectors import updates as selectors

COLUMNS = ("milestone", "commitment", "title", "status", "narrative", "evidence_url", "period")
_RAGGED = "__ragged__"
TEMPLATE_COLUMNS = ("milestone", "title", "status", "narrative", "evidence_url", "period")


class UpdatesImportError(ApplicationError):
    """A spreadsheet of updates with problems; every one by row and column. Nothing written."""

    def __init__(self, errors: list[ErrorDetail], filename: str = "the file") -> None:
        super().__init__(
            f"{filename}: {len(errors)} problem(s) found; no update was written.", errors=errors
        )


@dataclass
class UpdatesImportResult:
    """What an import did (or, for a dry run, would do)."""

    updates: list[Update] = field(default_factory=list)
    rows: int = 0
    published: bool = False
    dry_run: bool = False

    @property
    def message(self) -> str:
        verb = "would be" if self.dry_run else "were"
        what = "submitted and published" if self.published else "submitted for approval"
        return f"{self.rows} update(s) {verb} {what}."


def _header(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name or "").strip().lower())


def read_rows(source: str | Path | bytes, *, filename: str | None = None) -> list[dict[str, str]]:
    """The file's rows as dicts of text cells keyed by normalised header; file-level problems
    (empty, not UTF-8, damaged, unknown or missing columns) raise :class:`UpdatesImportError`."""
    if isinstance(source, (str, Path)):
        filename = filename or Path(source).name
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise UpdatesImportError(
                [ErrorDetail(row=1, message=f"cannot read the file: {error.strerror}.")]
            ) from None
    else:
        data = source
    filename = filename or "the file"
    if not data.strip():
        raise UpdatesImportError(
            [ErrorDetail(row=1, message="the file is empty: it needs a header row and rows.")],
            filename,
        )
    if filename.lower().endswith((".xlsx", ".xlsm")):
        table = _xlsx_table(data, filename)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UpdatesImportError(
                [ErrorDetail(row=1, message="the file is not UTF-8 text: save it as CSV UTF-8.")],
                filename,
            ) from None
        table = list(csv.reader(io.StringIO(text)))
    header = [_header(name) for name in table[0]]
    problems = [
        ErrorDetail(
            row=1,
            column=name,
            message=f"unknown column; the columns are {', '.join(COLUMNS)}.",
        )
        for name in header
        if name and name not in COLUMNS
    ]
    if "milestone" not in header and "commitment" not in header:
        problems.append(
            ErrorDetail(row=1, column="milestone", message="a 'milestone' column is needed.")
        )
    if "status" not in header:
        problems.append(ErrorDetail(row=1, column="status", message="a 'status' column is needed."))
    if problems:
        raise UpdatesImportError(problems, filename)
    rows = []
    for cells in table[1:]:
        if not any(str(c or "").strip() for c in cells):
            rows.append({})  # a blank row keeps the numbering; it is skipped
            continue
        padded = [*cells, *[""] * (len(header) - len(cells))]
        row = {name: str(padded[i] or "").strip() for i, name in enumerate(header) if name}
        extra = [c for c in padded[len(header) :] if str(c or "").strip()]
        if extra:
            row[_RAGGED] = (
                f"this row has {len(header) + len(extra)} cells but the header has "
                f"{len(header)} columns: remove the extra cells or add a header."
            )
        rows.append(row)
    if not any(rows):
        raise UpdatesImportError(
            [ErrorDetail(row=1, message="the file has a header but no rows of updates.")], filename
        )
    return rows


def _xlsx_table(data: bytes, filename: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception:  # openpyxl raises many types for a damaged file
        raise UpdatesImportError(
            [ErrorDetail(row=1, message="the file is not a readable Excel workbook (.xlsx).")],
            filename,
        ) from None


_STATUS_WORDS = {label.lower(): value for value, label in MilestoneStatus.choices}


def _status(text: str) -> str:
    text = text.strip()
    return _STATUS_WORDS.get(text.lower(), text.lower().replace(" ", "_"))


def updates_import(
    *,
    place: Any,
    source: str | Path | bytes,
    filename: str | None = None,
    user: Any = None,
    publish: bool = False,
    dry_run: bool = False,
) -> UpdatesImportResult:
    """Check every row, then submit (and with ``publish`` approve) every update, or none.

    ``user`` is who imports (None: the operator at the command line, whose rows are checked for
    everything but a person's right). Raises :class:`UpdatesImportError` listing every problem
    by row and column, having written nothing.
    """
    name = filename or (Path(source).name if isinstance(source, (str, Path)) else "the file")
    rows = read_rows(source, filename=name)
    current = selectors.period_current(place=place)
    periods = {p.key: p for p in selectors.period_list(place=place)}
    errors: list[ErrorDetail] = []
    actions: list[tuple[int, SubmitUpdate]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        if _RAGGED in row:
            errors.append(ErrorDetail(row=number, message=row[_RAGGED]))
            continue
        column = "milestone" if row.get("milestone") else "commitment"
        ref = row.get(column, "")
        if not ref:
            errors.append(
                ErrorDetail(row=number, column="milestone", message="enter a milestone's key.")
            )
            continue
        try:
            subject = selectors.update_subject(place=place, kind=column, ref=ref)
        except ApplicationError:
            errors.append(
                ErrorDetail(row=number, column=column, message=f"no {column} '{ref}' here.")
            )
            continue
        period_key = row.get("period", "")
        period = periods.get(period_key) if period_key else current
        if period_key and period is None:
            errors.append(
                ErrorDetail(
                    row=number, column="period", message=f"no reporting period '{period_key}'."
                )
            )
            continue
        key = (column, ref, period.key if period else "")
        if key in seen:
            errors.append(
                ErrorDetail(
                    row=number,
                    column=column,
                    message=f"'{ref}' already has an update for this period in row {seen[key]}.",
                )
            )
            continue
        seen[key] = number
        action = SubmitUpdate(
            user=user,
            place=place,
            status=_status(row.get("status", "")),
            narrative=row.get("narrative", ""),
            evidence_url=row.get("evidence_url", ""),
            period=period,
            origin="bulk",
            **{column: subject},
        )
        try:
            action.check()
        except PermissionDenied as refused:
            errors.append(ErrorDetail(row=number, column=column, message=refused.message))
        except ApplicationError as problem:
            if problem.errors:
                errors.extend(
                    ErrorDetail(row=number, column=detail.field or column, message=detail.message)
                    for detail in problem.errors
                )
            else:
                errors.append(ErrorDetail(row=number, column=column, message=problem.message))
        else:
            actions.append((number, action))
    if errors:
        raise UpdatesImportError(errors, name)
    result = UpdatesImportResult(rows=len(actions), published=publish, dry_run=dry_run)
    if dry_run:
        return result
    with transaction.atomic():
        for _number, action in actions:
            update = action.execute()
            if publish:
                update = ApproveUpdate(
                    user=user, place=place, update=update, comment="Entered from a spreadsheet."
                ).execute()
            result.updates.append(update)
    return result


def updates_template(*, place: Any, fmt: str = "csv") -> bytes:
    """A template to fill in: one row per milestone (key and title), the current period."""
    current = selectors.period_current(place=place)
    rows = [
        [item.ref, item.title, "", "", "", current.key if current else ""]
        for item in selectors.items_due(
            place=place,
            milestones=selectors.milestones_of(place=place),
            commitments=[],
            period=current,
        )
    ]
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "updates"
        sheet.append(list(TEMPLATE_COLUMNS))
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
