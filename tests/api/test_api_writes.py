"""The API's write routes (ADR 0039): a data import through the measures import service and its
job queue (202 with the batch, its status URL and every row and column error), and the update
workflow's submit, approve and return through its action objects (refusals and field problems
are the actions', in the API's error shape)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from onefuture.core.models import Membership, Role
from onefuture.measures.models import DataPoint, ImportBatch
from onefuture.routemaps.models import Update, UpdateState
from onefuture.tokens.services import token_create
from tests.measures import conftest as measures_fixtures
from tests.routemaps.updates_data import person, updates_place

pytestmark = pytest.mark.django_db

place = measures_fixtures.place  # Stockport with areas and the "smoking" measure

GOOD = "measure,area,period,value,lower,upper\nsmoking,E08000007,2021,12.5,11,14\n"
BAD = "measure,area,period,value\nsmoking,E08000007,2021,twelve\nsmoking,E99999999,2022,11\n"


def _auth(user) -> dict[str, str]:
    name = f"t{user.api_tokens.count()}"  # a new token each time: names are unique per person
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name=name)[1]}"}


@pytest.fixture
def officer(place):
    user = person("api-officer")
    Membership.objects.create(user=user, place=place, role=Role.STRATEGY_OFFICER)
    return _auth(user)


def _upload(headers, text: str, name: str = "data.csv", **fields):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return Client().post("/api/v1/imports/?place=stockport", {"file": file, **fields}, **headers)


# --------------------------------------------------------------------------- data import


def test_an_import_runs_through_the_queue_and_answers_its_batch(officer) -> None:
    response = _upload(officer, GOOD)
    assert response.status_code == 202, response.content
    batch = json.loads(response.content)
    assert batch["status"] == "succeeded" and batch["rows_created"] == 1
    assert batch["errors"] == []
    assert response["Location"] == batch["status_url"]
    assert batch["status_url"] == f"/api/v1/imports/{batch['id']}/?place=stockport"
    assert DataPoint.objects.filter(measure__key="smoking", period="2021").count() == 1
    assert ImportBatch.objects.get(pk=batch["id"]).origin == "api"
    again = Client().get(batch["status_url"], **officer)
    assert again.status_code == 200 and json.loads(again.content)["id"] == batch["id"]


def test_row_and_column_errors_come_back_in_the_error_item_shape(officer) -> None:
    response = _upload(officer, BAD)
    assert response.status_code == 202
    batch = json.loads(response.content)
    assert batch["status"] == "failed"
    assert {e["row"] for e in batch["errors"]} == {2, 3}
    for error in batch["errors"]:
        assert set(error) == {"field", "row", "column", "message"} and error["message"]
    assert {e["column"] for e in batch["errors"]} >= {"value", "area"}
    assert not DataPoint.objects.filter(measure__key="smoking").exists()


def test_a_dry_run_checks_and_writes_nothing(officer) -> None:
    batch = json.loads(_upload(officer, GOOD, dry_run="true").content)
    assert batch["dry_run"] is True and batch["status"] == "validated"
    assert not DataPoint.objects.exists()


def test_a_file_that_is_not_csv_or_excel_is_refused_naming_the_field(officer) -> None:
    response = _upload(officer, GOOD, name="data.txt")
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["errors"][0]["field"] == "file" and "CSV" in body["errors"][0]["message"]
    assert not ImportBatch.objects.exists()


def test_imports_are_for_officers_and_unknown_batches_are_404(place, officer) -> None:
    scrutiny = person("api-scrutiny")
    Membership.objects.create(user=scrutiny, place=place, role=Role.SCRUTINY_MEMBER)
    refused = _upload(_auth(scrutiny), GOOD)
    assert refused.status_code == 403
    assert "strategy officers" in json.loads(refused.content)["message"]
    assert not ImportBatch.objects.exists()
    assert _upload({}, GOOD).status_code == 403  # anonymous
    missing = Client().get("/api/v1/imports/999/?place=stockport", **officer)
    assert missing.status_code == 404 and json.loads(missing.content)["message"]


# --------------------------------------------------------------------------- updates


@pytest.fixture
def data():
    return updates_place()


def _post(path: str, body: dict, headers, slug: str = "riverton"):
    return Client().post(
        f"/api/v1/{path}?place={slug}",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


def test_an_owner_submits_and_an_officer_approves_which_publishes(data) -> None:
    editor, officer = _auth(data.trust_editor), _auth(data.officer)
    submitted = _post(
        "updates/",
        {"milestone": data.clinic.key, "status": "at_risk", "narrative": "Builder went bust."},
        editor,
    )
    assert submitted.status_code == 201, submitted.content
    update = json.loads(submitted.content)
    assert update["state"] == "submitted" and update["period"] == data.current.key
    public = f"/api/v1/milestones/{data.clinic.key}/updates/?place=riverton"
    assert "Builder went bust." not in Client().get(public).content.decode()
    approved = _post(f"updates/{update['id']}/approve/", {}, officer)
    assert approved.status_code == 200 and json.loads(approved.content)["state"] == "published"
    assert "Builder went bust." in Client().get(public).content.decode()


def test_field_problems_name_the_field(data) -> None:
    editor = _auth(data.trust_editor)
    no_why = _post("updates/", {"milestone": data.clinic.key, "status": "off_track"}, editor)
    assert no_why.status_code == 400
    assert json.loads(no_why.content)["errors"][0]["field"] == "narrative"
    bad_status = _post("updates/", {"milestone": data.clinic.key, "status": "great"}, editor)
    assert json.loads(bad_status.content)["errors"][0]["field"] == "status"
    locked = _post(
        "updates/",
        {"milestone": data.clinic.key, "status": "on_track", "period": data.locked.key},
        editor,
    )
    assert locked.status_code == 400 and "locked" in json.loads(locked.content)["message"]
    missing = _post("updates/", {"milestone": "no-such", "status": "on_track"}, editor)
    assert missing.status_code == 404
    no_body = _post("updates/", {"status": "on_track"}, editor)
    assert no_body.status_code == 400
    assert json.loads(no_body.content)["errors"][0]["field"].endswith("milestone")
    assert not Update.objects.exists()


def test_returning_needs_a_comment_and_no_change_publishes_at_once(data) -> None:
    editor, officer = _auth(data.trust_editor), _auth(data.officer)
    update = json.loads(
        _post("updates/", {"milestone": data.clinic.key, "status": "on_track"}, editor).content
    )
    blank = _post(f"updates/{update['id']}/return/", {"comment": ""}, officer)
    assert blank.status_code == 400
    assert json.loads(blank.content)["errors"][0]["field"] == "comment"
    returned = _post(f"updates/{update['id']}/return/", {"comment": "Add the date."}, officer)
    assert returned.status_code == 200 and json.loads(returned.content)["state"] == "returned"
    same = _post("updates/", {"milestone": data.interchange.key, "no_change": True}, officer)
    assert same.status_code == 201, same.content
    body = json.loads(same.content)
    assert body["no_change"] is True and body["state"] == UpdateState.PUBLISHED
    assert body["status"] == data.interchange.status


def test_refusals_are_the_actions_403(data) -> None:
    council = _auth(data.council_editor)
    refused = _post("updates/", {"milestone": data.clinic.key, "status": "on_track"}, council)
    assert refused.status_code == 403
    assert "partner editors" in json.loads(refused.content)["message"]
    update = json.loads(
        _post(
            "updates/",
            {"milestone": data.clinic.key, "status": "on_track"},
            _auth(data.trust_editor),
        ).content
    )
    for who in (data.trust_editor, data.scrutiny):
        approve = _post(f"updates/{update['id']}/approve/", {}, _auth(who))
        assert approve.status_code == 403, who
    assert Update.objects.get(pk=update["id"]).state == UpdateState.SUBMITTED
    other_place = _post(f"updates/{update['id']}/approve/", {}, _auth(data.officer), "nowhere")
    assert other_place.status_code == 404
