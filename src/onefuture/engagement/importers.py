"""Comments from a spreadsheet (CSV UTF-8 or XLSX): one row per comment.

Columns (the header is row 1; case, spaces and hyphens do not matter; only ``text`` is needed):

``text``        what the person said (required)
``group``       a stakeholder group's key (``young-people``) or name
``ward``        a ward's code (``E05000787``) or name
``age_band``    an age band's key (``16-24``) or name, from the place's engagement settings
``consent``     yes or no (empty: no): may their words be published once redacted?
``respondent``  who said it, as the source identifies them (to count people), optional
``received``    the date it was said or received, YYYY-MM-DD or DD/MM/YYYY (empty: today)
``big_things``  big things' keys, separated by ``;``

Every row is checked and every problem reported by row and column with how to fix it; if there
is any, :class:`~onefuture.engagement.services.capture.CommentImportError` is raised and
nothing is written (ADR 0030).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from django.utils import timezone

from onefuture.core.errors import ErrorDetail
from onefuture.engagement.selectors import capture as selectors
from onefuture.engagement.services.capture import MAX_COMMENT, CommentImportError

COLUMNS = ("text", "group", "ward", "age_band", "consent", "respondent", "received", "big_things")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
#: The most rows one file may hold.
MAX_ROWS = 20_000


def _header(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name or "").strip().lower())


def _cell(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value if value is not None else "").strip()


def read_table(data: bytes, filename: str) -> list[list[Any]]:
    """The file's cells, row by row; a file that cannot be read raises with row 1."""
    if not data or not data.strip():
        raise CommentImportError(
            [ErrorDetail(row=1, message="the file is empty: it needs a header row and rows.")],
            filename,
        )
    if filename.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        except Exception:  # openpyxl raises many types for a damaged file
            raise CommentImportError(
                [ErrorDetail(row=1, message="the file is not a readable Excel workbook (.xlsx).")],
                filename,
            ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommentImportError(
            [ErrorDetail(row=1, message="the file is not UTF-8 text: save it as CSV UTF-8.")],
            filename,
        ) from None
    return list(csv.reader(io.StringIO(text)))


def _date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def comment_rows(*, place: Any, data: bytes, filename: str) -> tuple[list[dict[str, Any]], int]:
    """The rows of the file as :func:`comments_add_many` rows, and how many rows it has;
    raises :class:`CommentImportError` with every problem."""
    filename = filename or "the file"
    table = read_table(data, filename)
    header = [_header(n) for n in (table[0] if table else [])]
    problems = [
        ErrorDetail(
            row=1, column=n, message=f"unknown column; the columns are {', '.join(COLUMNS)}."
        )
        for n in header
        if n and n not in COLUMNS
    ]
    if "text" not in header:
        problems.append(
            ErrorDetail(row=1, column="text", message="a 'text' column (the comment) is needed.")
        )
    if problems:
        raise CommentImportError(problems, filename)
    if len(table) - 1 > MAX_ROWS:
        raise CommentImportError(
            [
                ErrorDetail(
                    row=1,
                    message=f"the file has {len(table) - 1:,} rows; the most is "
                    f"{MAX_ROWS:,}: split it into several files.",
                )
            ],
            filename,
        )

    groups = selectors.groups_of(place=place)
    by_group = {g.key.lower(): g for g in groups} | {g.name.lower(): g for g in groups}
    wards = selectors.wards_of(place=place)
    by_ward = {w.code.lower(): w for w in wards} | {w.name.lower(): w for w in wards}
    bands = selectors.settings_of(place=place).age_bands or []
    by_band = {str(b["key"]).lower(): b["key"] for b in bands} | {
        str(b["name"]).lower(): b["key"] for b in bands
    }
    big_things = {b.key: b for b in selectors.big_things_of(place=place)}
    tz = timezone.get_current_timezone()

    errors: list[ErrorDetail] = []
    rows: list[dict[str, Any]] = []
    total = 0
    for number, cells in enumerate(table[1:], start=2):
        if not any(_cell(c) for c in cells):
            continue
        total += 1
        padded = [*cells, *[""] * (len(header) - len(cells))]
        row = {name: _cell(padded[i]) for i, name in enumerate(header) if name}
        if any(_cell(c) for c in padded[len(header) :]):
            errors.append(
                ErrorDetail(
                    row=number,
                    message=f"this row has more cells than the header's {len(header)} columns: "
                    "remove the extra cells or add a header.",
                )
            )
            continue

        def bad(column: str, message: str, number: int = number) -> None:
            errors.append(ErrorDetail(row=number, column=column, message=message))

        out: dict[str, Any] = {}
        text = row.get("text", "")
        if not text:
            bad("text", "the comment is empty: enter what the person said, or delete the row.")
        elif len(text) > MAX_COMMENT:
            bad("text", f"the comment is {len(text):,} characters; the most is {MAX_COMMENT:,}.")
        out["text"] = text
        if value := row.get("group"):
            if value.lower() in by_group:
                out["group"] = by_group[value.lower()]
            else:
                known = ", ".join(g.key for g in groups) or "none: add them to the framework file"
                bad("group", f"no stakeholder group '{value}'; the groups are: {known}.")
        if value := row.get("ward"):
            if value.lower() in by_ward:
                out["ward"] = by_ward[value.lower()]
            else:
                bad("ward", f"no ward '{value}': enter a ward's code (E05…) or its name.")
        if value := row.get("age_band"):
            if value.lower() in by_band:
                out["age_band"] = by_band[value.lower()]
            else:
                known = ", ".join(str(b["key"]) for b in bands) or "none are set for this place"
                bad("age_band", f"no age band '{value}'; the age bands are: {known}.")
        consent = row.get("consent", "").lower()
        if consent in YES:
            out["consent_publish"] = True
        elif consent in NO:
            out["consent_publish"] = False
        else:
            bad("consent", f"'{row.get('consent')}' is not yes or no.")
        out["respondent"] = row.get("respondent", "")[:100]
        if value := row.get("received"):
            day = _date(value)
            if day is None:
                bad("received", f"'{value}' is not a date: write it as YYYY-MM-DD (2025-03-31).")
            elif day > timezone.localdate():
                bad("received", f"{day:%-d %B %Y} is in the future.")
            else:
                out["received_at"] = dt.datetime.combine(day, dt.time(12), tzinfo=tz)
        if value := row.get("big_things"):
            chosen = []
            for key in (k.strip() for k in value.split(";")):
                if not key:
                    continue
                if key in big_things:
                    chosen.append(big_things[key])
                else:
                    known = ", ".join(big_things) or "none"
                    bad("big_things", f"no big thing '{key}'; the big things are: {known}.")
            out["big_things"] = chosen
        rows.append(out)
    if not total:
        errors.append(ErrorDetail(row=1, message="the file has a header but no comments."))
    if errors:
        raise CommentImportError(errors, filename)
    return rows, total


def comments_template(*, place: Any, fmt: str = "csv") -> bytes:
    """An empty file to fill in: the header row and one example row."""
    groups = selectors.groups_of(place=place)
    example = [
        "The buses stop too early in the evening.",
        groups[0].key if groups else "",
        "",
        "",
        "yes",
        "",
        timezone.localdate().isoformat(),
        "",
    ]
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "comments"
        sheet.append(list(COLUMNS))
        sheet.append(example)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerow(example)
    return out.getvalue().encode("utf-8")
