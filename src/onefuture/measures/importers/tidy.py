"""The tidy data format: read a CSV or XLSX file and check every row, vectorised with pandas.

One row is one data point. The columns (see ``docs/data-format.md``) are

``measure, area, period`` (required), ``value``, ``lower``, ``upper``, ``numerator``,
``denominator``, ``breakdown``, ``category``, ``notes``, ``source``, ``illustrative`` (optional).

This module knows nothing about the database: :func:`tidy_validate` takes look-up tables for
measures and areas, so the same checks run for the CLI, the upload page and the Fingertips
connector, and can be tested without Django. Rows are numbered as in a spreadsheet: the header
is row 1, the first data row is row 2. Problems with the file as a whole (encoding, emptiness,
header) are reported at row 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.measures.periods import Period, period_parse_many

REQUIRED_COLUMNS = ("measure", "area", "period")
OPTIONAL_COLUMNS = (
    "breakdown",
    "category",
    "value",
    "lower",
    "upper",
    "numerator",
    "denominator",
    "notes",
    "source",
    "illustrative",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
#: Columns a measure's template carries for the person filling it in (each area's name beside
#: its code); accepted on import and ignored, so a filled-in template imports as it is.
INFORMATION_COLUMNS = ("area_name",)
NUMBER_COLUMNS = ("value", "lower", "upper", "numerator", "denominator")
CATEGORY_COLUMNS = ("measure", "area", "period", "breakdown", "category", "illustrative")
KEY_COLUMNS = ("measure", "area", "period", "breakdown", "category")

BREAKDOWNS = ("none", "sex", "age", "deprivation_decile", "deprivation_quintile", "ethnicity")
_BREAKDOWN_ALIASES = {
    "": "none",
    "none": "none",
    "sex": "sex",
    "age": "age",
    "age band": "age",
    "age_band": "age",
    "deprivation decile": "deprivation_decile",
    "deprivation_decile": "deprivation_decile",
    "deprivation quintile": "deprivation_quintile",
    "deprivation_quintile": "deprivation_quintile",
    "ethnicity": "ethnicity",
    "ethnic group": "ethnicity",
}
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"", "no", "n", "false", "0"}
_NON_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}

#: Value types whose values are computed from numerator and denominator when only those are given.
COMPUTABLE_TYPES = ("proportion", "rate")


class DataImportError(ApplicationError):
    """A file that cannot be imported and wrote nothing; ``errors`` lists every problem found.

    Each detail names its spreadsheet row and column ("row 3, column 'value': ..."). The
    import service attaches the :class:`~onefuture.measures.models.ImportBatch` that recorded
    the failure, when there is one (``batch``), so a page can link to its status.
    """

    def __init__(
        self, errors: Iterable[ErrorDetail], *, batch: Any = None, message: str = ""
    ) -> None:
        errors = list(errors)
        super().__init__(
            message or f"{len(errors)} problem(s) found; nothing was written:", errors=errors
        )
        self.batch = batch


@dataclass(frozen=True)
class MeasureInfo:
    """What validation needs to know about one measure."""

    id: int
    value_type: str
    multiplier: float


@dataclass
class TidyRows:
    """The checked rows: one numpy-backed column per field, ready for a bulk upsert.

    ``columns`` names the optional columns the file had: a column it left out is filled with
    blanks here, and the upsert keeps the stored values of that column instead (a re-import
    without ``source`` leaves every stored source alone). The frame's ``computed`` column marks
    the rows whose value and limits were computed from their counts: those are given too.
    """

    frame: pd.DataFrame
    computed: int = 0
    errors: list[ErrorDetail] = field(default_factory=list)
    columns: frozenset[str] = frozenset(OPTIONAL_COLUMNS)


def _normalise_header(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def tidy_read(source: str | Path | bytes, *, filename: str | None = None) -> pd.DataFrame:
    """Read a tidy CSV or XLSX file into a frame of text cells (blank cells are ``""``).

    ``source`` is a path or the file's bytes (an upload); ``filename`` decides CSV or XLSX when
    bytes are given. Raises :class:`DataImportError` for an empty file, a file that is not UTF-8
    text, a damaged Excel file, a CSV row with fewer or more fields than the header (every such
    row), a spreadsheet cell to the right of the header, and missing or unknown columns.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise DataImportError(
                [ErrorDetail(1, "", f"cannot read the file: {error.strerror}.")]
            ) from None
    else:
        data = source
    name = (filename or "").lower()
    if not data.strip():
        raise DataImportError(
            [ErrorDetail(1, "", "the file is empty: it needs a header row and data rows.")]
        )
    frame = _read_xlsx(data) if name.endswith((".xlsx", ".xlsm")) else _read_csv(data)
    frame.columns = [_normalise_header(c) for c in frame.columns]
    _check_header(frame)
    if frame.empty:
        raise DataImportError(
            [
                ErrorDetail(
                    1, "", "the file has a header but no data rows: add one row per data point."
                )
            ]
        )
    return frame


def _read_csv(data: bytes) -> pd.DataFrame:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataImportError(
            [
                ErrorDetail(
                    1,
                    "",
                    f"the file is not UTF-8 text (byte 0x{data[error.start]:02X} on line {line}"
                    " is not valid UTF-8). In Excel use 'Save As' > 'CSV UTF-8 (Comma delimited)'.",
                )
            ]
        ) from None
    # Text columns are read as text (keys as categories: a million rows repeat a few values);
    # number columns are left to the C parser, so a clean column arrives as floats and only a
    # column holding text takes the slow, cell-by-cell path in _numbers.
    ragged = _ragged_rows(data, text)
    if ragged:
        raise DataImportError(ragged)
    first_line = text.split("\n", 1)[0]
    raw_names = next(csv.reader([first_line])) if first_line.strip() else []
    dtypes: dict[str, object] = {}
    blanks: dict[str, list[str]] = {}
    for raw in raw_names:
        name = _normalise_header(raw)
        if name in NUMBER_COLUMNS:
            blanks[raw] = [""]
        else:
            dtypes[raw] = "category" if name in CATEGORY_COLUMNS else str
    try:
        return pd.read_csv(
            io.StringIO(text),
            dtype=dtypes,
            keep_default_na=False,
            na_values=blanks,
            skip_blank_lines=True,
        )
    except pd.errors.EmptyDataError:
        raise DataImportError(
            [ErrorDetail(1, "", "the file is empty: it needs a header row.")]
        ) from None
    except pd.errors.ParserError as error:  # rows of the wrong length were refused above
        raise DataImportError([ErrorDetail(1, "", f"the file is not valid CSV: {error}")]) from None


def _ragged_message(fields: int, width: int) -> str:
    if fields < width:
        fix = (
            "a cell is missing, so every cell after it would land in the wrong column: add the"
            " missing cell (an empty one between two commas for no value)."
        )
    else:
        fix = (
            "check for a stray comma, and put a cell that contains a comma in double quotes"
            ' ("Stockport, Greater Manchester").'
        )
    fields_text = f"{fields} field" + ("" if fields == 1 else "s")
    return f"this row has {fields_text} but the header has {width}; {fix}"


def _ragged_rows(data: bytes, text: str) -> list[ErrorDetail]:
    """Every row with fewer or more fields than the header, numbered like the frame's rows.

    pandas pads a short row with blanks (its limits and denominator silently empty) and stops
    at the first long one, so the rows are counted here first. Blank lines are skipped, as the
    reader skips them. Without a double quote a field cannot hold a comma or a line break, so
    the count is vectorised over the bytes; otherwise the ``csv`` module reads each record.
    """
    if b'"' not in data:
        raw = np.frombuffer(data, dtype=np.uint8)
        ends = np.flatnonzero(raw == ord("\n"))
        starts = np.concatenate(([0], ends + 1))
        ends = np.concatenate((ends, [len(raw)]))
        commas = np.searchsorted(np.flatnonzero(raw == ord(",")), np.stack([starts, ends]))
        fields = commas[1] - commas[0] + 1
        length = ends - starts
        last = raw[np.clip(ends - 1, 0, max(len(raw) - 1, 0))] if len(raw) else raw
        blank = (length == 0) | ((length == 1) & (last == ord("\r")))
        if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark alone is blank too
            blank[0] |= length[0] == 3
        fields = fields[~blank]
        if len(fields) < 2:
            return []
        width = int(fields[0])
        bad = np.flatnonzero(fields != width)
        return [
            ErrorDetail(int(index) + 1, "", _ragged_message(int(fields[index]), width))
            for index in bad
        ]
    errors: list[ErrorDetail] = []
    width = None
    row = 0
    try:
        for record in csv.reader(io.StringIO(text)):
            if not record:
                continue
            row += 1
            if width is None:
                width = len(record)
            elif len(record) != width:
                errors.append(ErrorDetail(row, "", _ragged_message(len(record), width)))
    except csv.Error:
        return errors  # an unterminated quote: pandas names it below
    return errors


def _read_xlsx(data: bytes) -> pd.DataFrame:
    try:
        frame = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl", na_filter=False)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise DataImportError(
            [ErrorDetail(1, "", f"the file is not a readable Excel .xlsx workbook ({error}).")]
        ) from None
    # Excel writes whole numbers typed as numbers as "2023" but floats as "12.5"; keep text as is.
    frame = frame.fillna("")
    return _without_cells_beyond_the_header(frame)


def _without_cells_beyond_the_header(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the blank columns after the last named one; refuse any row with a cell there.

    A spreadsheet has no field count, so its ragged row is a cell typed to the right of the
    header: it would belong to no column. Blank columns (formatting only) are harmless.
    """
    from openpyxl.utils import get_column_letter

    named = [i for i, c in enumerate(frame.columns) if not str(c).startswith("Unnamed:")]
    width = named[-1] + 1 if named else 0
    beyond = frame.iloc[:, width:]
    if beyond.shape[1] == 0:
        return frame
    filled = beyond.astype(str).apply(lambda column: column.str.strip() != "").to_numpy()
    errors = []
    for index in np.flatnonzero(filled.any(axis=1)):
        column = width + int(np.flatnonzero(filled[index])[0])
        errors.append(
            ErrorDetail(
                int(index) + 2,
                "",
                f"this row has a cell in column {get_column_letter(column + 1)}, beyond the"
                f" header's {width} columns; give that column a header or delete the cell.",
            )
        )
    if errors:
        raise DataImportError(errors)
    return frame.iloc[:, :width]


def _check_header(frame: pd.DataFrame) -> None:
    if len(frame.columns) == 1 and ";" in str(frame.columns[0]):
        raise DataImportError(
            [
                ErrorDetail(
                    1,
                    "",
                    "the columns are separated by semicolons; save the file as CSV with commas"
                    " (in Excel: 'CSV UTF-8 (Comma delimited)').",
                )
            ]
        )
    errors: list[ErrorDetail] = []
    seen: set[str] = set()
    for column in frame.columns:
        if column in seen:
            errors.append(ErrorDetail(1, column, "this column appears twice; keep one."))
        seen.add(column)
        if column.startswith("unnamed:"):
            errors.append(ErrorDetail(1, "", "a column has no name; name it or delete it."))
        elif column not in COLUMNS and column not in INFORMATION_COLUMNS:
            errors.append(
                ErrorDetail(1, column, f"unknown column; the columns are: {', '.join(COLUMNS)}.")
            )
    for column in REQUIRED_COLUMNS:
        if column not in seen:
            errors.append(ErrorDetail(1, column, "this required column is missing."))
    if "value" not in seen and not {"numerator", "denominator"} <= seen:
        errors.append(
            ErrorDetail(
                1, "value", "give a 'value' column, or 'numerator' and 'denominator' columns."
            )
        )
    if errors:
        raise DataImportError(errors)


def _rows(mask: np.ndarray) -> np.ndarray:
    """Spreadsheet row numbers of the True entries (header is row 1)."""
    return np.flatnonzero(mask) + 2


def _stripped(cells: pd.Series) -> pd.Series:
    """Cells as stripped text ("" for blanks); categories are stripped once, not per row."""
    if isinstance(cells.dtype, pd.CategoricalDtype):
        categories = np.asarray(cells.cat.categories.astype(str).str.strip(), dtype=object)
        codes = cells.cat.codes.to_numpy()
        values = np.append(categories, "").take(np.where(codes < 0, len(categories), codes))
        return pd.Series(values, index=cells.index, dtype=object)
    # Each distinct cell is stripped once: a column repeats a few values (or, left out of the
    # file, one blank) across a million rows.
    codes, uniques = pd.factorize(cells.astype(object), use_na_sentinel=True)
    stripped = np.array([*(str(u).strip() for u in uniques), ""], dtype=object)
    return pd.Series(
        stripped.take(np.where(codes < 0, len(uniques), codes)), index=cells.index, dtype=object
    )


def _matches(cells: pd.Series, allowed: set[str]) -> np.ndarray:
    """Whether each cell, lower-cased, is in ``allowed`` (decided once per distinct value)."""
    categorical = pd.Categorical(cells)
    table = np.array([str(c).lower() in allowed for c in categorical.categories], dtype=bool)
    codes = categorical.codes
    return np.where(codes < 0, "" in allowed, table[np.maximum(codes, 0)] if len(table) else False)


def _plain(cells: pd.Series) -> np.ndarray:
    """Free text as given ("" for blanks)."""
    objects = cells.astype(object)
    return objects.where(objects.notna(), "").to_numpy(dtype=object)


def _numbers(frame: pd.DataFrame, column: str, errors: list[ErrorDetail]) -> np.ndarray:
    """The column as floats (NaN for blanks), listing text and non-finite numbers as errors."""
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    cells = frame[column]
    if cells.dtype.kind in "fiu":  # the parser read every cell as a number: only check finiteness
        numbers = cells.to_numpy(dtype=np.float64, copy=True)
        text = None
        bad = np.isinf(numbers)
    else:
        text = _stripped(cells)
        numbers = np.array(pd.to_numeric(text, errors="coerce"), dtype=np.float64)  # writable
        blank = (text == "").to_numpy()
        bad = ~blank & ~np.isfinite(numbers)
    if bad.any() and text is None:
        text = pd.Series(cells.astype(str))
    if bad.any():
        lowered = text[bad].str.lower()
        for row, cell, non_finite in zip(
            _rows(bad), text[bad], lowered.isin(_NON_FINITE), strict=True
        ):
            if non_finite:
                message = (
                    f"'{cell}' is not a finite number; leave the cell blank if there is no value."
                )
            elif "," in cell:
                message = f"'{cell}' is not a number; write it without thousands separators."
            else:
                message = f"'{cell}' is not a number."
            errors.append(ErrorDetail(int(row), column, message))
        numbers[bad] = np.nan
    return numbers


def tidy_validate(
    frame: pd.DataFrame,
    *,
    measures: dict[str, MeasureInfo],
    areas: dict[str, int],
    computer=None,
) -> TidyRows:
    """Check every row and return the typed rows, or raise :class:`DataImportError` with all errors.

    ``measures`` maps measure ids (as written in the file) to :class:`MeasureInfo`; ``areas``
    maps area codes to database ids. ``computer(value_type, multiplier, numerator, denominator)``
    returns ``(value, lower, upper)`` arrays for rows that give only a numerator and denominator
    (the measures service passes one that calls :mod:`onefuture.stats`).
    """
    errors: list[ErrorDetail] = []
    n = len(frame)
    given = frozenset(c for c in OPTIONAL_COLUMNS if c in frame.columns)
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = np.nan if column in NUMBER_COLUMNS else ""
    text = {c: _stripped(frame[c]) for c in ("measure", "area", "period", "breakdown")}

    for column, what in (("measure", "measure id"), ("area", "area code"), ("period", "period")):
        blank = (text[column] == "").to_numpy()
        for row in _rows(blank):
            errors.append(ErrorDetail(int(row), column, f"the {what} is missing."))

    measure_codes = pd.Categorical(text["measure"])
    known_measures = np.array([c in measures for c in measure_codes.categories], dtype=bool)
    measure_ok = known_measures[measure_codes.codes] if n else np.zeros(0, bool)
    blank_measure = (text["measure"] == "").to_numpy()
    for row, code in zip(
        _rows(~measure_ok & ~blank_measure),
        text["measure"][~measure_ok & ~blank_measure],
        strict=True,
    ):
        errors.append(
            ErrorDetail(
                int(row), "measure", f"no measure with id '{code}' in this place; check the id."
            )
        )
    measure_ids = np.array(
        [measures[c].id if c in measures else -1 for c in measure_codes.categories], dtype=np.int64
    )[measure_codes.codes]
    value_types = np.array(
        [measures[c].value_type if c in measures else "" for c in measure_codes.categories],
        dtype=object,
    )[measure_codes.codes]
    multipliers = np.array(
        [measures[c].multiplier if c in measures else np.nan for c in measure_codes.categories]
    )[measure_codes.codes]

    area_codes = pd.Categorical(text["area"])
    area_ids = np.array([areas.get(c, -1) for c in area_codes.categories], dtype=np.int64)[
        area_codes.codes
    ]
    blank_area = (text["area"] == "").to_numpy()
    unknown_area = (area_ids < 0) & ~blank_area
    for row, code in zip(_rows(unknown_area), text["area"][unknown_area], strict=True):
        errors.append(
            ErrorDetail(
                int(row),
                "area",
                f"unknown area code '{code}'; load the area first or fix the code.",
            )
        )

    period_codes = pd.Categorical(text["period"])
    parsed = period_parse_many(period_codes.categories)
    period_ok_by_cat = np.array(
        [isinstance(parsed[c], Period) for c in period_codes.categories], dtype=bool
    )
    period_ok = period_ok_by_cat[period_codes.codes] if n else np.zeros(0, bool)
    blank_period = (text["period"] == "").to_numpy()
    for row, code in zip(
        _rows(~period_ok & ~blank_period), text["period"][~period_ok & ~blank_period], strict=True
    ):
        errors.append(ErrorDetail(int(row), "period", str(parsed[code])))

    def _period_attr(attr: str, default):
        table = [
            getattr(parsed[c], attr) if isinstance(parsed[c], Period) else default
            for c in period_codes.categories
        ]
        return np.array(table, dtype=object if isinstance(default, str) else np.float64)[
            period_codes.codes
        ]

    breakdown_codes = pd.Categorical(text["breakdown"].str.lower())
    breakdown_table = [_BREAKDOWN_ALIASES.get(c) for c in breakdown_codes.categories]
    breakdown = np.array([b or "" for b in breakdown_table], dtype=object)[breakdown_codes.codes]
    bad_breakdown = breakdown == ""
    for row, cell in zip(_rows(bad_breakdown), frame["breakdown"][bad_breakdown], strict=True):
        errors.append(
            ErrorDetail(
                int(row),
                "breakdown",
                f"unknown breakdown '{cell}'; use one of: {', '.join(BREAKDOWNS)}"
                " (blank means none).",
            )
        )
    category = _stripped(frame["category"]).to_numpy(dtype=object, copy=True)
    none = breakdown == "none"
    has_category = category != ""
    for row in _rows(none & has_category):
        errors.append(ErrorDetail(int(row), "category", "a category needs a breakdown (e.g. sex)."))
    for row in _rows(~none & ~bad_breakdown & ~has_category):
        errors.append(
            ErrorDetail(int(row), "category", "the breakdown needs a category (e.g. Female).")
        )
    for kind, top in (("deprivation_decile", 10), ("deprivation_quintile", 5)):
        rows_of_kind = (breakdown == kind) & has_category
        if rows_of_kind.any():
            numbers = pd.to_numeric(pd.Series(category[rows_of_kind]), errors="coerce").to_numpy()
            bad = ~np.isin(numbers, np.arange(1, top + 1))
            for row, cell in zip(
                _rows(rows_of_kind)[bad], category[rows_of_kind][bad], strict=True
            ):
                errors.append(
                    ErrorDetail(
                        int(row),
                        "category",
                        f"'{cell}' is not a {kind.replace('_', ' ')}:"
                        f" write 1 (most deprived) to {top}.",
                    )
                )
            valid = np.flatnonzero(rows_of_kind)[~bad]
            category[valid] = [str(int(x)) for x in numbers[~bad]]

    flags = _stripped(frame["illustrative"])
    illustrative = _matches(flags, _TRUE)
    bad_flag = ~illustrative & ~_matches(flags, _FALSE)
    for row, cell in zip(_rows(bad_flag), frame["illustrative"][bad_flag], strict=True):
        errors.append(ErrorDetail(int(row), "illustrative", f"'{cell}' is not yes or no."))

    numbers = {column: _numbers(frame, column, errors) for column in NUMBER_COLUMNS}
    value, lower, upper = numbers["value"], numbers["lower"], numbers["upper"]
    numerator, denominator = numbers["numerator"], numbers["denominator"]

    for column in ("numerator", "denominator"):
        for row in _rows(numbers[column] < 0):
            errors.append(ErrorDetail(int(row), column, "a count cannot be negative."))
    is_proportion = value_types == "proportion"
    over = is_proportion & (numerator > denominator)
    for row, num, den in zip(_rows(over), numerator[over], denominator[over], strict=True):
        errors.append(
            ErrorDetail(
                int(row),
                "numerator",
                f"the numerator ({num:g}) is above the denominator ({den:g}),"
                " impossible for a proportion.",
            )
        )
    zero_den = is_proportion & (denominator == 0)
    for row in _rows(zero_den):
        errors.append(
            ErrorDetail(int(row), "denominator", "a proportion's denominator cannot be 0.")
        )
    out_of_range = is_proportion & ((value < 0) | (value > multipliers))
    for row, v, m in zip(
        _rows(out_of_range), value[out_of_range], multipliers[out_of_range], strict=True
    ):
        errors.append(
            ErrorDetail(
                int(row), "value", f"{v:g} is outside 0 to {m:g}, impossible for this proportion."
            )
        )

    # Compute values where only numerator and denominator are given.
    computed = 0
    computed_rows = np.zeros(n, dtype=bool)
    missing_value = np.isnan(value)
    can_compute = (
        missing_value
        & ~np.isnan(numerator)
        & ~np.isnan(denominator)
        & np.isin(value_types, COMPUTABLE_TYPES)
        & ~over
        & ~zero_den
        & (numerator >= 0)
        & (denominator > 0)
    )
    if can_compute.any() and computer is not None:
        for value_type in COMPUTABLE_TYPES:
            for multiplier in np.unique(multipliers[can_compute & (value_types == value_type)]):
                rows = can_compute & (value_types == value_type) & (multipliers == multiplier)
                v, lo, hi = computer(
                    value_type, float(multiplier), numerator[rows], denominator[rows]
                )
                value[rows] = v
                lower[rows] = np.where(np.isnan(lower[rows]), lo, lower[rows])
                upper[rows] = np.where(np.isnan(upper[rows]), hi, upper[rows])
                computed += int(rows.sum())
                computed_rows |= rows
    already_reported = np.zeros(n, dtype=bool)
    for error in errors:
        if error.column in NUMBER_COLUMNS and error.row >= 2:
            already_reported[error.row - 2] = True
    still_missing = np.isnan(value) & measure_ok & ~already_reported
    for row, vt in zip(_rows(still_missing), value_types[still_missing], strict=True):
        if vt in COMPUTABLE_TYPES:
            hint = "give a value, or a numerator and a denominator."
        else:
            hint = f"give a value (a {vt} cannot be computed from a numerator and denominator)."
        errors.append(ErrorDetail(int(row), "value", f"the value is missing: {hint}"))

    # Limits must contain the value.
    low_bad = ~np.isnan(lower) & ~np.isnan(value) & (lower > value)
    for row, lo, v in zip(_rows(low_bad), lower[low_bad], value[low_bad], strict=True):
        errors.append(
            ErrorDetail(int(row), "lower", f"the lower limit ({lo:g}) is above the value ({v:g}).")
        )
    high_bad = ~np.isnan(upper) & ~np.isnan(value) & (upper < value)
    for row, hi, v in zip(_rows(high_bad), upper[high_bad], value[high_bad], strict=True):
        errors.append(
            ErrorDetail(int(row), "upper", f"the upper limit ({hi:g}) is below the value ({v:g}).")
        )

    # Duplicate keys: reported at the later row, naming the earlier one.
    key = pd.DataFrame(
        {
            "measure": text["measure"].to_numpy(),
            "area": text["area"].to_numpy(),
            "period": _period_attr("label", "") if n else [],
            "breakdown": breakdown,
            "category": category,
        }
    )
    key.loc[~period_ok, "period"] = text["period"][~period_ok].to_numpy()
    duplicated = key.duplicated(keep="first").to_numpy()
    if duplicated.any():
        first_row = key.groupby(list(KEY_COLUMNS), sort=False).ngroup().to_numpy()
        first_index = pd.Series(np.arange(n)).groupby(first_row).transform("min").to_numpy()
        for index in np.flatnonzero(duplicated):
            errors.append(
                ErrorDetail(
                    int(index) + 2,
                    "period",
                    f"duplicate of row {int(first_index[index]) + 2}: the same measure, area,"
                    " period, breakdown and category appear twice; keep one.",
                )
            )

    if errors:
        raise DataImportError(errors)

    typed = pd.DataFrame(
        {
            "row": np.arange(n) + 2,
            "measure_id": measure_ids,
            "area_id": area_ids,
            "period": _period_attr("label", ""),
            "period_kind": _period_attr("kind", ""),
            "year": _period_attr("year", np.nan),
            "span": _period_attr("span", np.nan),
            "breakdown": breakdown,
            "category": category,
            "value": value,
            "lower": lower,
            "upper": upper,
            "numerator": numerator,
            "denominator": denominator,
            "notes": _plain(frame["notes"]),
            "source": _plain(frame["source"]),
            "illustrative": illustrative,
            "computed": computed_rows,
        }
    )
    return TidyRows(frame=typed, computed=computed, columns=given)
