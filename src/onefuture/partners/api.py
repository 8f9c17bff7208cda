"""The partners' routes of the JSON API (``/api/v1/…``; registered in ``apps.py``).

``GET /partners/``         the partner organisations in the framework's order (``?type=``; a page)
``GET /partners/{key}/``   one partner, with its links to framework items

A partner is an organisation the framework file lists, and the public site shows every one
(``/partners/``), so every partner is published. Organisations only: no route returns a person
(an editor's name or e-mail, a commitment's contact). What a partner has agreed to do is
``GET /commitments/?partner=<key>`` (routemaps). Reads go through
:mod:`onefuture.partners.selectors`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from onefuture.api.main import api_place
from onefuture.api.paging import ERRORS, ListQuery, PlaceQuery, page_of, page_schema
from onefuture.core.errors import NotFound
from onefuture.framework.api import LinkOut, _link
from onefuture.framework.selectors import link_list_for_item
from onefuture.partners.models import Partner, PartnerType
from onefuture.partners.selectors import partner_get, partner_list


class PartnerEntryOut(Schema):
    key: str
    name: str
    type: PartnerType
    type_label: str
    url: str
    description: str
    illustrative: bool


class PartnerDetailOut(PartnerEntryOut):
    links: list[LinkOut]


class PartnerQuery(ListQuery):
    type: PartnerType | None = Field(None, description="Only the partners of this type.")


def _partner(p: Partner) -> dict[str, Any]:
    return {
        "key": p.key,
        "name": p.name,
        "type": p.type,
        "type_label": p.get_type_display(),
        "url": p.url,
        "description": p.description,
        "illustrative": p.illustrative,
    }


def partners_router() -> Router:
    """A new router with the partners' routes (see the module)."""
    router = Router()

    @router.get(
        "/partners/", response={200: page_schema(PartnerEntryOut), **ERRORS}, url_name="partners"
    )
    def partners(request: HttpRequest, query: Query[PartnerQuery]) -> dict[str, Any]:
        """The partner organisations in the framework's order, optionally of one type."""
        rows = partner_list(place=api_place(query.place), type=query.type)
        return page_of(rows, query, _partner)

    @router.get("/partners/{key}/", response={200: PartnerDetailOut, **ERRORS}, url_name="partner")
    def partner(request: HttpRequest, key: str, query: Query[PlaceQuery]) -> dict[str, Any]:
        """One partner organisation and its links."""
        try:
            found = partner_get(place=api_place(query.place), key=key)
        except Partner.DoesNotExist:
            raise NotFound(f"There is no partner '{key}'.") from None
        return {**_partner(found), "links": [_link(x) for x in link_list_for_item(item=found)]}

    return router
