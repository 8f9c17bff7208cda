"""The framework's routes of the JSON API (``/api/v1/…``; registered in ``apps.py``).

``GET /place/``                  the place, its words and its vision (statement, horizon year)
``GET /big-things/``             the big things in order, each with its outcomes (to 2040) and the
                                 ambitions that apply to it (a page, ADR 0038)
``GET /big-things/{key}/``       one big thing: outcomes, how each ambition applies, the previous
                                 plan's priorities it carries on, its links
``GET /ambitions/``              the cross-cutting ambitions, each with how it applies to each big
                                 thing (a page)
``GET /ambitions/{key}/``        one ambition
``GET /links/``                  every link between framework items, in the file's order
                                 (``?item=<key>``: only those into or out of one item; a page)
``GET /items/{key}/``            any framework item by its key: its kind, title and links

Everything the framework file holds is published (the public site shows all of it); nothing
here names a person. Reads go through :mod:`onefuture.framework.selectors` and
:mod:`onefuture.places.selectors`; this module only shapes their results.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from onefuture.api.main import api_place
from onefuture.api.paging import ERRORS, ListQuery, PlaceQuery, page_of, page_schema
from onefuture.core.errors import ErrorDetail, NotFound
from onefuture.framework import selectors
from onefuture.framework.models import BigThing
from onefuture.places.selectors import place_terms


class VisionOut(Schema):
    title: str
    statement: str
    start_year: int
    horizon_year: int
    illustrative: bool


class PlaceOut(Schema):
    slug: str
    name: str
    description: str
    #: The place's words for each concept: ``terms["big_thing"]["plural"]``.
    terms: dict[str, dict[str, str]]
    vision: VisionOut | None


class OutcomeOut(Schema):
    key: str
    statement: str
    illustrative: bool


class BigThingOut(Schema):
    key: str
    title: str
    summary: str
    summary_illustrative: bool
    outcomes: list[OutcomeOut]
    ambitions: list[str]
    illustrative: bool


class ApplicationOut(Schema):
    """How one ambition applies to one big thing."""

    ambition: str
    ambition_title: str
    big_thing: str
    big_thing_title: str
    how: str
    illustrative: bool


class PriorityOut(Schema):
    key: str
    title: str
    pillar: str
    pillar_title: str
    illustrative: bool


class ItemRefOut(Schema):
    kind: str
    key: str
    title: str
    illustrative: bool


class LinkOut(Schema):
    source: ItemRefOut
    target: ItemRefOut
    type: str
    type_label: str
    strength: int
    rationale: str
    illustrative: bool


class BigThingDetailOut(BigThingOut):
    applications: list[ApplicationOut]
    predecessor_priorities: list[PriorityOut]
    links: list[LinkOut]


class AmbitionOut(Schema):
    key: str
    title: str
    summary: str
    applications: list[ApplicationOut]
    illustrative: bool


class ItemOut(ItemRefOut):
    links: list[LinkOut]


class LinkQuery(ListQuery):
    item: str | None = Field(
        None, description="Only the links into or out of the item with this key."
    )


def _application(a: Any) -> dict[str, Any]:
    return {
        "ambition": a.ambition.key,
        "ambition_title": a.ambition.title,
        "big_thing": a.big_thing.key,
        "big_thing_title": a.big_thing.title,
        "how": a.how,
        "illustrative": a.illustrative,
    }


def _ref(ref: Any) -> dict[str, Any]:
    return {"kind": ref.kind, "key": ref.key, "title": ref.title, "illustrative": ref.illustrative}


def _link(link: selectors.LinkView) -> dict[str, Any]:
    return {
        "source": _ref(link.source),
        "target": _ref(link.target),
        "type": link.type,
        "type_label": link.type_label,
        "strength": link.strength,
        "rationale": link.rationale,
        "illustrative": link.illustrative,
    }


def _big_thing(b: Any, ambitions: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "key": b.key,
        "title": b.title,
        "summary": b.summary,
        "summary_illustrative": b.summary_illustrative,
        "outcomes": [
            {"key": o.key, "statement": o.statement, "illustrative": o.illustrative}
            for o in b.outcomes.all()
        ],
        "ambitions": ambitions.get(b.key, []),
        "illustrative": b.illustrative,
    }


def _ambitions_by_big_thing(place: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for ambition in selectors.ambition_list(place=place):
        for a in ambition.applications.all():
            found.setdefault(a.big_thing.key, []).append(ambition.key)
    return found


def _ambition(ambition: Any) -> dict[str, Any]:
    return {
        "key": ambition.key,
        "title": ambition.title,
        "summary": ambition.summary,
        "applications": [
            _application(a) | {"ambition_title": ambition.title}
            for a in ambition.applications.all()
        ],
        "illustrative": ambition.illustrative,
    }


def framework_router() -> Router:
    """A new router with the framework's routes (see the module)."""
    router = Router()

    @router.get("/place/", response={200: PlaceOut, **ERRORS}, url_name="place_detail")
    def place_detail(request: HttpRequest, query: Query[PlaceQuery]) -> dict[str, Any]:
        """The place, its words and its vision."""
        place = api_place(query.place)
        vision = selectors.vision_get(place=place)
        return {
            "slug": place.slug,
            "name": place.name,
            "description": place.description,
            "terms": place_terms(place=place),
            "vision": None
            if vision is None
            else {
                "title": vision.title,
                "statement": vision.statement,
                "start_year": vision.start_year,
                "horizon_year": vision.horizon_year,
                "illustrative": vision.illustrative,
            },
        }

    @router.get(
        "/big-things/", response={200: page_schema(BigThingOut), **ERRORS}, url_name="big_things"
    )
    def big_things(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
        """The big things in the framework's order, with their outcomes."""
        place = api_place(query.place)
        ambitions = _ambitions_by_big_thing(place)
        rows = list(selectors.big_thing_list(place=place))
        return page_of(rows, query, lambda b: _big_thing(b, ambitions))

    @router.get(
        "/big-things/{key}/", response={200: BigThingDetailOut, **ERRORS}, url_name="big_thing"
    )
    def big_thing(request: HttpRequest, key: str, query: Query[PlaceQuery]) -> dict[str, Any]:
        """One big thing with how each ambition applies, its previous priorities and links."""
        place = api_place(query.place)
        try:
            detail = selectors.big_thing_detail(place=place, key=key)
        except BigThing.DoesNotExist:
            raise NotFound(f"There is no big thing '{key}'.") from None
        priorities = [
            {
                "key": p.key,
                "title": p.title,
                "pillar": p.pillar.key,
                "pillar_title": p.pillar.title,
                "illustrative": p.illustrative,
            }
            for p in detail.predecessor_priorities
        ]
        return {
            **_big_thing(detail.big_thing, _ambitions_by_big_thing(place)),
            "applications": [_application(a) for a in detail.applications],
            "predecessor_priorities": priorities,
            "links": [_link(link) for link in detail.links],
        }

    @router.get(
        "/ambitions/", response={200: page_schema(AmbitionOut), **ERRORS}, url_name="ambitions"
    )
    def ambitions(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
        """The cross-cutting ambitions in order, each with how it applies to each big thing."""
        rows = list(selectors.ambition_list(place=api_place(query.place)))
        return page_of(rows, query, _ambition)

    @router.get("/ambitions/{key}/", response={200: AmbitionOut, **ERRORS}, url_name="ambition")
    def ambition(request: HttpRequest, key: str, query: Query[PlaceQuery]) -> dict[str, Any]:
        """One cross-cutting ambition."""
        for found in selectors.ambition_list(place=api_place(query.place)):
            if found.key == key:
                return _ambition(found)
        raise NotFound(f"There is no cross-cutting ambition '{key}'.")

    @router.get("/links/", response={200: page_schema(LinkOut), **ERRORS}, url_name="links")
    def links(request: HttpRequest, query: Query[LinkQuery]) -> dict[str, Any]:
        """Every link between framework items in the file's order, or those of one item."""
        place = api_place(query.place)
        if query.item:
            ref = _item(place, query.item, field="item")
            rows = selectors.link_list_for_item(item=ref.item)
        else:
            rows = selectors.link_list(place=place)
        return page_of(rows, query, _link)

    @router.get("/items/{key}/", response={200: ItemOut, **ERRORS}, url_name="item")
    def item(request: HttpRequest, key: str, query: Query[PlaceQuery]) -> dict[str, Any]:
        """Any framework item (big thing, outcome, ambition, priority, partner, measure, ...)."""
        ref = _item(api_place(query.place), key)
        return {
            **_ref(ref),
            "links": [_link(x) for x in selectors.link_list_for_item(item=ref.item)],
        }

    return router


def _item(place: Any, key: str, field: str = "") -> selectors.ItemRef:
    try:
        return selectors.item_get(place=place, key=key)
    except LookupError:
        message = f"There is no framework item '{key}'."
        details = [ErrorDetail(field=field, message=message)] if field else []
        raise NotFound(message, errors=details) from None
