"""The open data files of a place, built from the registered tables (ADR 0040).

- CSV: UTF-8 (no byte-order mark), a header row of the field names, RFC 4180 (comma, double
  quotes where needed, CRLF line ends); empty for no value; ``true``/``false``; dates
  ``YYYY-MM-DD`` and times ``YYYY-MM-DDThh:mm:ssZ`` (UTC), as Table Schema reads them.
- JSON: ``{"table", "title", "description", "place", "licences", "attribution", "sources",
  "updated", "fields", "rows"}``; ``rows`` a list of objects keyed by field name, with
  numbers, booleans and nulls as JSON has them and dates and times as in the CSV.
- The data package: a zip of ``datapackage.json`` (a Frictionless tabular data package: each
  resource's path, Table Schema with units in the descriptions, licences and sources) and one
  CSV per table.

This module reads nothing itself: the rows come from each table's ``rows`` (the domain apps'
selectors) and the place's licence from :func:`onefuture.opendata.selectors.place_licence`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from onefuture.opendata.registry import OpenLicence, OpenSource, OpenTable, open_table_list
from onefuture.opendata.selectors import PlaceLicence, place_licence

#: The data package's own file name inside the zip.
DESCRIPTOR = "datapackage.json"
#: A fixed time for every member of the zip, so the same data make the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def cell_value(value: Any) -> Any:
    """A row's value as JSON has it (dates and times as text, in UTC)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN: no value
        return None
    return value


def cell_text(value: Any) -> str:
    """A row's value as the CSV writes it."""
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _row_values(table: OpenTable, row: Any) -> list[Any]:
    missing = [name for name in table.field_names if name not in row]
    if missing:
        raise ValueError(f"Open data table {table.name!r}: a row has no {', '.join(missing)}.")
    return [row[name] for name in table.field_names]


def table_csv_lines(table: OpenTable, place: Any) -> Iterator[str]:
    """The table's CSV, line by line (for a streamed response)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def take() -> str:
        text = out.getvalue()
        out.seek(0)
        out.truncate(0)
        return text

    writer.writerow(table.field_names)
    yield take()
    for row in table.rows(place):
        writer.writerow([cell_text(v) for v in _row_values(table, row)])
        yield take()


def table_csv(table: OpenTable, place: Any) -> str:
    """The table's whole CSV."""
    return "".join(table_csv_lines(table, place))


@dataclass(frozen=True)
class TableTerms:
    """What applies to one table of a place: licences, attribution, sources, last change."""

    licences: tuple[OpenLicence, ...]
    sources: tuple[OpenSource, ...]
    updated: dt.datetime | None
    #: The words each licence asks reusers to show, once each, in order.
    attributions: tuple[str, ...] = ()

    @property
    def attribution(self) -> str:
        return " ".join(self.attributions)


def _once(items: Iterable[str]) -> tuple[str, ...]:
    found: list[str] = []
    for item in items:
        if item and item not in found:
            found.append(item)
    return tuple(found)


def table_terms(table: OpenTable, place: Any, own: PlaceLicence | None = None) -> TableTerms:
    """The licences (the place's own unless the table says), sources and last change.

    A licence named by several sources (each measure's OGL v3 with its own attribution) is
    listed once; every attribution is kept."""
    own = own or place_licence(place=place)
    licences = (table.licences(place) if table.licences else []) or [own.licence]
    sources = table.sources(place) if table.sources else []
    unique: dict[str, OpenLicence] = {}
    for lic in licences:
        unique.setdefault(
            lic.name or lic.title, OpenLicence(title=lic.title, name=lic.name, path=lic.path)
        )
    return TableTerms(
        licences=tuple(unique.values()),
        sources=tuple(sources) or (OpenSource(title=own.publisher),),
        updated=table.updated(place) if table.updated else None,
        attributions=_once(lic.attribution for lic in licences),
    )


def _licence_json(licence: OpenLicence) -> dict[str, str]:
    found = {"name": licence.name, "path": licence.path, "title": licence.title}
    return {k: v for k, v in found.items() if v}


def _source_json(source: OpenSource) -> dict[str, str]:
    return {"title": source.title, **({"path": source.path} if source.path else {})}


def _field_json(field: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"name": field.name, "type": field.type}
    if field.type == "datetime":
        found["format"] = "%Y-%m-%dT%H:%M:%SZ"
    found["description"] = field.described
    if field.required:
        found["constraints"] = {"required": True}
    return found


def table_json(table: OpenTable, place: Any) -> dict[str, Any]:
    """The table as one JSON document (see the module)."""
    terms = table_terms(table, place)
    return {
        "table": table.name,
        "title": table.title,
        "description": table.description,
        "place": {"slug": place.slug, "name": place.name},
        "licences": [_licence_json(licence) for licence in terms.licences],
        "attribution": terms.attribution,
        "sources": [_source_json(s) for s in terms.sources],
        "updated": cell_value(terms.updated),
        "fields": [_field_json(f) for f in table.fields],
        "rows": [
            {
                name: cell_value(value)
                for name, value in zip(table.field_names, _row_values(table, row), strict=True)
            }
            for row in table.rows(place)
        ],
    }


def package_name(place: Any) -> str:
    """The data package's name: ``<place slug>-open-data`` (lower case, as the spec asks)."""
    return f"{place.slug.lower()}-open-data"


def package_filename(place: Any) -> str:
    return f"{place.slug}-datapackage.zip"


def package_descriptor(
    place: Any, tables: Iterable[OpenTable] | None = None, *, homepage: str = ""
) -> dict[str, Any]:
    """``datapackage.json`` for the place's tables (every registered one by default)."""
    tables = list(open_table_list() if tables is None else tables)
    own = place_licence(place=place)
    resources = []
    for table in tables:
        terms = table_terms(table, place, own)
        schema: dict[str, Any] = {"fields": [_field_json(f) for f in table.fields]}
        if table.primary_key:
            schema["primaryKey"] = list(table.primary_key)
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "title": table.title,
                "description": table.description
                + (f" Attribution: {terms.attribution}" if terms.attribution else ""),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
                "licenses": [_licence_json(licence) for licence in terms.licences],
                "sources": [_source_json(s) for s in terms.sources],
            }
        )
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": package_name(place),
        "title": f"{place.name}: open data",
        "description": f"Every published table of {place.name}'s vision: its framework, "
        "success measures and their data and assessments, routemaps, published updates, agreed "
        f"partner commitments and engagement. Attribution: {own.licence.attribution}",
        "licenses": [_licence_json(own.licence)],
        "contributors": [{"title": own.publisher, "role": "publisher"}],
        "resources": resources,
    }
    if homepage:
        descriptor["homepage"] = homepage
    return descriptor


def package_files(place: Any, *, homepage: str = "") -> Iterator[tuple[str, bytes]]:
    """Each file of the data package as (name, bytes): ``datapackage.json`` first."""
    tables = open_table_list()
    descriptor = package_descriptor(place, tables, homepage=homepage)
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    yield DESCRIPTOR, text.encode("utf-8")
    for table in tables:
        yield f"{table.name}.csv", table_csv(table, place).encode("utf-8")


def package_zip(place: Any, *, homepage: str = "") -> bytes:
    """The data package as one zip (the same data give the same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in package_files(place, homepage=homepage):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body)
    return out.getvalue()
