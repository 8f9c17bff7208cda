"""The analyst's theme pages in Chromium: axe on each, and each without JavaScript (a run
started, its page, rename, the review queue's confirmation), redacted text only."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from onefuture.engagement.models import Comment, Theme, ThemeRun
from onefuture.engagement.services.themes import theme_run_start
from tests.browser import assert_no_axe_violations
from tests.engagement.themes_sample import themes_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/places/riverton/workspace/engagement/themes/"
SCOPE = "?consultation=town-2040"


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def world():
    world = themes_world()
    # The fixture's own (finished) run; tests add a running run of their own beside it.
    world.run = theme_run_start(
        user=world.analyst, place=world.place, consultation=world.consultation, n_themes=3
    )
    return world


def _paths(world) -> list[str]:
    theme = Theme.objects.order_by("order").first()
    run = world.run
    return [
        BASE,
        BASE + SCOPE,
        BASE + f"runs/{run.pk}/",
        BASE + f"{theme.key}/",
        BASE + "merge/" + SCOPE,
        BASE + "review/" + SCOPE,
    ]


def test_every_theme_page_passes_axe(live_server, page, world) -> None:
    _sign_in(page, live_server, world.analyst)
    # A running run's page too (with its Refresh link, never reloading itself).
    running = ThemeRun.objects.create(place=world.place, status="running", progress=30)
    for path in [*_paths(world), BASE + f"runs/{running.pk}/"]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok, path
        assert page.locator("main h1").count() == 1, path
        assert "@example.org" not in page.content(), path
        assert_no_axe_violations(page)
    # An error summary passes too.
    page.goto(live_server.url + BASE + SCOPE)
    page.get_by_label("Number of themes (optional)").fill("99")
    page.get_by_role("button", name="Run again").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_no_axe_violations(page)


def test_without_javascript_the_analyst_curates_and_reviews(live_server, page_no_js, world):
    page = page_no_js
    _sign_in(page, live_server, world.analyst)
    for path in _paths(world):
        page.goto(live_server.url + path)
        assert page.locator("main h1").is_visible(), path

    # A running run's page: its Refresh link shows the progress again.
    running = ThemeRun.objects.create(place=world.place, status="running", progress=30)
    page.goto(live_server.url + BASE + f"runs/{running.pk}/")
    ThemeRun.objects.filter(pk=running.pk).update(progress=60, stage="Assigning comments")
    page.get_by_role("link", name="Refresh the run's progress").click()
    assert page.get_by_text("60%: Assigning comments").is_visible()

    # Start a run: its page says how far it got, then links to the themes.
    page.goto(live_server.url + BASE + SCOPE)
    page.get_by_label("Number of themes (optional)").fill("3")
    page.get_by_role("button", name="Run again").click()
    assert "/runs/" in page.url and page.get_by_text("100%").is_visible()

    # Rename and confirm a theme.
    theme = Theme.objects.order_by("order").first()
    page.goto(live_server.url + BASE + f"{theme.key}/")
    page.get_by_label("Name", exact=True).fill("Buses and their timetables")
    page.get_by_role("button", name="Save the name").click()
    page.get_by_role("button", name="Confirm this theme").click()
    theme.refresh_from_db()
    assert (theme.name, theme.status) == ("Buses and their timetables", "confirmed")

    # The review queue: the first comment's suggested themes are ticked; confirm them.
    page.goto(live_server.url + BASE + "review/" + SCOPE)
    first = page.locator("main form").first
    comment_id = int(first.locator("input[name=comment]").get_attribute("value"))
    first.get_by_role("button", name="Confirm themes").click()
    assert page.get_by_text(f"Comment {comment_id}'s themes are confirmed.").is_visible()
    assert Comment.objects.get(pk=comment_id).themes_confirmed_at is not None
