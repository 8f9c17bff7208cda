"""The API's read routes for the framework, measures and partners (ADR 0038), on the Stockport
example: values match the database, filters and pages work, errors have the one shape, and
what is not published (another place's items, people) never appears."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.framework.models import BigThing, CrossCuttingAmbition, Link, Outcome, Vision
from onefuture.measures.models import Assessment, DataPoint, Measure
from onefuture.partners.models import Partner
from onefuture.places.models import Area, Place
from tests.api.stockport import stockport_example

pytestmark = pytest.mark.django_db
example = stockport_example


def _get(client: Client, url: str, status: int = 200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _all(client: Client, url: str, limit: int = 2, **params) -> list[dict]:
    """Every item of a list route, read page by page (``limit`` at a time)."""
    items: list[dict] = []
    offset = 0
    while True:
        page = _get(client, url, limit=limit, offset=offset, **params)
        assert page["limit"] == limit and page["offset"] == offset
        items += page["items"]
        offset += limit
        if offset >= page["count"]:
            assert len(items) == page["count"]
            return items


def test_the_place_and_its_vision(client: Client, example: Place) -> None:
    body = _get(client, "/api/v1/place/")
    vision = Vision.objects.get(place=example)
    assert body["slug"] == "stockport" and body["name"] == example.name
    assert body["vision"]["statement"] == vision.statement
    assert body["vision"]["horizon_year"] == vision.horizon_year == 2040
    assert body["terms"]["big_thing"]["plural"]
    assert _get(client, "/api/v1/place/", place="stockport") == body
    missing = _get(client, "/api/v1/place/", status=404, place="nowhere")
    assert missing["message"].startswith("No place with slug 'nowhere'") and missing["errors"] == []


def test_big_things_with_outcomes_in_order_and_one_by_one(client: Client, example: Place) -> None:
    page = _get(client, "/api/v1/big-things/")
    stored = list(BigThing.objects.filter(place=example).order_by("order", "key"))
    assert page["count"] == len(stored) == 5 and page["offset"] == 0 and page["limit"] == 100
    assert [b["key"] for b in page["items"]] == [b.key for b in stored]
    first = page["items"][0]
    assert first["title"] == stored[0].title
    outcomes = Outcome.objects.filter(big_thing=stored[0]).order_by("order", "key")
    assert [o["statement"] for o in first["outcomes"]] == [o.statement for o in outcomes]
    applies = CrossCuttingAmbition.objects.filter(place=example, big_things=stored[0])
    assert set(first["ambitions"]) == {a.key for a in applies} and first["ambitions"]
    # Paging gives the same items in the same order, a page at a time.
    assert _all(client, "/api/v1/big-things/") == page["items"]
    detail = _get(client, f"/api/v1/big-things/{stored[0].key}/")
    assert {k: detail[k] for k in first} == first
    assert {a["ambition"] for a in detail["applications"]} == set(first["ambitions"])
    assert detail["predecessor_priorities"] and all(
        p["pillar"] for p in detail["predecessor_priorities"]
    )
    assert _get(client, "/api/v1/big-things/nothing/", status=404) == {
        "message": "There is no big thing 'nothing'.",
        "errors": [],
    }


def test_ambitions_links_and_items(client: Client, example: Place) -> None:
    ambitions = _all(client, "/api/v1/ambitions/")
    stored = list(CrossCuttingAmbition.objects.filter(place=example).order_by("order", "key"))
    assert [a["key"] for a in ambitions] == [a.key for a in stored]
    one = _get(client, f"/api/v1/ambitions/{stored[0].key}/")
    assert one == ambitions[0] and one["applications"][0]["how"]
    assert _get(client, "/api/v1/ambitions/nothing/", status=404)["message"].endswith("'nothing'.")

    links = _all(client, "/api/v1/links/", limit=7)
    assert len(links) == Link.objects.filter(place=example).count() > 7
    assert {link["type"] for link in links} <= {"supports", "depends_on", "conflicts_with"}
    key = links[0]["source"]["key"]
    own = _get(client, "/api/v1/links/", item=key)["items"]
    assert own and all(key in (x["source"]["key"], x["target"]["key"]) for x in own)
    item = _get(client, f"/api/v1/items/{key}/")
    assert item["key"] == key and item["kind"] == links[0]["source"]["kind"]
    assert item["links"] == own
    bad = _get(client, "/api/v1/links/", status=404, item="nothing")
    assert bad["errors"][0]["field"] == "item"


def test_partners_are_organisations_only_filtered_by_type(client: Client, example: Place) -> None:
    stored = list(Partner.objects.filter(place=example).order_by("order", "name"))
    partners = _all(client, "/api/v1/partners/", limit=10)
    assert [p["key"] for p in partners] == [p.key for p in stored]
    assert partners[0]["name"] == stored[0].name and partners[0]["type_label"]
    nhs = _get(client, "/api/v1/partners/", type="nhs")
    assert nhs["count"] == len([p for p in stored if p.type == "nhs"]) > 0
    assert {p["type"] for p in nhs["items"]} == {"nhs"}
    bad = _get(client, "/api/v1/partners/", status=400, type="pub")
    assert bad["errors"][0]["field"] == "type"
    one = _get(client, f"/api/v1/partners/{stored[0].key}/")
    assert {k: one[k] for k in partners[0]} == partners[0] and isinstance(one["links"], list)
    assert _get(client, "/api/v1/partners/nobody/", status=404)["message"] == (
        "There is no partner 'nobody'."
    )
    # Nobody's name or e-mail, though the example has demo logins tied to partners.
    everything = json.dumps(partners) + json.dumps(one)
    for person in get_user_model().objects.all():
        for words in (person.email, person.get_full_name()):
            if words:
                assert words not in everything


def test_measures_with_latest_values_and_headline_verdicts(client: Client, example: Place) -> None:
    stored = list(Measure.objects.filter(place=example).order_by("order", "key"))
    measures = _all(client, "/api/v1/measures/", limit=4)
    assert [m["key"] for m in measures] == [m.key for m in stored]
    first = next(m for m in measures if m["latest"] is not None and m["headline"])
    measure = Measure.objects.get(place=example, key=first["key"])
    home = measure.home_area or measure.comparator_group.subject
    latest = (
        DataPoint.objects.filter(measure=measure, area=home, breakdown="none", value__isnull=False)
        .order_by("year", "period")
        .last()
    )
    assert first["latest"]["period"] == latest.period and first["latest"]["value"] == latest.value
    assert first["home_area"]["code"] == home.code
    assert [t["period"] for t in first["targets"]] == [
        t.period for t in measure.targets.order_by("year")
    ]
    for verdict in first["headline"]:
        row = Assessment.objects.filter(
            measure=measure,
            area=home,
            kind=verdict["kind"],
            breakdown="none",
            label=verdict["verdict"],
        ).first()
        assert row is not None and verdict["text"] == row.text  # words and verdict agree
        assert verdict["status"] and verdict["colour"]
    assert len({v["kind"] for v in first["headline"]}) == len(first["headline"])


def test_measure_filters(client: Client, example: Place) -> None:
    big_thing = BigThing.objects.filter(place=example).order_by("order").first()
    of_it = _get(client, "/api/v1/measures/", big_thing=big_thing.key)
    expected = Measure.objects.filter(place=example, big_things=big_thing).distinct().count()
    assert of_it["count"] == expected > 0
    assert all(big_thing.key in m["big_things"] for m in of_it["items"])
    ambition = CrossCuttingAmbition.objects.filter(place=example).order_by("order").first()
    lens = _get(client, "/api/v1/measures/", ambition=ambition.key)
    assert lens["count"] == Measure.objects.filter(place=example, ambitions=ambition).count()

    # A verdict: every measure whose headline result of that kind is that label, and no other.
    row = Assessment.objects.filter(measure__place=example, breakdown="none").order_by("id").first()
    found = _get(client, "/api/v1/measures/", assessment=row.kind, verdict=row.label)
    assert found["count"] >= 1
    for m in found["items"]:
        assert any(v["kind"] == row.kind and v["verdict"] == row.label for v in m["headline"])
    everything = _get(client, "/api/v1/measures/")["items"]
    stored_all = everything
    others = [
        m["key"]
        for m in everything
        if not any(v["kind"] == row.kind and v["verdict"] == row.label for v in m["headline"])
    ]
    assert not set(others) & {m["key"] for m in found["items"]}

    # An area: the measures with data for it (a ward's, which not every measure has).
    counts = {
        area: Measure.objects.filter(place=example, data_points__area=area).distinct().count()
        for area in Area.objects.filter(place=example, type="ward")[:40]
    }
    ward = max(counts, key=lambda a: (0 < counts[a] < len(stored_all), counts[a]))
    assert counts[ward] > 0
    for_ward = _get(client, "/api/v1/measures/", area=ward.code, limit=1000)
    assert for_ward["count"] == counts[ward]
    assert {m["key"] for m in for_ward["items"]} == set(
        Measure.objects.filter(place=example, data_points__area=ward).values_list("key", flat=True)
    )

    for params, field in (
        ({"big_thing": "nothing"}, "big_thing"),
        ({"ambition": "nothing"}, "ambition"),
        ({"area": "E99999999"}, "area"),
        ({"verdict": "splendid"}, "verdict"),
        ({"assessment": "comparison", "verdict": "on_or_ahead"}, "verdict"),
        ({"assessment": "vibes"}, "assessment"),
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"offset": -1}, "offset"),
    ):
        bad = _get(client, "/api/v1/measures/", status=400, **params)
        assert bad["message"] and [e["field"] for e in bad["errors"]] == [field], (params, bad)


def test_measure_detail_has_every_assessment_in_words_and_verdicts(
    client: Client, example: Place
) -> None:
    measure = (
        Measure.objects.filter(place=example, assessments__isnull=False).order_by("order").first()
    )
    body = _get(client, f"/api/v1/measures/{measure.key}/")
    assert body["definition"] == measure.definition and body["licence"] == measure.licence
    assert body["assessments"]
    for a in body["assessments"]:
        row = Assessment.objects.get(
            measure=measure,
            area__code=a["area"],
            kind=a["kind"],
            breakdown=a["breakdown"],
            category=a["category"],
            benchmark__code=a["benchmark"] if a["benchmark"] else None,
        ) if a["benchmark"] else Assessment.objects.get(
            measure=measure, area__code=a["area"], kind=a["kind"], breakdown=a["breakdown"],
            category=a["category"], benchmark__isnull=True,
        )  # fmt: skip
        assert (a["verdict"], a["text"], a["method"], a["rule"]) == (
            row.label, row.text, row.method, row.rule,
        )  # fmt: skip
    assert body["benchmarks"] == [
        {"code": a.code, "name": a.name, "type": a.type}
        for a in sorted(measure.benchmark_areas.all(), key=lambda a: (a.type != "country", a.code))
    ]
    assert _get(client, "/api/v1/measures/nothing/", status=404)["message"] == (
        "There is no measure 'nothing'."
    )


def test_data_points_filtered_and_paged_in_a_stable_order(client: Client, example: Place) -> None:
    measure = Measure.objects.filter(place=example, data_points__isnull=False).order_by("order")[0]
    url = f"/api/v1/measures/{measure.key}/data/"
    first = _get(client, url, limit=5)
    total = DataPoint.objects.filter(measure=measure).count()
    assert first["count"] == total > 5 and len(first["items"]) == 5
    paged = _all(client, url, limit=50)
    assert paged[:5] == first["items"]
    keys = [(p["area"], p["breakdown"], p["category"], p["year"], p["period"]) for p in paged]
    assert keys == sorted(keys) and len(set(keys)) == total
    point = DataPoint.objects.get(
        measure=measure, area__code=paged[0]["area"], period=paged[0]["period"],
        breakdown=paged[0]["breakdown"], category=paged[0]["category"],
    )  # fmt: skip
    assert paged[0]["value"] == point.value and paged[0]["illustrative"] == (
        point.illustrative or measure.illustrative
    )

    home = measure.home_area or measure.comparator_group.subject
    years = sorted(
        {p["year"] for p in paged if p["area"] == home.code and p["breakdown"] == "none"}
    )
    assert len(years) >= 3
    low, high = years[1], years[-2]
    period_of = {p["year"]: p["period"] for p in paged if p["area"] == home.code}
    window = _get(
        client, url, area=home.code, breakdown="none",
        period_from=period_of[low], period_to=period_of[high], limit=1000,
    )  # fmt: skip
    assert window["items"] and {p["area"] for p in window["items"]} == {home.code}
    assert all(low <= p["year"] <= high for p in window["items"])
    assert (
        window["count"]
        == DataPoint.objects.filter(
            measure=measure, area=home, breakdown="none", year__gte=low, year__lte=high
        ).count()
    )

    bad = _get(client, url, status=400, period_from="last summer")
    assert (
        bad["errors"][0]["field"] == "period_from" and "last summer" in bad["errors"][0]["message"]
    )
    assert _get(client, url, status=400, area="E99999999")["errors"][0]["field"] == "area"
    assert _get(client, "/api/v1/measures/nothing/data/", status=404)["errors"] == []


def test_another_places_items_never_appear(client: Client, example: Place) -> None:
    """A second place's big thing, measure and partner are not the default place's."""
    other = Place.objects.create(slug="elsewhere", name="Elsewhere")
    BigThing.objects.create(place=other, key="elsewhere-thing", title="Elsewhere's thing")
    Partner.objects.create(place=other, key="elsewhere-partner", name="Elsewhere Co", type="other")
    Measure.objects.create(
        place=other, key="elsewhere-measure", title="Elsewhere's measure", definition="-",
        value_type="count", polarity="high_is_good",
    )  # fmt: skip
    everything = "".join(
        json.dumps(_all(client, url, limit=100, place="stockport"))
        for url in ("/api/v1/big-things/", "/api/v1/partners/", "/api/v1/measures/")
    )
    assert "elsewhere" not in everything.lower()
    assert _get(client, "/api/v1/big-things/elsewhere-thing/", status=404, place="stockport")
    assert _get(client, "/api/v1/partners/elsewhere-partner/", status=404, place="stockport")
    assert _get(client, "/api/v1/measures/elsewhere-measure/", status=404, place="stockport")
    theirs = _get(client, "/api/v1/big-things/", place="elsewhere")
    assert [b["key"] for b in theirs["items"]] == ["elsewhere-thing"]


def test_the_routemaps_and_engagement_lists_are_pages_too(client: Client, example: Place) -> None:
    routemaps = _get(client, "/api/v1/routemaps/")
    assert routemaps["count"] == len(routemaps["items"]) == 5
    assert _all(client, "/api/v1/routemaps/", limit=2) == routemaps["items"]
    events = _get(client, "/api/v1/engagement/events/", limit=3)
    assert len(events["items"]) == min(3, events["count"]) and events["count"] > 3
    assert _all(client, "/api/v1/engagement/events/", limit=3)[:3] == events["items"]
    themes = _get(client, "/api/v1/engagement/themes/")
    assert themes["count"] == len(themes["items"]) > 0
    commitments = _get(client, "/api/v1/commitments/", limit=1)
    assert commitments["count"] >= 1 and len(commitments["items"]) == 1
