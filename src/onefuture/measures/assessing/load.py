"""Everything an assessment run reads, in a handful of queries: the measures, their data points
as typed columns, benchmark areas, targets, area names and each measure's home area."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection

from onefuture.measures.importers.tidy import NUMBER_COLUMNS
from onefuture.measures.models import DataPoint, Measure, Target
from onefuture.measures.selectors import measure_home_area
from onefuture.places.models import Area, Place

#: The columns that name one series: measure × area × breakdown × category.
SERIES = ["measure_id", "area_id", "breakdown", "category"]

_POINT_COLUMNS = [
    "measure_id",
    "area_id",
    "period",
    "span",
    "year",
    "breakdown",
    "category",
    *NUMBER_COLUMNS,
    "illustrative",
]


@dataclass
class Inputs:
    """What the assessments of some of a place's measures are computed from."""

    place: Place
    measures: dict[int, Measure]
    #: Every data point with a value, series in a stable order and years ascending.
    points: pd.DataFrame
    area_names: dict[int, str] = field(default_factory=dict)
    benchmarks: dict[int, list[int]] = field(default_factory=dict)
    #: Each measure's targets, earliest first.
    targets: dict[int, list[Target]] = field(default_factory=dict)
    #: Each measure's home area id (``selectors.measure_home_area``: its own, else its
    #: comparator group's subject), None where it has neither.
    homes: dict[int, int | None] = field(default_factory=dict)

    def applies(self, measure_id: int, kind: str) -> bool:
        """Whether the measure asks for assessments of ``kind``."""
        return kind in (self.measures[measure_id].assessments_applied or [])

    def wanting(self, kind: str) -> list[int]:
        """The ids of the measures that ask for assessments of ``kind``."""
        return [m for m in self.measures if self.applies(m, kind)]

    def per_measure(self, column: pd.Series, attribute: str) -> pd.Series:
        """``attribute`` of each row's measure, for a column of measure ids."""
        return column.map({m: getattr(measure, attribute) for m, measure in self.measures.items()})


def inputs_load(*, place: Place, measure_ids: Iterable[int] | None = None) -> Inputs | None:
    """The inputs for ``measure_ids`` (all of ``place``'s if None); None if there are no such
    measures."""
    queryset = Measure.objects.filter(place=place).select_related(
        "home_area", "comparator_group__subject"
    )
    if measure_ids is not None:
        queryset = queryset.filter(id__in=list(measure_ids))
    measures = {m.id: m for m in queryset}
    if not measures:
        return None
    ids = sorted(measures)
    benchmarks: dict[int, list[int]] = defaultdict(list)
    for measure_id, area_id in Measure.benchmark_areas.through.objects.filter(
        measure_id__in=ids
    ).values_list("measure_id", "area_id"):
        benchmarks[measure_id].append(area_id)
    targets: dict[int, list[Target]] = defaultdict(list)
    for target in Target.objects.filter(measure_id__in=ids).order_by("year"):
        targets[target.measure_id].append(target)
    homes = {}
    for measure_id, measure in measures.items():
        home = measure_home_area(measure)
        homes[measure_id] = home.id if home is not None else None
    return Inputs(
        place=place,
        measures=measures,
        points=points_load(ids),
        area_names=dict(Area.objects.filter(place=place).values_list("id", "name")),
        benchmarks=benchmarks,
        targets=targets,
        homes=homes,
    )


def points_load(measure_ids: list[int]) -> pd.DataFrame:
    """The measures' data points with a value, in one query, series in a stable order."""
    table = DataPoint._meta.db_table
    if connection.vendor == "postgresql":
        frame = _copied(table, measure_ids)
    else:
        placeholders = ", ".join(["%s"] * len(measure_ids))
        sql = (
            f"SELECT {', '.join(_POINT_COLUMNS)} FROM {table} "  # noqa: S608 — names from _meta
            f"WHERE measure_id IN ({placeholders}) AND value IS NOT NULL"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, measure_ids)
            rows = cursor.fetchall()
        data = _columns(rows)
        del rows
        frame = pd.DataFrame(data)
    if frame.empty:
        return frame
    # Series in a stable order (by integer codes, cheaper than sorting strings), years ascending.
    order = np.lexsort(
        (
            frame["year"].to_numpy(),
            pd.factorize(frame["category"])[0],
            pd.factorize(frame["breakdown"])[0],
            frame["area_id"].to_numpy(),
            frame["measure_id"].to_numpy(),
        )
    )
    return frame.iloc[order].reset_index(drop=True)


def _copied(table: str, measure_ids: list[int]) -> pd.DataFrame:
    """The points as PostgreSQL's ``COPY … TO STDOUT`` writes them, parsed by pandas' CSV
    reader: a million rows in a fraction of the time ``fetchall`` takes to build a million
    tuples. COPY takes no bound parameters, so the ids are written in as integers."""
    ids = ", ".join(str(int(m)) for m in measure_ids)
    sql = (
        f"COPY (SELECT {', '.join(_POINT_COLUMNS)} FROM {table} "  # noqa: S608 — names from _meta, ids integers
        f"WHERE measure_id IN ({ids}) AND value IS NOT NULL) TO STDOUT WITH (FORMAT csv)"
    )
    with connection.cursor() as wrapper, wrapper.cursor.copy(sql) as copy:
        data = b"".join(bytes(block) for block in copy)
    text_columns = ("period", "breakdown", "category")
    frame = pd.read_csv(
        io.BytesIO(data),
        names=_POINT_COLUMNS,
        header=None,
        dtype={
            **dict.fromkeys(text_columns, str),
            "measure_id": np.int64,
            "area_id": np.int64,
            "illustrative": str,
            **dict.fromkeys(["span", "year", *NUMBER_COLUMNS], np.float64),
        },
        keep_default_na=False,
        na_values={c: [""] for c in ["span", "year", *NUMBER_COLUMNS]},
    )
    frame["illustrative"] = frame["illustrative"].to_numpy() == "t"
    for column in text_columns:
        frame[column] = frame[column].to_numpy(dtype=object)
    return frame


def _columns(rows: list[tuple]) -> dict[str, Any]:
    """Fetched rows as typed numpy columns (one C-level transposition, then a cast per column:
    several times faster than DataFrame.from_records, which infers a type for every cell)."""
    table = np.array(rows, dtype=object) if rows else np.empty((0, len(_POINT_COLUMNS)), object)
    data: dict[str, Any] = {}
    for index, name in enumerate(_POINT_COLUMNS):
        column = table[:, index]
        if name in ("measure_id", "area_id"):
            data[name] = column.astype(np.int64)
        elif name == "illustrative":
            data[name] = column.astype(bool)
        elif name in ("period", "breakdown", "category"):
            data[name] = column
        else:
            data[name] = pd.to_numeric(column).astype(np.float64)  # None becomes NaN
    return data


def latest(points: pd.DataFrame) -> pd.DataFrame:
    """The latest row of every series."""
    return points.drop_duplicates(SERIES, keep="last")
