"""The registry of open data tables: what each domain app publishes, declared from ``ready()``.

The opendata app knows no domain model. Each app declares its published tables as
:class:`OpenTable` rows (a name, words for the reader, the field schema, a function of the place
that yields the rows, the licences and sources) and registers them::

    from onefuture.opendata.registry import OpenField, OpenTable, open_table_register

    open_table_register(OpenTable(name="measures", title="Success measures", ...))

The rows come from the app's selectors, published things only; nothing personal (no user's
name or e-mail, no comment's original text, nothing unpublished) may be a field. Why a registry
rather than one module importing every app: the same reason as the page registry (ADR 0016):
an app can be added or removed on its own, and the /data/ page, the files and the data package
list whatever is registered (ADR 0040).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: The Frictionless Table Schema types a field may have (https://specs.frictionlessdata.io/).
FIELD_TYPES = frozenset({"string", "integer", "number", "boolean", "date", "datetime", "year"})


@dataclass(frozen=True)
class OpenField:
    """One column: its name (the CSV header), Table Schema type and meaning in words.

    ``unit`` is said in words ("per cent", "per 100,000 people") and goes into the description
    in the data package (Table Schema has no unit property). ``unit_from`` names another
    field of the same row that carries a row's own unit (a data point's measure's unit).
    """

    name: str
    type: str
    description: str
    unit: str = ""
    unit_from: str = ""
    required: bool = False

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(
                f"Open data field {self.name!r} has type {self.type!r}; "
                f"use one of {', '.join(sorted(FIELD_TYPES))}."
            )

    @property
    def described(self) -> str:
        """The description with its unit, as the data package and the page say it."""
        if self.unit:
            return f"{self.description} Unit: {self.unit}."
        if self.unit_from:
            return f"{self.description} Unit: as given in the field {self.unit_from}."
        return self.description


@dataclass(frozen=True)
class OpenLicence:
    """A licence as a data package names it: ``name`` an Open Definition/SPDX id if known,
    ``path`` its address, ``title`` its words; ``attribution`` the words it requires."""

    title: str
    name: str = ""
    path: str = ""
    attribution: str = ""


@dataclass(frozen=True)
class OpenSource:
    """Where a table's data came from: a title and, when known, an address."""

    title: str
    path: str = ""


Row = Mapping[str, Any]


@dataclass(frozen=True)
class OpenTable:
    """One published table of a place.

    ``rows(place)`` yields one mapping per row, keyed by the field names, in a stable order
    (the app's order, then its key). ``licences(place)`` gives the licences of the table's data
    when they are not the place's own (a measure keeps its source's licence); None means the
    place's licence. ``sources(place)`` gives where the data came from (the place itself when
    None); ``updated(place)`` when the table last changed, if known.
    """

    name: str
    title: str
    description: str
    fields: tuple[OpenField, ...]
    rows: Callable[[Any], Iterable[Row]]
    order: int = 100
    licences: Callable[[Any], list[OpenLicence]] | None = None
    sources: Callable[[Any], list[OpenSource]] | None = None
    updated: Callable[[Any], dt.datetime | None] | None = None
    primary_key: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"Open data table {self.name!r} names a field twice: {names}.")
        unknown = [k for k in self.primary_key if k not in names]
        if unknown:
            raise ValueError(
                f"Open data table {self.name!r}: primary key {unknown} is not among its fields."
            )

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


_TABLES: dict[str, OpenTable] = {}


def open_table_register(*tables: OpenTable) -> None:
    """Publish ``tables`` for every place (call once, from ``AppConfig.ready()``)."""
    for table in tables:
        existing = _TABLES.get(table.name)
        if existing is not None and existing != table:
            raise ValueError(
                f"An open data table named {table.name!r} is already registered; "
                "give the new one another name."
            )
        _TABLES[table.name] = table


def open_table_list() -> list[OpenTable]:
    """Every registered table, in ``order`` then name."""
    return sorted(_TABLES.values(), key=lambda t: (t.order, t.name))


def open_table_get(name: str) -> OpenTable | None:
    """The table called ``name``, or None."""
    return _TABLES.get(name)
