"""Open data: the ``/data/`` page, each table as CSV and JSON, and the place's data package.

``/data/``                         every published table with its links, licence, attribution,
                                   last change and fields (a GOV.UK page, no JavaScript)
``/data/<table>.csv``              one table as CSV
``/data/<table>.json``             one table as JSON with its licence and fields
``/data/<place>-datapackage.zip``  every table as a Frictionless data package

Each also under ``/places/<slug>/data/…`` (the place is the URL's, as every page).
Views only translate HTTP: the files come from :mod:`onefuture.opendata.files`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from onefuture.opendata import files
from onefuture.opendata.registry import OpenTable, open_table_get, open_table_list
from onefuture.opendata.selectors import place_licence
from onefuture.web.place_urls import PlaceSite, place_page
from onefuture.web.shortcuts import render

#: Open data may be fetched by any site or tool (it is public; nothing is sent with it).
CORS = {"Access-Control-Allow-Origin": "*"}


def _table(name: str) -> OpenTable:
    table = open_table_get(name)
    if table is None:
        known = ", ".join(t.name for t in open_table_list())
        raise Http404(f"There is no open data table '{name}'. The tables are: {known}.")
    return table


@dataclass(frozen=True)
class TableEntry:
    table: OpenTable
    terms: files.TableTerms
    csv_url: str
    json_url: str


@place_page
def data_index(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Every published table, with its downloads, licence, attribution and fields."""
    own = place_licence(place=site.place)
    entries = [
        TableEntry(
            table=table,
            terms=files.table_terms(table, site.place, own),
            csv_url=site.url("open-data-csv", table.name),
            json_url=site.url("open-data-json", table.name),
        )
        for table in open_table_list()
    ]
    return render(
        request,
        site,
        "opendata/index.html",
        {
            "entries": entries,
            "own": own,
            "package_url": site.url("open-data-package", site.place.slug),
            "package_filename": files.package_filename(site.place),
        },
    )


def _headers(response: HttpResponse, filename: str) -> HttpResponse:
    for key, value in CORS.items():
        response[key] = value
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@place_page
def table_csv(request: HttpRequest, site: PlaceSite, table: str) -> HttpResponse:
    """One table as CSV (UTF-8, header row, RFC 4180)."""
    found = _table(table)
    # Whole, not streamed: the page cache and every test read ``content`` (ADR 0040 says
    # when measure data outgrow memory).
    response = HttpResponse(
        files.table_csv(found, site.place), content_type="text/csv; charset=utf-8"
    )
    return _headers(response, f"{site.place.slug}-{found.name}.csv")


@place_page
def table_json(request: HttpRequest, site: PlaceSite, table: str) -> HttpResponse:
    """One table as JSON, with its licences, attribution, sources and fields."""
    found = _table(table)
    body: dict[str, Any] = files.table_json(found, site.place)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    return _headers(response, f"{site.place.slug}-{found.name}.json")


@place_page
def package(request: HttpRequest, site: PlaceSite, package_place: str) -> HttpResponse:
    """The place's data package: ``datapackage.json`` and every table's CSV, zipped."""
    if package_place != site.place.slug:
        raise Http404(
            f"This is {site.place.name}'s open data: its data package is "
            f"{files.package_filename(site.place)}."
        )
    homepage = request.build_absolute_uri(site.url("open-data"))
    response = HttpResponse(
        files.package_zip(site.place, homepage=homepage), content_type="application/zip"
    )
    _headers(response, files.package_filename(site.place))
    response["Content-Disposition"] = f'attachment; filename="{files.package_filename(site.place)}"'
    return response
