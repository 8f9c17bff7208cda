"""Places: terminology per place, area look-ups in order and scoped, database rules."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from onefuture.core.errors import NotFound
from onefuture.places.selectors import (
    area_children,
    area_get,
    area_home,
    area_list,
    comparator_group_get,
    place_resolve,
)
from onefuture.places.terminology import DEFAULT_TERMS, terminology_for
from tests.factories import AreaFactory, ComparatorGroupFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_a_place_can_rename_a_concept_and_keeps_the_other_defaults():
    place = PlaceFactory(terminology={"big_thing": {"singular": "mission", "plural": "missions"}})
    assert place.terms["big_thing"] == {"singular": "mission", "plural": "missions"}
    assert place.terms["outcome"] == DEFAULT_TERMS["outcome"]


def test_terminology_ignores_unknown_keys_forms_and_empty_words():
    terms = terminology_for({"nonsense": {"singular": "x"}, "outcome": {"plural": "", "dual": "y"}})
    assert "nonsense" not in terms
    assert terms["outcome"] == DEFAULT_TERMS["outcome"]


@pytest.fixture
def geography():
    place = PlaceFactory(slug="here")
    england = AreaFactory(place=place, code="E92000001", name="England", type="country")
    la = AreaFactory(place=place, code="E08000007", name="Stockport", type="local_authority")
    la.parent = england
    la.save()
    for code, name in [("E05015034", "Reddish South"), ("E05015014", "Bramhall North")]:
        AreaFactory(place=place, code=code, name=name, type="ward", parent=la)
    AreaFactory(place=place, code="E08000002", name="Bury", type="local_authority", parent=england)
    other = PlaceFactory(slug="there")
    AreaFactory(place=other, code="E05015014", name="Someone else's ward", type="ward")
    return place, other


def test_areas_are_listed_broadest_first_then_by_name_and_only_the_places_own(geography):
    place, _ = geography
    assert [a.name for a in area_list(place=place)] == [
        "England",
        "Bury",
        "Stockport",
        "Bramhall North",
        "Reddish South",
    ]
    assert [a.code for a in area_list(place=place, type="ward")] == ["E05015014", "E05015034"]


def test_area_look_ups_are_scoped_by_place(geography):
    place, other = geography
    assert area_get(place=place, code="E05015014").name == "Bramhall North"
    assert area_get(place=other, code="E05015014").name == "Someone else's ward"
    stockport = area_get(place=place, code="E08000007")
    assert [a.name for a in area_children(area=stockport)] == ["Bramhall North", "Reddish South"]
    assert area_home(place=place) == stockport  # the local authority that has wards
    assert area_home(place=other) is None


def test_an_area_code_is_unique_within_a_place_and_a_decile_is_1_to_10(geography):
    place, _ = geography
    with pytest.raises(IntegrityError), transaction.atomic():
        AreaFactory(place=place, code="E92000001")
    with pytest.raises(IntegrityError), transaction.atomic():
        AreaFactory(place=place, deprivation_decile=11)


def test_comparator_group_look_up_is_scoped(geography):
    place, other = geography
    ComparatorGroupFactory(place=place, slug="nn", name="Ours")
    ComparatorGroupFactory(place=other, slug="nn", name="Theirs")
    assert comparator_group_get(place=other, slug="nn").name == "Theirs"


def test_place_resolve_explains_what_to_do():
    with pytest.raises(NotFound, match="There are no places yet"):
        place_resolve()
    PlaceFactory(slug="only")
    assert place_resolve().slug == "only"
    with pytest.raises(NotFound, match="Known places: only"):
        place_resolve(slug="missing")
