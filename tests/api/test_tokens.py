"""API tokens (ADR 0039): made with the secret shown once and only its hash stored, refused
with a 401 in the API's error shape when bad, expired or revoked (never silently anonymous),
carrying exactly their user's rights, their last use recorded at most once a minute; the
workspace page and the command line that manage them; CSRF for session writes only."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from onefuture.cli import app
from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.routemaps.actions.updates import SubmitUpdate
from onefuture.tokens.models import ApiToken
from onefuture.tokens.services import (
    TOKEN_TOUCH_SECONDS,
    TokenRejected,
    token_authenticate,
    token_create,
    token_revoke,
)
from tests.routemaps.updates_data import updates_place

pytestmark = pytest.mark.django_db

SECRET = "MARKER-UNPUBLISHED-TOKEN-TEST-41"


@pytest.fixture
def data():
    return updates_place()


def _bearer(text: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}


def _unpublished(data):
    return SubmitUpdate(
        user=data.trust_editor,
        place=data.place,
        milestone=data.clinic,
        status="at_risk",
        narrative=SECRET,
    ).execute()


# --------------------------------------------------------------------------- the service


def test_the_secret_is_shown_once_and_only_its_hash_is_stored(data) -> None:
    token, text = token_create(user=data.officer, name="dashboard")
    assert text.startswith(f"oft_{token.prefix}_")
    secret = text.split("_", 2)[2]
    assert len(secret) >= 40
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(secret in str(value) for value in row.values()), "the secret is stored"
    assert token_authenticate(raw=text).pk == token.pk


@pytest.mark.parametrize(
    "mangle, why",
    [
        (lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), "no such token"),
        (lambda t: "oft_ffffffffffff_" + t.split("_", 2)[2], "no such token"),
        (lambda t: t.replace("oft_", "xyz_", 1), "looks like"),
        (lambda t: "not-a-token", "looks like"),
    ],
)
def test_a_wrong_token_is_refused_saying_why(data, mangle, why) -> None:
    _, text = token_create(user=data.officer, name="script")
    with pytest.raises(TokenRejected) as caught:
        token_authenticate(raw=mangle(text))
    assert why in caught.value.message
    assert caught.value.status_code == 401


def test_revoked_expired_and_inactive_owners_tokens_are_refused(data) -> None:
    token, text = token_create(user=data.officer, name="one")
    token_revoke(by=data.officer, token=token)
    with pytest.raises(TokenRejected, match="revoked"):
        token_authenticate(raw=text)
    now = timezone.now()
    _, soon = token_create(user=data.officer, name="two", expires_at=now + dt.timedelta(days=1))
    assert token_authenticate(raw=soon, now=now)
    with pytest.raises(TokenRejected, match="expired"):
        token_authenticate(raw=soon, now=now + dt.timedelta(days=2))
    _, third = token_create(user=data.scrutiny, name="three")
    data.scrutiny.is_active = False
    data.scrutiny.save()
    with pytest.raises(TokenRejected, match="no longer active"):
        token_authenticate(raw=third)


def test_names_are_required_and_unique_among_a_persons_active_tokens(data) -> None:
    token, _ = token_create(user=data.officer, name="dashboard")
    with pytest.raises(ApplicationError) as caught:
        token_create(user=data.officer, name="dashboard")
    assert caught.value.errors[0].field == "name"
    with pytest.raises(ApplicationError):
        token_create(user=data.officer, name="  ")
    with pytest.raises(ApplicationError) as past:
        token_create(user=data.officer, name="x", expires_at=timezone.now() - dt.timedelta(1))
    assert past.value.errors[0].field == "expires"
    token_create(user=data.scrutiny, name="dashboard")  # another person's: fine
    token_revoke(by=data.officer, token=token)
    token_create(user=data.officer, name="dashboard")  # the revoked one's name is free again


def test_only_the_owner_or_a_superuser_revokes(data) -> None:
    token, _ = token_create(user=data.officer, name="mine")
    with pytest.raises(PermissionDenied):
        token_revoke(by=data.scrutiny, token=token)
    with pytest.raises(ApplicationError, match="already revoked"):
        token_revoke(by=data.officer, token=token_revoke(by=data.officer, token=token))


def test_the_last_use_is_recorded_at_most_once_a_minute(data, django_assert_num_queries) -> None:
    token, text = token_create(user=data.officer, name="busy")
    now = timezone.now()
    with django_assert_num_queries(2):  # read, and record the first use
        token_authenticate(raw=text, now=now)
    with django_assert_num_queries(1):  # read only
        token_authenticate(raw=text, now=now + dt.timedelta(seconds=TOKEN_TOUCH_SECONDS - 1))
    later = now + dt.timedelta(seconds=TOKEN_TOUCH_SECONDS + 1)
    token_authenticate(raw=text, now=later)
    token.refresh_from_db()
    assert token.last_used_at == later


# --------------------------------------------------------------------------- the API


def test_a_token_reads_exactly_what_its_user_may(data) -> None:
    update = _unpublished(data)
    url = f"/api/v1/updates/{update.id}/?place={data.place.slug}"
    _, trust = token_create(user=data.trust_editor, name="t")
    _, council = token_create(user=data.council_editor, name="c")
    own = Client().get(url, **_bearer(trust))
    assert own.status_code == 200 and SECRET in own.content.decode()
    other = Client().get(url, **_bearer(council))
    assert other.status_code == 403 and SECRET not in other.content.decode()
    anonymous = Client().get(url)
    assert anonymous.status_code == 403 and SECRET not in anonymous.content.decode()


def test_a_bad_token_is_a_401_in_the_error_shape_never_anonymous(data) -> None:
    url = f"/api/v1/routemaps/?place={data.place.slug}"
    assert Client().get(url).status_code == 200  # anonymous reads of published things work
    token, text = token_create(user=data.officer, name="gone")
    token_revoke(by=data.officer, token=token)
    old, stale = token_create(
        user=data.officer, name="old", expires_at=timezone.now() + dt.timedelta(days=1)
    )
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    expired = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {stale}")
    assert expired.status_code == 401 and "expired" in json.loads(expired.content)["message"]
    for header in (f"Bearer {text}", "Bearer oft_nope_nope", "Bearer ", "Basic dXNlcjpwdw=="):
        response = Client().get(url, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        body = json.loads(response.content)
        assert body["message"] and body["errors"][0]["field"] == "Authorization", body
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_wins_over_the_session(data) -> None:
    """A request with both acts as the token's user, not the signed-in one."""
    update = _unpublished(data)
    client = Client()
    client.force_login(data.trust_editor)  # may read it
    _, council = token_create(user=data.council_editor, name="c")  # may not
    response = client.get(
        f"/api/v1/updates/{update.id}/?place={data.place.slug}", **_bearer(council)
    )
    assert response.status_code == 403


def test_session_writes_need_csrf_and_token_writes_do_not(data) -> None:
    body = json.dumps({"milestone": data.clinic.key, "status": "on_track"})
    url = f"/api/v1/updates/?place={data.place.slug}"
    client = Client(enforce_csrf_checks=True)
    client.force_login(data.trust_editor)
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in json.loads(refused.content)["message"]
    client.get(f"/places/{data.place.slug}/workspace/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    done = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert done.status_code == 201, done.content
    _, text = token_create(user=data.council_editor, name="c")
    body = json.dumps({"milestone": data.interchange.key, "status": "on_track"})
    by_token = Client(enforce_csrf_checks=True).post(
        url, body, content_type="application/json", **_bearer(text)
    )
    assert by_token.status_code == 201, by_token.content


def test_the_schema_says_a_token_is_optional(data) -> None:
    schema = json.loads(Client().get("/api/v1/openapi.json").content)
    assert schema["components"]["securitySchemes"]["ApiAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"ApiAuth": []}, {}], (method, path)


# --------------------------------------------------------------------------- the workspace page


def _tokens_url(data) -> str:
    return f"/places/{data.place.slug}/workspace/api-tokens/"


def test_a_member_creates_sees_once_lists_and_revokes_their_tokens(data) -> None:
    client = Client()
    client.force_login(data.scrutiny)
    page = client.get(_tokens_url(data))
    assert page.status_code == 200 and "You have no API tokens yet" in page.content.decode()
    made = client.post(_tokens_url(data), {"name": "Power BI", "expires": "30"})
    assert made.status_code == 200
    token = ApiToken.objects.get(user=data.scrutiny)
    text = made.context["created"]["text"]
    assert text in made.content.decode() and "not be shown again" in made.content.decode()
    assert "no-store" in made["Cache-Control"]
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=30)).date()
    again = client.get(_tokens_url(data)).content.decode()
    assert text not in again and "Power BI" in again and f"oft_{token.prefix}_" in again
    assert Client().get("/api/v1/routemaps/", **_bearer(text)).status_code == 200
    revoked = client.post(_tokens_url(data), {"revoke": str(token.id)})
    assert revoked.status_code == 200 and "was revoked" in revoked.content.decode()
    assert Client().get("/api/v1/routemaps/", **_bearer(text)).status_code == 401


def test_the_page_shows_errors_and_never_revokes_anothers_token(data) -> None:
    other, _ = token_create(user=data.officer, name="officer's")
    client = Client()
    client.force_login(data.scrutiny)
    blank = client.post(_tokens_url(data), {"name": "", "expires": "90"})
    assert blank.status_code == 400 and "Enter what the token is for" in blank.content.decode()
    theirs = client.post(_tokens_url(data), {"revoke": str(other.id)})
    assert theirs.status_code == 400
    other.refresh_from_db()
    assert other.revoked_at is None
    assert "officer&#x27;s" not in client.get(_tokens_url(data)).content.decode()


def test_the_page_is_for_members_only(data) -> None:
    assert Client().get(_tokens_url(data)).status_code == 302
    client = Client()
    client.force_login(data.outsider)
    assert client.get(_tokens_url(data)).status_code == 403


# --------------------------------------------------------------------------- the command line


def test_the_command_line_creates_lists_and_revokes(data) -> None:
    runner = CliRunner()
    made = runner.invoke(
        app,
        [
            "token",
            "create",
            "--user",
            data.officer.username,
            "--name",
            "etl",
            "--expires",
            "2099-01-01",
        ],
    )
    assert made.exit_code == 0, made.output
    text = made.stdout.strip().splitlines()[-1]
    assert token_authenticate(raw=text).user == data.officer
    listed = runner.invoke(app, ["token", "list", "--user", data.officer.username])
    assert "etl" in listed.output and "active" in listed.output and text not in listed.output
    gone = runner.invoke(app, ["token", "revoke", "--user", data.officer.username, "--name", "etl"])
    assert gone.exit_code == 0, gone.output
    with pytest.raises(TokenRejected):
        token_authenticate(raw=text)
    bad = runner.invoke(app, ["token", "create", "--user", "nobody", "--name", "x"])
    assert bad.exit_code == 1 and "no user 'nobody'" in bad.output
    date = runner.invoke(
        app,
        ["token", "create", "--user", data.officer.username, "--name", "y", "--expires", "soon"],
    )
    assert date.exit_code == 1 and "--expires" in date.output


def test_an_administrator_revokes_tokens_in_the_admin_and_never_sees_the_hash(data) -> None:
    from django.contrib.auth import get_user_model

    token, text = token_create(user=data.officer, name="leaked")
    admin = get_user_model().objects.create_superuser("api-super", password="pw")
    client = Client()
    client.force_login(admin)
    page = client.get(f"/admin/tokens/apitoken/{token.pk}/change/").content.decode()
    assert token.prefix in page and token.secret_hash not in page
    client.post(
        "/admin/tokens/apitoken/",
        {"action": "revoke", "_selected_action": [str(token.pk)]},
    )
    with pytest.raises(TokenRejected, match="revoked"):
        token_authenticate(raw=text)


def test_refusals_and_uses_are_logged_without_the_secret(data, caplog) -> None:
    _, text = token_create(user=data.officer, name="logged")
    secret = text.split("_", 2)[2]
    with caplog.at_level("INFO", logger="onefuture.tokens.services"):
        token_authenticate(raw=text)
        with pytest.raises(TokenRejected):
            token_authenticate(raw=text + "x")
    assert "API token logged" in caplog.text and "API token refused" in caplog.text
    assert secret not in caplog.text
