"""The Stockport example (examples/stockport/framework.yaml) in a real browser.

Loads the example through the framework loader, crawls every page reachable from home with
axe-core, and takes a screenshot of the home page. With ``ONEFUTURE_SCREENSHOTS=1`` the
screenshots are saved into ``docs/images/`` for the README (otherwise into a temporary folder,
so an ordinary test run never changes the working tree)::

    ONEFUTURE_SCREENSHOTS=1 .venv/bin/pytest tests/e2e/test_stockport.py -k screenshot
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from onefuture.framework.models import BigThing
from onefuture.framework.services import framework_load
from tests.browser import axe_violations, crawl, format_violations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "stockport" / "framework.yaml"
SCREENSHOTS = ROOT / "docs" / "images"
SEED_BIG_THINGS = [
    "Good jobs and homes",
    "The best place to grow up",
    "Best health and care",
    "Thriving neighbourhoods",
    "Clean, green transport",
]


@pytest.fixture
def stockport(live_server) -> str:
    framework_load(path=EXAMPLE)
    return live_server.url


def test_every_stockport_page_passes_axe_and_shows_its_tags(stockport: str, page) -> None:
    failures: list[str] = []
    untagged: list[str] = []
    illustrative_paths = {
        f"/big-things/{b.key}/"
        for b in BigThing.objects.all()
        if b.illustrative or b.summary_illustrative or b.outcomes.filter(illustrative=True)
    }

    def check(page) -> None:
        violations = axe_violations(page)
        if violations:
            failures.append(format_violations(violations, url=page.url))
        path = page.url.removeprefix(stockport)
        tags = page.locator("main .govuk-tag", has_text="Illustrative example").count()
        if path in illustrative_paths and tags == 0:
            untagged.append(path)

    urls = crawl(page, stockport + "/", on_page=check)
    assert len(urls) >= 5 + 3 + 5, urls  # home, the lists, five big things, three ambitions...
    assert not failures, "\n\n".join(failures)
    assert not untagged, f"illustrative content shown without its tag on {untagged}"


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    return SCREENSHOTS if os.environ.get("ONEFUTURE_SCREENSHOTS") == "1" else tmp_path


def test_stockport_home_and_screenshot(stockport: str, page, screenshots: Path) -> None:
    page.goto(stockport + "/")
    assert page.locator(".onefuture-header__place-name").inner_text() == "Stockport"
    cards = page.locator(".onefuture-card h3").all_inner_texts()
    assert [c.strip() for c in cards] == SEED_BIG_THINGS
    assert page.locator("main h1").inner_text().startswith("One Stockport, One Future")
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshots / "home.png"), full_page=True)
    assert (screenshots / "home.png").stat().st_size > 20_000
    page.goto(stockport + "/how-it-all-links/")
    page.screenshot(path=str(screenshots / "how-it-all-links.png"), full_page=True)


def test_every_stockport_page_renders_without_javascript(stockport: str, page_no_js) -> None:
    empty: list[str] = []

    def check(page) -> None:
        assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
        main = page.locator("main")
        if not page.locator("main h1").is_visible() or len(main.inner_text().split()) < 20:
            empty.append(page.url)

    urls = crawl(page_no_js, stockport + "/", on_page=check)
    assert len(urls) >= 13, urls
    assert not empty, f"pages with no visible content without JavaScript: {empty}"
