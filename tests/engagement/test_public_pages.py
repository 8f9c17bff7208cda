"""The public "you said, we did" pages, the workspace's response pages, the panels, the API and
the search: only confirmed themes and published responses, never an original comment."""

from __future__ import annotations

import pytest
from django.test import Client

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.engagement.models import Response
from onefuture.engagement.services.responses import response_publish, response_save
from tests.engagement.public_sample import ORIGINAL_MARKER, public_world

pytestmark = pytest.mark.django_db

SECRETS = (ORIGINAL_MARKER, "UNPUBLISHED-PARKS-RESPONSE", "PROPOSED-THEME-RESPONSE", "STAFF-NOTE")


def _get(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def _clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def test_public_pages_show_only_confirmed_themes_and_published_responses(client: Client):
    public_world()
    index = _get(client, "/engagement/")
    _clean(index)
    assert "We are adding bus lanes on the A6." in index and 'data-theme="parks"' in index
    assert 'data-theme="litter"' not in index
    theme = _get(client, "/engagement/themes/buses/")
    _clean(theme)
    assert "/milestones/bus-lanes/" in theme and "At risk" in theme
    assert "fewer than 5" in theme  # the young people's 3 comments
    _get(client, "/engagement/themes/litter/", 404)  # proposed
    parks = _get(client, "/engagement/themes/parks/")
    assert "We have not published our response" in parks
    coverage = _get(client, "/engagement/coverage/")
    _clean(coverage)
    assert "No comments yet from these wards: Offerton." in coverage
    assert "5.0" in coverage and "People at events" in coverage
    assert "[PHONE]" not in coverage  # counts only, no quotes
    report = _get(client, "/engagement/report/")
    _clean(report)
    assert 'data-theme="buses"' in report and 'data-theme="litter"' not in report


def test_milestone_and_measure_pages_link_back_to_the_theme(client: Client):
    world = public_world()
    page = _get(client, "/milestones/bus-lanes/")
    assert "What people asked for" in page and "/engagement/themes/buses/" in page
    page = _get(client, f"/measures/{world.plan.measure.key}/")
    assert "What people asked for" in page
    assert "What people asked for" not in _get(client, "/milestones/skills/")


def test_api_returns_only_public_data(client: Client):
    public_world()
    themes = client.get("/api/v1/engagement/themes/").json()["items"]  # a page (ADR 0038)
    assert [t["key"] for t in themes] == ["buses", "parks"]
    assert themes[0]["response"]["status"] == "delivering" and themes[1]["response"] is None
    detail = client.get("/api/v1/engagement/themes/buses/").json()
    assert detail["response"]["milestones"][0]["key"] == "bus-lanes"
    assert client.get("/api/v1/engagement/themes/litter/").status_code == 404
    coverage = client.get("/api/v1/engagement/coverage/").json()
    assert coverage["people"]["value"] == 13 and coverage["people_at_events"] == 65
    young = next(r for r in coverage["by_group"] if r["key"] == "young-people")
    assert young["comments"] == {"value": None, "words": "fewer than 5"}
    events = client.get("/api/v1/engagement/events/").json()["items"]
    assert [e["title"] for e in events] == ["Youth summit", "Brinnington forum"]
    assert "notes" not in events[0]
    for url in ("themes/", "themes/buses/", "coverage/", "events/"):
        _clean(client.get(f"/api/v1/engagement/{url}").content.decode())


def test_response_services_check_permission_and_input():
    world = public_world()
    theme = world.themes["parks"]
    with pytest.raises(PermissionDenied):
        response_save(user=world.scrutiny, place=world.place, theme=theme, summary="x",
                      status="decided")  # fmt: skip
    with pytest.raises(ApplicationError) as error:
        response_save(user=world.officer, place=world.place, theme=theme, summary=" ",
                      status="nonsense")  # fmt: skip
    assert {d.field for d in error.value.errors} == {"summary", "status"}
    assert Response.objects.get(theme=theme).summary == "UNPUBLISHED-PARKS-RESPONSE"
    saved = response_save(
        user=world.officer, place=world.place, theme=theme, summary="New parks.",
        status="decided", milestones=[world.plan.milestones["skills"]],
    )  # fmt: skip
    assert not saved.published and list(saved.milestones.all()) == [world.plan.milestones["skills"]]
    other = public_world(slug="elsewhere")
    with pytest.raises(ApplicationError):
        response_save(user=world.officer, place=world.place, theme=theme, summary="x",
                      status="decided", measures=[other.plan.measure])  # fmt: skip
    with pytest.raises(ApplicationError):  # a proposed theme's response is never published
        response_publish(user=world.officer, place=world.place,
                         response=world.responses["litter"])  # fmt: skip
    assert response_publish(user=world.officer, place=world.place, response=saved).published


def test_workspace_response_page_saves_and_publishes():
    world = public_world()
    client = Client()
    client.force_login(world.officer)
    listing = _get(client, "/workspace/engagement/responses/")
    assert 'data-theme="litter"' in listing and "Draft" in listing
    url = "/workspace/engagement/responses/parks/"
    assert "UNPUBLISHED-PARKS-RESPONSE" in _get(client, url)
    bad = client.post(url, {"step": "save", "summary": "", "status": "decided"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    ok = client.post(
        url,
        {"step": "save", "summary": "A new park in Offerton.", "status": "decided",
         "decided_on": "2026-01-31", "measures": [world.plan.measure.key]},
    )  # fmt: skip
    assert ok.status_code == 302
    assert client.post(url, {"step": "publish"}).status_code == 302
    assert "A new park in Offerton." in _get(Client(), "/engagement/themes/parks/")
    scrutiny = Client()
    scrutiny.force_login(world.scrutiny)
    assert scrutiny.get(url).status_code == 403


def test_search_finds_confirmed_themes_and_published_responses():
    from onefuture.engagement.search import SOURCES

    world = public_world()
    documents = {s.kind: s.documents(world.place) for s in SOURCES}
    assert {d.title for d in documents["engagement_theme"]} == {"Buses", "Parks"}
    assert [d.body for d in documents["engagement_response"]] == [
        "We are adding bus lanes on the A6."
    ]


def test_coverage_ward_map_has_its_table_csv_and_svg(client: Client):
    from tests.engagement.public_sample import add_ward_boundaries

    world = public_world()
    assert "engagement/coverage/charts/wards.svg" not in _get(client, "/engagement/coverage/")
    _get(client, "/engagement/coverage/charts/wards.csv", 404)  # no boundaries, no map
    add_ward_boundaries(world)
    page = _get(client, "/engagement/coverage/")
    assert "engagement/coverage/charts/wards.svg" in page and "Show the numbers" in page
    csv_text = _get(client, "/engagement/coverage/charts/wards.csv")
    assert "Brinnington" in csv_text and "5.0" in csv_text
    assert "Heaton Moor" in csv_text  # shown, without a rate (too few voices)
    assert _get(client, "/engagement/coverage/charts/wards.svg").lstrip().startswith("<svg")
    assert '"$schema"' in _get(client, "/engagement/coverage/charts/wards.json")


def test_no_group_or_ward_beside_a_quote_on_pages_or_in_the_api(client: Client):
    """Demographics are public only as counts: a quote shows its words, the event and the date,
    never the group or ward of the person who said it (the sample's young person's public comment
    is from Heaton Moor, at no event; the residents' are from Brinnington, at its forum)."""
    import re

    public_world()
    blocks = []
    for url in ("/engagement/themes/buses/", "/engagement/report/"):
        html = _get(client, url)
        found = re.findall(r"<blockquote[^>]*data-quote[^>]*>(.*?)</blockquote>", html, re.S)
        assert found, url
        blocks += found
    assert any("(100)" in b for b in blocks) and any("Brinnington forum" in b for b in blocks)
    for block in blocks:
        for demographic in ("Residents", "Young people", "Heaton Moor", "16 to 24", "16-24"):
            assert demographic not in block, block
        assert "Brinnington" not in block.replace("Brinnington forum", "")
    detail = client.get("/api/v1/engagement/themes/buses/").json()
    assert detail["quotes"]
    for quote in detail["quotes"]:
        assert set(quote) == {"text", "said_at", "received_on", "illustrative"}
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert set(schema["QuoteOut"]["properties"]) == {
        "text",
        "said_at",
        "received_on",
        "illustrative",
    }


def test_a_borrowed_consultations_source_is_credited_wherever_its_words_are(client: Client):
    world = public_world()
    from onefuture.engagement.models import Consultation

    assert "data-attributions" not in _get(client, "/engagement/themes/buses/")
    Consultation.objects.create(
        place=world.place,
        key="borrowed",
        title="Borrowed words",
        source_name="Polis (The Computational Democracy Project)",
        licence="CC BY 4.0",
        attribution="Comments from another place, used as illustrative text.",
    )
    for url in ("/engagement/", "/engagement/themes/buses/", "/engagement/report/"):
        page = _get(client, url)
        assert "data-attributions" in page, url
        assert "Polis (The Computational Democracy Project)" in page and "CC BY 4.0" in page, url
