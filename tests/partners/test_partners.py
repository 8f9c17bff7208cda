"""Partners: listed in order, filtered by type, scoped by place, linkable."""

from __future__ import annotations

import pytest

from onefuture.framework.selectors import item_get, link_list
from onefuture.partners.selectors import partner_get, partner_list
from tests.factories import BigThingFactory, LinkFactory, PartnerFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_partners_in_order_by_type_and_only_the_places_own():
    here, there = PlaceFactory(), PlaceFactory()
    PartnerFactory(place=here, name="Police", type="police", order=2)
    PartnerFactory(place=here, name="Council", type="council", order=1)
    PartnerFactory(place=there, name="Elsewhere Council", type="council", order=1)
    assert [p.name for p in partner_list(place=here)] == ["Council", "Police"]
    assert [p.name for p in partner_list(place=here, type="police")] == ["Police"]
    assert [p.name for p in partner_list(place=there)] == ["Elsewhere Council"]


def test_a_partner_is_an_item_links_can_point_at():
    place = PlaceFactory()
    partner = PartnerFactory(place=place, key="homes-org", name="Homes Org", type="housing")
    big_thing = BigThingFactory(place=place, key="homes")
    LinkFactory(source=partner, target=big_thing, strength=3)
    (link,) = link_list(place=place)
    assert (link.source.kind, link.source.title, link.target.key) == (
        "partner",
        "Homes Org",
        "homes",
    )
    assert item_get(place=place, key="homes-org").kind == "partner"
    assert partner_get(place=place, key="homes-org") == partner
