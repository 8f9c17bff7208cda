"""The JSON API at /api/v1/: the routemaps' routes, named leads only, errors as JSON, and who may
read an unpublished update (a partner editor never reads another partner's, by API)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from onefuture.api.main import api_build, error_body
from onefuture.api.registry import ApiRouter, api_router_list, api_router_register
from onefuture.core.errors import ErrorDetail
from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.routemaps.models import Update, UpdateState
from onefuture.routemaps.services.commitments import (
    commitment_agree,
    commitment_invite,
    commitment_record,
)
from tests.routemaps.sample import sample_plan

pytestmark = pytest.mark.django_db


def _user(username, place, role, partner=None):
    person = get_user_model().objects.create_user(
        username=username, password="pw-12345-long", email=f"{username}@example.org",
        first_name=username.capitalize(), last_name="Privateperson",
    )  # fmt: skip
    membership_set(user=person, place=place, role=role, partner=partner)
    return person


@pytest.fixture
def world():
    plan = sample_plan()
    place = plan.place
    _council, trust, forum = plan.sample.partners
    people = {
        "officer": _user("olive", place, Role.STRATEGY_OFFICER),
        "scrutiny": _user("sam", place, Role.SCRUTINY_MEMBER),
        "trust_editor": _user("tess", place, Role.PARTNER_EDITOR, trust),
        "forum_editor": _user("finn", place, Role.PARTNER_EDITOR, forum),
    }
    skills = plan.milestones["skills"]  # the plan asks the trust to lead it
    draft = Update.objects.create(
        place=place, milestone=skills, status="off_track", narrative="The builder went bust.",
        state=UpdateState.SUBMITTED, created_by=people["trust_editor"],
    )  # fmt: skip
    published = Update.objects.create(
        place=place, milestone=skills, status="on_track", narrative="Walls are up.",
        state=UpdateState.PUBLISHED, published_at=timezone.now(),
        created_by=people["trust_editor"], reviewed_by=people["officer"],
    )  # fmt: skip
    return {"plan": plan, "place": place, "trust": trust, "forum": forum, "skills": skills,
            "draft": draft, "published": published, **people}  # fmt: skip


def _get(client: Client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_routemaps_and_milestones_name_only_agreed_leads(client: Client, world) -> None:
    w = world
    body = _get(client, "/api/v1/routemaps/")["items"]  # a page (ADR 0038)
    assert [r["big_thing"] for r in body] == ["good-jobs", "green-transport"]
    skills = next(m for m in body[0]["milestones"] if m["key"] == "skills")
    assert skills["lead_partners"] == []  # the plan asks the trust; it has not agreed
    assert skills["status"] == {"status": "on_track", "label": "On track", "reported": True}
    assert body[0]["rollup_rule"] and {s["status"] for s in body[0]["rollup"]} >= {"on_track"}
    commitment = commitment_record(
        user=w["trust_editor"], place=w["place"], partner=w["trust"],
        big_thing=w["plan"].sample.big_things[0], milestone=w["skills"], title="Lead it",
        due_date=dt.date(2026, 6, 30),
    )  # fmt: skip
    assert _get(client, "/api/v1/milestones/skills/")["lead_partners"] == []
    # committed, not yet agreed: not public
    assert _get(client, "/api/v1/commitments/")["items"] == []
    commitment_agree(user=w["officer"], place=w["place"], commitment=commitment)
    detail = _get(client, "/api/v1/milestones/skills/?place=riverton")
    assert detail["lead_partners"] == [{"key": w["trust"].key, "name": w["trust"].name}]
    assert detail["needed_by"] == ["jobs-hub"] and detail["depends_on"] == []
    public = _get(client, f"/api/v1/commitments/?partner={w['trust'].key}")["items"]
    assert [c["id"] for c in public] == [commitment.pk] and public[0]["milestone"] == "skills"
    assert _get(client, f"/api/v1/commitments/?partner={w['forum'].key}")["items"] == []
    routemap = _get(client, "/api/v1/routemaps/good-jobs/")
    assert routemap["key"] == "good-jobs-routemap"


def test_published_updates_only_and_an_update_object_by_object(client: Client, world) -> None:
    w = world
    listed = _get(client, "/api/v1/milestones/skills/updates/")["items"]
    assert [u["id"] for u in listed] == [w["published"].pk]
    assert _get(client, f"/api/v1/updates/{w['published'].pk}/")["narrative"] == "Walls are up."
    draft = f"/api/v1/updates/{w['draft'].pk}/"
    refused = _get(client, draft, status=403)  # anonymous
    assert "builder" not in json.dumps(refused) and refused["message"] and refused["errors"] == []
    client.force_login(w["forum_editor"])  # another partner's editor
    assert "builder" not in json.dumps(_get(client, draft, status=403))
    for who in ("trust_editor", "officer", "scrutiny"):  # its own partner's editor, and staff
        client.force_login(w[who])
        assert _get(client, draft)["narrative"] == "The builder went bust."
    assert _get(client, "/api/v1/updates/999999/", status=404)["message"].startswith(
        "There is no update"
    )


def test_errors_are_json_with_message_and_details(client: Client, world) -> None:
    assert _get(client, "/api/v1/milestones/nowhere/", status=404) == {
        "message": "There is no milestone 'nowhere'.",
        "errors": [],
    }
    assert (
        "No place with slug 'atlantis'"
        in _get(client, "/api/v1/routemaps/?place=atlantis", status=404)["message"]
    )
    assert _get(client, "/api/v1/commitments/?partner=nobody", status=404)["message"]
    invalid = _get(client, "/api/v1/updates/not-a-number/", status=400)
    assert invalid["message"] == "The request is not valid:"
    assert invalid["errors"][0]["field"] == "update_id"
    assert error_body("Bad", [ErrorDetail(row=3, column="status", message="unknown")]) == {
        "message": "Bad",
        "errors": [{"field": "", "row": 3, "column": "status", "message": "unknown"}],
    }


def test_no_personal_data_reaches_an_anonymous_reader(client: Client, world) -> None:
    w = world
    commitment = commitment_invite(
        user=w["officer"], place=w["place"], partner=w["trust"],
        big_thing=w["plan"].sample.big_things[0], title="Apprenticeships",
    )  # fmt: skip
    commitment_record(
        user=w["trust_editor"], place=w["place"], commitment=commitment, title="Apprenticeships",
        due_date=dt.date(2027, 1, 1),
    )  # fmt: skip
    commitment_agree(user=w["officer"], place=w["place"], commitment=commitment)
    urls = [
        "/api/v1/routemaps/",
        "/api/v1/milestones/skills/",
        "/api/v1/commitments/",
        "/api/v1/milestones/skills/updates/",
        f"/api/v1/updates/{w['published'].pk}/",
    ]
    for url in urls:
        text = client.get(url).content.decode()
        for secret in ("olive", "tess", "example.org", "Privateperson"):
            assert secret not in text, (url, secret)
    assert "/docs" not in "".join(str(p.pattern) for p in __import__(
        "onefuture.api.urls", fromlist=["urlpatterns"]).urlpatterns)  # fmt: skip
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_apps_add_routers_through_the_registry() -> None:
    names = [r.name for r in api_router_list()]  # in INSTALLED_APPS order; others may join
    ours = ["framework", "partners", "measures", "routemaps", "engagement"]
    assert [n for n in names if n in ours] == ours
    with pytest.raises(ValueError, match="already registered"):
        api_router_register(ApiRouter(prefix="/other/", name="routemaps", build=lambda: None))
    from ninja import Router

    def build() -> Router:
        router = Router()

        @router.get("/ping/")
        def ping(request) -> dict:
            return {"pong": True}

        return router

    from onefuture.api import registry

    api_router_register(ApiRouter(prefix="/extra/", name="probe", build=build))
    try:
        api = api_build(urls_namespace="api-probe")
        assert any("extra/ping/" in str(p.pattern) for p in api.urls[0])
    finally:
        registry._ROUTERS.pop("probe")
