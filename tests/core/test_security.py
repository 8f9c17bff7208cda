"""Security (ADR 0042): sign-in throttling and its page, the sign-in audit and who reads it,
password rules, session expiry, and the Content-Security-Policy and other headers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from onefuture.core.logins import client_ip, ip_truncate
from onefuture.core.models import LoginEvent, Role
from onefuture.core.services import membership_set
from onefuture.places.models import Place
from tests.website.sample import sample_place

pytestmark = pytest.mark.django_db

SIGN_IN = "/places/riverton/sign-in/"
PASSWORD = "a-long-enough-password-7"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0"


@pytest.fixture(autouse=True)
def place():
    return sample_place().place


def _member(username: str, role: str = Role.STRATEGY_OFFICER):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    membership_set(user=user, place=Place.objects.get(slug="riverton"), role=role)
    return user


def _attempt(client: Client, username: str, password: str, ip: str = "203.0.113.77"):
    return client.post(
        SIGN_IN,
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=BROWSER,
    )


@pytest.fixture
def limit(settings) -> int:
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def test_a_username_is_locked_out_from_one_address_after_the_limit(client, limit) -> None:
    _member("olive")
    for _ in range(limit - 1):
        assert _attempt(client, "olive", "wrong").status_code == 200  # the form, with its error
    locked = _attempt(client, "olive", "wrong")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many attempts to sign in" in html and "15 minutes" in html
    assert "Riverton" in html  # the site's own layout, naming the place
    # Even the right password is refused now, from that address...
    again = _attempt(client, "olive", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but not from another address, and not for another username from the first one.
    _member("petra")
    assert _attempt(Client(), "olive", PASSWORD, ip="198.51.100.5").status_code == 302
    assert _attempt(Client(), "petra", PASSWORD).status_code == 302


def test_an_administrator_resets_a_lockout_and_success_clears_the_count(client, limit) -> None:
    _member("olive")
    for _ in range(limit):
        _attempt(client, "olive", "wrong")
    assert _attempt(client, "olive", PASSWORD).status_code == 429
    # Django admin → Access attempts → delete is the reset (as axes_reset_username does).
    AccessAttempt.objects.filter(username="olive").delete()
    assert _attempt(client, "olive", PASSWORD).status_code == 302
    # After a success the failures start again from nothing (AXES_RESET_ON_SUCCESS).
    other = Client()
    for _ in range(limit - 1):
        _attempt(other, "olive", "wrong")
    assert _attempt(other, "olive", PASSWORD).status_code == 302
    assert _attempt(Client(), "olive", "wrong").status_code == 200


def test_the_lockout_page_of_the_admin_sign_in_needs_no_place(client, limit) -> None:
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    for _ in range(limit):
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "root", "password": "wrong"}
        )
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()


def test_every_attempt_is_in_the_audit_with_a_truncated_address(client, limit) -> None:
    olive = _member("olive")
    _attempt(client, "olive", PASSWORD)
    client.post("/places/riverton/sign-out/", REMOTE_ADDR="203.0.113.77")
    _attempt(client, "nobody-by-this-name", "guess")
    for _ in range(limit):
        _attempt(client, "olive", "wrong", ip="2001:db8:abcd:12::9")
    _attempt(client, "olive", "wrong", ip="2001:db8:abcd:12::9")  # refused while locked
    events = list(LoginEvent.objects.order_by("id"))
    assert [e.kind for e in events] == [
        "success",
        "logout",
        "failure",
        *(["failure"] * (limit - 1)),
        "lockout",  # the attempt that reached the limit
        "lockout",  # the one refused while locked: one row per attempt
    ]
    assert events[0].user == olive and events[0].username == "olive"
    assert events[0].ip_network == "203.0.113.0/24"
    assert events[0].user_agent == BROWSER
    assert events[2].user is None and events[2].username == "nobody-by-this-name"
    assert events[-1].ip_network == "2001:db8:abcd::/48" and events[-1].user == olive
    assert all("77" not in e.ip_network for e in events)


def test_the_address_behind_trusted_proxies(rf, settings) -> None:
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44")
    settings.ONEFUTURE_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"  # no proxy trusted: the header is ignored
    settings.ONEFUTURE_PROXY_COUNT = 1
    assert client_ip(request) == "192.0.2.44"  # not the forged left-hand entry
    settings.ONEFUTURE_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.2"  # fewer hops than proxies: not through them
    assert ip_truncate("::ffff:192.0.2.44") == "192.0.2.0/24"
    assert ip_truncate("not an address") == ""


def test_the_audit_page_is_for_administrators_and_shows_their_members(client) -> None:
    admin = _member("ada", role=Role.ADMINISTRATOR)
    _member("olive")
    get_user_model().objects.create_user("stranger", password=PASSWORD)
    _attempt(Client(), "olive", "wrong")
    _attempt(Client(), "stranger", "wrong")
    officer = Client()
    officer.force_login(get_user_model().objects.get(username="olive"))
    assert officer.get("/places/riverton/workspace/sign-ins/").status_code == 403
    client.force_login(admin)
    page = client.get("/places/riverton/workspace/sign-ins/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sign-in audit" in html and "olive" in html and "203.0.113.0/24" in html
    assert "stranger" not in html  # not a member of this place
    assert "203.0.113.77" not in html
    only = client.get("/places/riverton/workspace/sign-ins/?kind=success").content.decode()
    assert "Failed sign-in" not in only.split("<table", 1)[-1]
    home = client.get("/places/riverton/workspace/").content.decode()
    assert "/places/riverton/workspace/sign-ins/" in home


def test_passwords_are_at_least_twelve_characters_and_not_common() -> None:
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("k7#Qz!p2Lm")  # ten characters
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234")
    validate_password("correct horse battery staple")


def test_a_session_ends_after_the_idle_time_and_each_request_extends_it(client, settings) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600 and settings.SESSION_SAVE_EVERY_REQUEST
    _member("olive")
    client.force_login(get_user_model().objects.get(username="olive"))
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(hours=1))
    assert client.get("/places/riverton/workspace/").status_code == 200
    extended = Session.objects.get(session_key=key).expire_date
    assert extended > timezone.now() + timedelta(hours=7, minutes=59)
    # Idle past the limit: the session has expired and the workspace asks to sign in again.
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/places/riverton/workspace/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize("path", ["/places/riverton/", "/places/riverton/workspace/", "/health"])
def test_every_response_carries_the_content_security_policy(client, path) -> None:
    _member("olive")
    client.force_login(get_user_model().objects.get(username="olive"))
    response = client.get(path)
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split("; ")
    }
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'self'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_session_cookie_is_http_only_and_same_site(client) -> None:
    _member("olive")
    response = _attempt(client, "olive", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
