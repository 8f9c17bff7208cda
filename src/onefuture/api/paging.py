"""The one shape of every list the API answers, and of its errors (ADR 0038).

A list route answers a *page*::

    {"count": 42, "limit": 100, "offset": 0, "items": [...]}

``count`` is how many items match the filters (all pages), ``limit`` and ``offset`` are the
ones applied (``?limit=`` 1 to :data:`MAX_LIMIT`, default :data:`DEFAULT_LIMIT`; ``?offset=``
from 0), ``items`` the page itself, in the route's stable order. A client reads the next page
with ``offset + limit`` until ``offset >= count``. Why one explicit schema rather than ninja's
``@paginate`` decorator: the decorator rewrites the route's signature and response behind the
scenes, and a route here also takes its filters (``?place=`` and the rest) as one validated
schema; a page built by :func:`page_of` is the same for a selector's list (sliced in Python) and
a queryset (sliced in the database: a measure's data points).

Each route's query parameters are a :class:`ListQuery` subclass (``place``, ``limit``,
``offset`` and its own filters), so a value the schema rejects is a 400 in the API's error
shape naming the parameter. :data:`ERRORS` documents that shape (:class:`ErrorOut`) for the
statuses a read can answer, so the OpenAPI schema says what every response looks like
(schemathesis checks every response against it: tests/api/test_schemathesis.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja import Field, Schema
from pydantic import create_model

#: Items on a page unless ``?limit=`` says otherwise, and the most it may ask for.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class ErrorDetailOut(Schema):
    field: str
    row: int | None
    column: str
    message: str


class ErrorOut(Schema):
    """Every error the API answers (``onefuture.api.main.error_body``)."""

    message: str
    errors: list[ErrorDetailOut]


#: The error responses of a read route, beside its 200: a query the schema rejects (400), a
#: token that is not valid (401), something the reader may not see (403), nothing there (404).
ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PlaceQuery(Schema):
    """``?place=<slug>``: the place to read (else the default place)."""

    place: str | None = Field(None, description="The place's slug; the default place if left out.")


class ListQuery(PlaceQuery):
    """The query of every list route: the place, and which page."""

    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (1 to {MAX_LIMIT})."
    )
    offset: int = Field(0, ge=0, description="How many items to skip.")


_PAGES: dict[str, type[Schema]] = {}


def page_schema(item: type[Schema]) -> type[Schema]:
    """The page schema of ``item`` (``MeasureOut`` -> ``MeasureOutPage``), made once per item."""
    name = f"{item.__name__}Page"
    if name not in _PAGES:
        _PAGES[name] = create_model(  # type: ignore[call-overload]
            name,
            __base__=Schema,
            count=(int, Field(..., description="Items that match, on every page.")),
            limit=(int, ...),
            offset=(int, ...),
            items=(list[item], ...),  # type: ignore[valid-type]
        )
    return _PAGES[name]


def page_of(
    rows: Any,
    query: ListQuery,
    shape: Callable[[Any], Any] = lambda row: row,
) -> dict[str, Any]:
    """One page of ``rows`` (a list, or a queryset sliced in the database), each ``shape``d."""
    count = rows.count() if hasattr(rows, "model") else len(rows)
    window = rows[query.offset : query.offset + query.limit]
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [shape(row) for row in window],
    }
