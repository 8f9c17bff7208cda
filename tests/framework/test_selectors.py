"""Tenant scoping and shape of the framework selectors: place A's items never show for place B."""

from __future__ import annotations

import pytest

from onefuture.framework import selectors
from onefuture.partners.selectors import partner_list
from onefuture.places.selectors import area_list, comparator_group_list
from tests.factories import (
    AmbitionApplicationFactory,
    AreaFactory,
    BigThingFactory,
    ComparatorGroupFactory,
    CrossCuttingAmbitionFactory,
    LinkFactory,
    OutcomeFactory,
    PartnerFactory,
    PlaceFactory,
    PriorityFactory,
    VisionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_places():
    """Two places with the same keys, so a selector that forgets the place would mix them."""
    a, b = PlaceFactory(slug="a", name="A"), PlaceFactory(slug="b", name="B")
    for place in (a, b):
        VisionFactory(place=place)
        first = BigThingFactory(place=place, key="jobs", title=f"Jobs in {place.slug}", order=1)
        second = BigThingFactory(place=place, key="homes", title=f"Homes in {place.slug}", order=2)
        OutcomeFactory(big_thing=first, key="jobs-outcome")
        ambition = CrossCuttingAmbitionFactory(place=place, key="fairness")
        AmbitionApplicationFactory(ambition=ambition, big_thing=first)
        PriorityFactory(pillar__plan__place=place, key="old").big_things.add(first)
        PartnerFactory(place=place, key="council", name=f"{place.name} Council")
        AreaFactory(place=place, code="E08000007", type="local_authority")
        ComparatorGroupFactory(place=place, slug="nn")
        LinkFactory(source=first, target=second, rationale=f"link in {place.slug}")
    return a, b


def test_every_selector_returns_only_the_places_own_items(two_places):
    a, b = two_places
    assert selectors.vision_get(place=a).place == a
    assert [bt.title for bt in selectors.big_thing_list(place=a)] == ["Jobs in a", "Homes in a"]
    assert {o.place for o in selectors.outcome_list(place=a)} == {a}
    assert {x.place for x in selectors.ambition_list(place=b)} == {b}
    assert [p.name for p in partner_list(place=b)] == ["B Council"]
    assert {x.place for x in area_list(place=a)} == {a}
    assert {x.place for x in comparator_group_list(place=a)} == {a}
    assert [link.rationale for link in selectors.link_list(place=b)] == ["link in b"]


def test_big_thing_detail_is_scoped_and_complete(two_places):
    a, _ = two_places
    detail = selectors.big_thing_detail(place=a, key="jobs")
    assert detail.big_thing.title == "Jobs in a"
    assert [o.key for o in detail.outcomes] == ["jobs-outcome"]
    assert [app.ambition.place for app in detail.applications] == [a]
    assert [p.place for p in detail.predecessor_priorities] == [a]
    assert [(lv.source.key, lv.target.key, lv.rationale) for lv in detail.links] == [
        ("jobs", "homes", "link in a")
    ]


def test_ambition_matrix_has_a_cell_only_where_an_ambition_applies(two_places):
    a, _ = two_places
    matrix = selectors.ambition_matrix(place=a)
    jobs, homes = matrix.big_things
    (fairness,) = matrix.ambitions
    assert matrix.cell(jobs, fairness).big_thing == jobs
    assert matrix.cell(homes, fairness) is None


def test_item_get_finds_any_kind_by_key_within_the_place(two_places):
    a, b = two_places
    assert selectors.item_get(place=a, key="council").title == "A Council"
    assert selectors.item_get(place=b, key="jobs-outcome").kind == "outcome"
    with pytest.raises(LookupError):
        selectors.item_get(place=a, key="nowhere")


def test_deleting_an_item_deletes_its_links(two_places):
    a, _ = two_places
    selectors.big_thing_get(place=a, key="homes").delete()
    assert selectors.link_list(place=a) == []
