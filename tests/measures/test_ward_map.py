"""The ward map draws each place's own stored boundaries, with their own attribution, or nothing."""

from __future__ import annotations

import json
import re

import pytest

from onefuture.measures.models import DataPoint, Measure
from onefuture.places.models import Area, BoundarySet
from onefuture.places.services import boundary_set_load
from tests.factories import AreaFactory
from tests.measures.pages_sample import (
    SAMPLE_ATTRIBUTION,
    WARD_CODES,
    measures_sample,
    ward_boundaries_load,
    ward_squares,
)

pytestmark = pytest.mark.django_db

ELSEWHERE_ATTRIBUTION = "Boundaries © Elsewhere District Council 2025, used under licence"


def _map_figure(html: str) -> str | None:
    """The HTML of the page's map figure, or None if the page has no map."""
    found = re.search(r'<figure[^>]*data-chart-slug="map".*?</figure>', html, re.S)
    return found.group(0) if found else None


def _map_spec(figure: str) -> dict:
    text = re.search(r"<script[^>]*data-chart-spec[^>]*>(.*?)</script>", figure, re.S).group(1)
    return json.loads(text)


@pytest.fixture
def two_places():
    """Riverton with its boundaries, and Elsewhere with wards, ward data and its own boundaries."""
    sample = measures_sample()
    ward_boundaries_load(sample.place)
    other = sample.other_place
    town = Area.objects.get(place=other, type="local_authority")
    measure = Measure.objects.get(place=other, key="employment")
    for i, code in enumerate(WARD_CODES):
        ward = AreaFactory(place=other, code=code, name=f"Elsewhere ward {i}", parent=town)
        DataPoint.objects.create(
            measure=measure,
            area=ward,
            period="2023",
            period_kind="calendar",
            year=2023,
            value=10.0 + i,
        )
    boundary_set_load(
        place=other,
        area_type="ward",
        collection=ward_squares(),
        code_property="area_code",
        source="Elsewhere District Council",
        attribution=ELSEWHERE_ATTRIBUTION,
    )
    return sample


def test_each_places_map_carries_its_own_boundaries_attribution(client, two_places):
    riverton = _map_figure(client.get("/places/riverton/measures/employment/").content.decode())
    elsewhere = _map_figure(client.get("/places/elsewhere/measures/employment/").content.decode())
    assert riverton is not None and elsewhere is not None
    assert SAMPLE_ATTRIBUTION in riverton and ELSEWHERE_ATTRIBUTION not in riverton
    assert ELSEWHERE_ATTRIBUTION in elsewhere and SAMPLE_ATTRIBUTION not in elsewhere
    assert "Ward boundaries: Elsewhere District Council." in elsewhere
    # In the chart itself too (the licence asks for it on the map), split before "©".
    subtitle = _map_spec(elsewhere)["title"]["subtitle"]
    assert subtitle[-1] == "© Elsewhere District Council 2025, used under licence"
    # Each map draws its own place's wards, under their own names.
    assert "Elsewhere ward 0" in elsewhere and "Elsewhere ward 0" not in riverton


def test_a_place_without_stored_boundaries_has_no_map_but_keeps_its_ward_chart(client, two_places):
    BoundarySet.objects.filter(place=two_places.other_place).delete()
    html = client.get("/places/elsewhere/measures/employment/").content.decode()
    assert _map_figure(html) is None
    assert 'data-chart-slug="wards"' in html
    riverton = client.get("/places/riverton/measures/employment/").content.decode()
    assert _map_figure(riverton) is not None


def test_the_map_download_is_refused_when_there_are_no_boundaries(client, two_places):
    assert client.get("/places/riverton/measures/employment/charts/map.csv").status_code == 200
    BoundarySet.objects.filter(place=two_places.place).delete()
    assert client.get("/places/riverton/measures/employment/charts/map.csv").status_code == 404
