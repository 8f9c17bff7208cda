"""The web shell's registry: pages, navigation items and big-thing panels that apps register."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from onefuture.web import registry
from onefuture.web.place_urls import Page
from onefuture.web.registry import NavItem, Panel
from tests.website.sample import sample_place


def test_every_registered_page_is_served_for_the_default_place_and_under_its_slug() -> None:
    names = {page.name for page in registry.page_list()}
    # The framework pages (website) and the measures pages, each registered by its own app.
    assert {"home", "big-thing", "partners", "progress", "measure", "data-upload"} <= names
    assert reverse("web:big-thing", args=["good-jobs"]) == "/big-things/good-jobs/"
    assert (
        reverse("web:place-big-thing", args=["riverton", "good-jobs"])
        == "/places/riverton/big-things/good-jobs/"
    )
    assert reverse("web:place-progress", args=["riverton"]) == "/places/riverton/progress/"


def test_a_second_registration_under_a_taken_name_is_refused() -> None:
    home = next(page for page in registry.page_list() if page.name == "home")
    registry.page_register(home)  # the same page again (ready() run twice) changes nothing
    with pytest.raises(ValueError, match="A page named 'home' is already registered"):
        registry.page_register(Page("elsewhere/", home.view, "home"))
    with pytest.raises(ValueError, match="navigation item named 'progress'"):
        registry.navigation_register(NavItem("progress", lambda terms: "Progress again"))


@pytest.mark.django_db
def test_navigation_follows_each_items_order_across_apps(client: Client) -> None:
    sample_place()
    nav = re.search(r'<nav aria-label="Menu".*?</nav>', client.get("/").content.decode(), re.S)
    labels = re.findall(
        r'<a class="govuk-service-navigation__link"[^>]*>\s*(?:<strong[^>]*>)?([^<]+)', nav.group(0)
    )
    # "Progress" (measures, order 30) sits between the website's big things (20) and
    # cross-cutting ambitions (40).
    assert [label.strip() for label in labels] == [
        "Home",
        "Big things",
        "Progress",
        "Routemaps",
        "Cross-cutting ambitions",
        "How it all links",
        "You said, we did",
        "Partners",
        "Brochure",
        "Open data",
        "Search",
    ]


@pytest.fixture
def extra_panels(monkeypatch):
    """Two more big-thing panels, for this test only: one before the measures, one left out."""
    panels = dict(registry._PANELS)
    monkeypatch.setattr(registry, "_PANELS", panels)
    registry.panel_register(
        Panel(
            page="big-thing",
            name="test-routemap",
            template="web/tests/panel.html",
            context=lambda site, big_thing: {"text": f"Routemap of {big_thing.title}"},
            order=45,
        )
    )
    registry.panel_register(
        Panel(
            page="big-thing",
            name="test-hidden",
            template="web/tests/panel.html",
            context=lambda site, big_thing: None,
            order=60,
        )
    )


@pytest.mark.django_db
def test_the_big_thing_page_shows_every_registered_panel_in_order(
    client: Client, extra_panels, settings, tmp_path
) -> None:
    (tmp_path / "web" / "tests").mkdir(parents=True)
    (tmp_path / "web" / "tests" / "panel.html").write_text(
        "<section data-test-panel>{{ text }} in {{ site.place.name }}</section>\n"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    sample_place()
    html = client.get("/big-things/good-jobs/").content.decode()
    ours = html.index("<section data-test-panel>Routemap of ")
    measures = html.index('<section class="onefuture-measure-summary"')
    assert ours < measures  # order 45 before the measures' 100
    assert html.count("data-test-panel") == 1  # a panel whose context is None is left out
    assert "in Riverton</section>" in html
    assert registry.panel_list("big-thing")[0].name == "test-routemap"
    assert registry.panel_list("partners") == []
