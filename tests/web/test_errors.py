"""The web pages' one translation of ApplicationError (onefuture.web.errors) and the error pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.browser import assert_no_axe_violations
from tests.website.sample import sample_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverton(settings):
    settings.ROOT_URLCONF = "tests.web.error_urls"
    settings.DEBUG = True  # the translation does not depend on Django's debug pages
    return sample_place()


def _main(html: str) -> str:
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def _in_site_layout(html: str) -> bool:
    header = re.search(r"<header\b.*?</header>", html, re.S).group(0)
    return "Riverton" in header and "govuk-service-navigation" in html


def test_not_found_is_the_sites_404_page_with_its_message(client: Client, riverton) -> None:
    response = client.get("/places/riverton/raise/not-found/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in _main(html)
    assert "No routemap &#x27;by-2030&#x27; in Riverton." in _main(html)
    assert _in_site_layout(html)


def test_permission_denied_is_a_403_page_in_the_site_layout(client: Client, riverton) -> None:
    response = client.get("/places/riverton/raise/denied/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do this here" in _main(html)
    assert "Only Riverton’s strategy officers may publish a routemap." in _main(html).replace(
        "&#x27;", "’"
    )
    assert _in_site_layout(html)


def test_other_application_errors_are_400_with_every_detail_listed(
    client: Client, riverton
) -> None:
    response = client.get("/places/riverton/raise/bad-input/")
    assert response.status_code == 400
    main = _main(response.content.decode())
    assert "There is a problem" in main and "The file has 2 problems." in main
    items = [re.sub(r"\s+", " ", li).strip() for li in re.findall(r"<li>(.*?)</li>", main, re.S)]
    # Listed in row order, each saying where.
    assert items == [
        "row 3, column &#x27;period&#x27;: the period is empty",
        "row 7, column &#x27;value&#x27;: &#x27;abc&#x27; is not a number",
    ]


def test_djangos_permission_denied_gets_the_same_403_page(client: Client, riverton) -> None:
    """Django's own PermissionDenied (from a decorator, say) goes through handler403."""
    response = client.get("/places/riverton/raise/django-denied/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do this here" in _main(html)
    assert _in_site_layout(html)


def test_the_upload_page_refuses_a_visitor_in_the_site_layout(client: Client, riverton) -> None:
    """A signed-in person without the import role, on the upload page."""
    user = get_user_model().objects.create_user("visitor", password="not-a-real-password-1")
    client.force_login(user)
    response = client.get("/places/riverton/data/upload/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do this here" in _main(html)
    assert _in_site_layout(html)


@pytest.mark.browser
def test_the_error_pages_have_no_axe_violations(live_server, page, riverton) -> None:
    for path, status in (("not-found", 404), ("denied", 403), ("bad-input", 400)):
        response = page.goto(f"{live_server.url}/places/riverton/raise/{path}/")
        assert response.status == status, path
        assert_no_axe_violations(page)
