"""The 404 and 500 pages in GOV.UK style with Django's debug pages off, as every mode runs them
(``make run`` included), and the compressed static files ``make run`` and production serve."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from onefuture.config.urls import handler403, handler404, handler500
from onefuture.web import views
from tests.browser import assert_no_axe_violations
from tests.website.sample import sample_place

ROOT = Path(__file__).resolve().parents[2]
ONEFUTURE = Path(sys.executable).parent / "onefuture"


def _explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view, with a secret detail: table measures_secret")


# This module is also the URLconf of the 500 tests: the real site plus a view that raises.
urlpatterns = [
    path("places/riverton/explode/", _explode),
    path("explode/", _explode),
    path("", include("onefuture.web.urls")),
]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def _main(html: str) -> str:
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


@pytest.fixture
def exploding(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_a_mistyped_address_is_the_sites_404_not_djangos_debug_page(client, settings) -> None:
    settings.DEBUG = False
    sample_place()
    response = client.get("/big-thingz/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in _main(html)
    assert "If you typed the web address, check it is correct." in html
    assert "govuk-header" in html and "Riverton" in html
    assert "URLconf" not in html and "Using the URLconf" not in html


@pytest.mark.django_db
def test_a_server_error_is_a_govuk_500_page_that_hides_the_detail(exploding) -> None:
    sample_place()
    response = exploding.get("/places/riverton/explode/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in _main(html)
    assert "Try again later." in html
    assert "govuk-service-navigation" in html and "Riverton" in html  # the place's layout
    assert "measures_secret" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_the_500_page_renders_when_the_place_cannot_be_read(exploding, monkeypatch) -> None:
    """The database may be what failed: the page falls back to the layout without a place."""

    def broken(request):
        raise RuntimeError("database is down")

    monkeypatch.setattr(views, "site_for_path", broken)
    response = exploding.get("/explode/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-header" in html and "govuk-service-navigation" not in html


@pytest.mark.django_db
def test_the_500_page_falls_back_to_bare_html_when_templates_fail(exploding, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("template engine broken")

    monkeypatch.setattr(views, "render_to_string", broken)
    response = exploding.get("/explode/")
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


def _setting(expr: str, **env: str) -> str:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_DEBUG", "ONEFUTURE_ENV", "ONEFUTURE_STATIC_COLLECTED"}
    }
    done = subprocess.run(
        [sys.executable, "-c", f"import onefuture.config.settings as s; print({expr})"],
        env={**clean, **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_debug_is_off_unless_a_developer_asks() -> None:
    assert _setting("s.DEBUG") == "False"
    assert _setting("s.DEBUG", DJANGO_DEBUG="1") == "True"
    production = {
        "ONEFUTURE_ENV": "production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "example.org",
    }
    assert _setting("s.DEBUG", **production) == "False"
    storage = "s.STORAGES['staticfiles']['BACKEND']"
    assert _setting(storage, **production).endswith("CompressedManifestStaticFilesStorage")
    assert _setting(storage).endswith(".StaticFilesStorage")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_make_runs_settings_serve_the_404_page_and_compressed_hashed_static_files(
    tmp_path,
) -> None:
    """What ``make run`` does: collectstatic, then ``onefuture serve`` with the files collected
    (a real server process on a fresh database)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_DEBUG", "ONEFUTURE_ENV", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(ONEFUTURE_VAR_DIR=str(tmp_path), ONEFUTURE_STATIC_COLLECTED="1")
    for command in (["migrate"], ["manage", "collectstatic", "--noinput", "-v0"]):
        done = subprocess.run(
            [ONEFUTURE, *command], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [ONEFUTURE, "serve", "--addr", f"127.0.0.1:{port}", "--no-worker"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                status, _, html = _get(f"{base}/no-such-page/")
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail((tmp_path / "serve.log").read_text())
        assert status == 404
        text = html.decode()
        assert "Page not found" in text and "URLconf" not in text
        css = re.search(r'href="(/static/onefuture/build/onefuture\.[0-9a-f]{12}\.css)"', text)
        assert css, "the stylesheet has its content-hashed name"
        status, headers, body = _get(base + css[1], **{"Accept-Encoding": "br"})
        assert status == 200 and headers.get("Content-Encoding") == "br"
        assert "immutable" in headers.get("Cache-Control", "")
        status, headers, gz = _get(base + css[1], **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip"
        _, _, raw = _get(base + css[1])
        assert len(body) < len(gz) < len(raw) / 3
    finally:
        server.terminate()
        server.wait(20)
        log.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_404_page_has_no_axe_violations_and_fits_320_px(live_server, browser) -> None:
    sample_place()
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 320, "height": 640}, java_script_enabled=javascript
        )
        page = context.new_page()
        try:
            response = page.goto(f"{live_server.url}/no-such-page/")
            assert response.status == 404
            assert page.locator("main h1").inner_text() == "Page not found"
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            if javascript:
                assert_no_axe_violations(page)
        finally:
            context.close()
