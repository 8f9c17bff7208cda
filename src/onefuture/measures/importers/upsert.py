"""Bulk upsert of checked rows into ``DataPoint``: fast, idempotent, with history for changes.

Why raw SQL: a million rows through model instances and ``bulk_create`` spend most of their
time building Python objects. Here the incoming rows are compared with the stored ones in
pandas (one read of the touched measures), and only new or changed rows are written:

* PostgreSQL — ``COPY`` into a temporary table, then one ``INSERT … SELECT … ON CONFLICT DO
  UPDATE``;
* SQLite — ``executemany`` of ``INSERT … ON CONFLICT DO UPDATE`` (SQLite ≥ 3.24).

A column the file left out (``given`` names those it had) keeps each stored row's value: a
file of values alone must not blank the sources, notes or limits an earlier file gave. New rows
get the column's blank default.

History (django-simple-history) is written for *changed* rows only, with
``bulk_history_create``: a new row's first version is its import batch, so recording a million
"created" history rows would double the cost of every first import and tell nobody anything.
When a row changes and has no history yet, its previous state is recorded first, dated at its
old batch, so the history always shows the value before and after. See docs/adr/0012.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils import timezone

from onefuture.measures.importers.tidy import NUMBER_COLUMNS, OPTIONAL_COLUMNS
from onefuture.measures.models import DataPoint, ImportBatch

KEY = ["measure_id", "area_id", "period", "breakdown", "category"]
#: What a re-import compares to decide a row is unchanged (its history records a change).
COMPARED = [*NUMBER_COLUMNS, "notes", "source", "illustrative"]
#: Computed from the counts where a row gives none: given by such a row even if the file lacks them.
COMPUTED = ["value", "lower", "upper"]
#: Every stored field besides the key: the compared ones and those derived from the period.
FIELDS = ["period_kind", "year", "span", *COMPARED]
CHUNK = 50_000
#: A write of at least this many rows refreshes the table's planner statistics (PostgreSQL).
ANALYZE_AFTER = 10_000

Progress = Callable[[str, int, int], None]


@dataclass
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _table() -> str:
    return DataPoint._meta.db_table


def statistics_refresh_on_commit(tables: Collection[str], rows: int) -> None:
    """``ANALYZE`` the tables once the transaction commits, after a bulk write (PostgreSQL).

    The planner's row estimates come from statistics that only ``ANALYZE`` (or autovacuum,
    some time later, if it runs at all) updates: after a first import of millions of rows it
    still believes the table empty and picks nested loops that make a page take 100 ms
    instead of 5 ms. Run after the commit, so the lock it takes is not held by the import.
    """
    if connection.vendor != "postgresql" or rows < ANALYZE_AFTER:
        return
    names = sorted(set(tables))

    def analyze() -> None:
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")

    transaction.on_commit(analyze)


def _existing(measure_ids: list[int]) -> pd.DataFrame:
    """Stored rows of the touched measures, as a frame keyed like the incoming rows."""
    columns = ["id", "batch_id", *KEY, *COMPARED]
    placeholders = ", ".join(["%s"] * len(measure_ids))
    sql = f"SELECT {', '.join(columns)} FROM {_table()} WHERE measure_id IN ({placeholders})"  # noqa: S608 — names from _meta, values bound
    with connection.cursor() as cursor:
        cursor.execute(sql, measure_ids)
        rows = cursor.fetchall()
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for column in ("value", "lower", "upper", "numerator", "denominator"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(np.float64)
    frame["illustrative"] = frame["illustrative"].astype(bool)
    return frame


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    if a.dtype.kind == "f" or b.dtype.kind == "f":
        x = a.to_numpy(dtype=np.float64)
        y = b.to_numpy(dtype=np.float64)
        both_nan = np.isnan(x) & np.isnan(y)
        close = np.isclose(x, y, rtol=1e-12, atol=0.0, equal_nan=False)
        return both_nan | close
    return a.astype(str).to_numpy() == b.astype(str).to_numpy()


def _column_values(series: pd.Series) -> list:
    """One column as Python values for the driver: NaN becomes NULL, numpy scalars plain."""
    array = series.to_numpy()
    if array.dtype.kind == "f":
        objects = array.astype(object)
        objects[np.isnan(array)] = None
        return objects.tolist()
    if array.dtype.kind in "iub":
        return array.tolist()
    return [None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in array]


def _as_params(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as tuples for the database driver, built column by column (fast for a million)."""
    return list(zip(*(_column_values(frame[c]) for c in columns), strict=True))


def datapoints_upsert(
    *,
    rows: pd.DataFrame,
    batch: ImportBatch,
    given: Collection[str] = OPTIONAL_COLUMNS,
    progress: Progress | None = None,
) -> UpsertCounts:
    """Insert new rows, update changed ones, leave identical ones alone; record changes in history.

    ``given`` names the optional columns the file had; stored rows keep their values of the
    others. Call inside a transaction (the import service does): nothing here commits.
    """
    counts = UpsertCounts()
    measure_ids = sorted(int(m) for m in rows["measure_id"].unique())
    incoming = rows.copy()
    incoming["category"] = incoming["category"].astype(str)
    if DataPoint.objects.filter(measure_id__in=measure_ids).exists():
        stored = _existing(measure_ids)
        stored["category"] = stored["category"].astype(str)
        merged = incoming.merge(
            stored.rename(columns={c: f"{c}_old" for c in COMPARED}),
            on=KEY,
            how="left",
            validate="one_to_one",
        )
        is_new = merged["id"].isna().to_numpy()
        _keep_stored_where_not_given(merged, is_new=is_new, given=given)
        identical = np.ones(len(merged), dtype=bool)
        for column in COMPARED:
            identical &= _same(merged[column], merged[f"{column}_old"])
        changed = ~is_new & ~identical
    else:  # a first import of these measures: everything is new, nothing to compare
        merged = incoming
        is_new = np.ones(len(merged), dtype=bool)
        changed = np.zeros(len(merged), dtype=bool)
    counts.created = int(is_new.sum())
    counts.updated = int(changed.sum())
    counts.unchanged = len(merged) - counts.created - counts.updated
    # Key order keeps the unique index's B-tree inserts local.
    write = merged[is_new | changed].sort_values(KEY, kind="stable")
    write = write.assign(batch_id=batch.id)
    if len(write):
        columns = [*KEY, *FIELDS, "batch_id"]
        if connection.vendor == "postgresql":
            _write_postgresql(write, columns, progress)
        else:
            _write_generic(write, columns, progress)
        statistics_refresh_on_commit([_table()], len(write))
    if counts.updated:
        _history_for_changes(merged[changed], batch)
    return counts


def _keep_stored_where_not_given(
    merged: pd.DataFrame, *, is_new: np.ndarray, given: Collection[str]
) -> None:
    """Copy the stored value into every existing row's cell of a column the file left out."""
    computed = merged["computed"].to_numpy(dtype=bool) if "computed" in merged else None
    for column in COMPARED:
        if column in given:
            continue
        keep = ~is_new
        if computed is not None and column in COMPUTED:
            keep = keep & ~computed
        if keep.any():
            merged[column] = np.where(
                keep, merged[f"{column}_old"].to_numpy(), merged[column].to_numpy()
            )


def _conflict_sql(columns: list[str], source: str) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in [*FIELDS, "batch_id"])
    return (
        f"INSERT INTO {_table()} ({', '.join(columns)}) {source} "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}"
    )


def _write_generic(write: pd.DataFrame, columns: list[str], progress: Progress | None) -> None:
    placeholders = ", ".join(["%s"] * len(columns))
    sql = _conflict_sql(columns, f"VALUES ({placeholders})")
    total = len(write)
    with connection.cursor() as cursor:
        for start in range(0, total, CHUNK):
            chunk = write.iloc[start : start + CHUNK]
            cursor.executemany(sql, _as_params(chunk, columns))
            if progress:
                progress("write", min(start + CHUNK, total), total)


def _write_postgresql(write: pd.DataFrame, columns: list[str], progress: Progress | None) -> None:
    total = len(write)
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg cursor, for COPY
        like = f"(LIKE {_table()} INCLUDING DEFAULTS)"
        cursor.execute(f"CREATE TEMPORARY TABLE datapoint_incoming {like} ON COMMIT DROP")
        cursor.execute("ALTER TABLE datapoint_incoming DROP COLUMN id")
        with cursor.copy(f"COPY datapoint_incoming ({', '.join(columns)}) FROM STDIN") as copy:
            for start in range(0, total, CHUNK):
                for row in _as_params(write.iloc[start : start + CHUNK], columns):
                    copy.write_row(row)
                if progress:
                    progress("write", min(start + CHUNK, total), total)
        cursor.execute(
            _conflict_sql(columns, f"SELECT {', '.join(columns)} FROM datapoint_incoming")  # noqa: S608
        )
        cursor.execute("DROP TABLE datapoint_incoming")


def _history_for_changes(changed: pd.DataFrame, batch: ImportBatch) -> None:
    """Record the new state of changed rows, and their old state where no history exists yet."""
    ids = [int(i) for i in changed["id"]]
    history = DataPoint.history.model
    with_history: set[int] = set()
    for start in range(0, len(ids), 10_000):
        with_history.update(
            history.objects.filter(id__in=ids[start : start + 10_000])
            .values_list("id", flat=True)
            .distinct()
        )
    now = timezone.now()
    reason = f"import of {batch.filename} (batch {batch.id})"[:100]
    first = changed[~changed["id"].isin(with_history)]
    if len(first):
        old_batches = dict(
            ImportBatch.objects.filter(
                id__in=set(first["batch_id"].dropna().astype(int))
            ).values_list("id", "created_at")
        )
        for old_batch_id, group in first.groupby(first["batch_id"].fillna(-1).astype(int)):
            objs = [_instance(r, suffix="_old", batch_id=old_batch_id) for r in group.itertuples()]
            DataPoint.history.bulk_history_create(
                objs,
                default_date=old_batches.get(old_batch_id, now),
                default_change_reason="value before the first change",
            )
    objs = [_instance(r, suffix="", batch_id=batch.id) for r in changed.itertuples()]
    DataPoint.history.bulk_history_create(
        objs,
        update=True,
        default_user=batch.created_by,
        default_change_reason=reason,
        default_date=now,
    )


def _instance(row, *, suffix: str, batch_id: int) -> DataPoint:
    def get(name: str):
        value = (
            getattr(row, f"{name}{suffix}") if suffix and name in COMPARED else getattr(row, name)
        )
        if isinstance(value, float) and np.isnan(value):
            return None
        return value

    return DataPoint(
        id=int(row.id),
        measure_id=int(row.measure_id),
        area_id=int(row.area_id),
        period=row.period,
        period_kind=row.period_kind,
        year=float(row.year),
        span=float(row.span),
        breakdown=row.breakdown,
        category=row.category,
        value=get("value"),
        lower=get("lower"),
        upper=get("upper"),
        numerator=get("numerator"),
        denominator=get("denominator"),
        notes=get("notes") or "",
        source=get("source") or "",
        illustrative=bool(get("illustrative")),
        batch_id=batch_id if batch_id >= 0 else None,
    )
