"""The browser-test harness: Playwright (sync API) driving Debian's Chromium, and axe-core.

``tests/conftest.py`` loads this module as a plugin, so the fixtures ``browser``, ``page`` and
``page_no_js`` are available to every test; import the helpers. In a test (pytest-django's
``live_server`` serves the site from the test database)::

    from tests.browser import assert_no_axe_violations, crawl


    def test_my_page(live_server, page):
        page.goto(live_server.url + "/my-page/")
        assert_no_axe_violations(page)

One browser per test session (starting Chromium costs about a second); each test gets a fresh
context, so cookies and storage never leak between tests. When Chromium is missing the tests
skip loudly locally and fail under ``CI=true`` (see ``tests.conftest.require``).

Why ``DJANGO_ALLOW_ASYNC_UNSAFE``: Playwright's sync API runs an event loop in the test's thread,
and Django then refuses ORM calls from that thread (they look async to it). The test's own ORM
calls are ordinary synchronous code, so allowing them is safe here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("ONEFUTURE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Extensions of links that download a file rather than open a page.
DOWNLOADS = {".csv", ".xlsx", ".xls", ".json", ".svg", ".png", ".pdf", ".docx", ".zip", ".geojson"}
#: Generous: CI shares two cores between the suite, the live server and Chromium.
TIMEOUT_MS = 30_000
#: Desktop size; screenshots and the layout's breakpoints assume it.
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    require(
        CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.urls import get_resolver
    from playwright.sync_api import sync_playwright

    # Import every view module now, so the first page a test opens is not slowed by imports.
    get_resolver().url_patterns  # noqa: B018

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _new_page(browser: object, *, javascript: bool) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        java_script_enabled=javascript, viewport=VIEWPORT, locale="en-GB"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page._onefuture_javascript = javascript  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        checker = getattr(page, "_onefuture_axe_checker", None)
        if checker is not None:
            checker.context.close()
        context.close()


def _axe_page(page: object) -> object:
    """The page axe runs in: ``page`` itself, or for a page with JavaScript off a JavaScript-on
    copy of its DOM as rendered (scripts removed, its URL as the base for styles and images):
    axe-core's promises never settle in a page whose scripts are off, so it would hang there."""
    if getattr(page, "_onefuture_javascript", True):
        return page
    checker = getattr(page, "_onefuture_axe_checker", None)
    if checker is None:
        context = page.context.browser.new_context(  # type: ignore[attr-defined]
            viewport=VIEWPORT, locale="en-GB"
        )
        context.set_default_timeout(TIMEOUT_MS)
        checker = context.new_page()
        page._onefuture_axe_checker = checker  # type: ignore[attr-defined]
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S | re.I)  # type: ignore[attr-defined]
    html = html.replace("<head>", f'<head><base href="{page.url}">', 1)  # type: ignore[attr-defined]
    checker.set_content(html, wait_until="load")  # type: ignore[attr-defined]
    return checker


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page with JavaScript on."""
    yield from _new_page(browser, javascript=True)


@pytest.fixture
def page_no_js(browser: object) -> Iterator[object]:
    """A fresh page with JavaScript off: what the server rendered is all there is."""
    yield from _new_page(browser, javascript=False)


def axe_violations(page: object, *, tags: list[str] | None = None) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations.

    axe is injected from ``frontend/node_modules`` (never a CDN). For a ``page_no_js`` page it
    runs on a JavaScript-on copy of the rendered DOM (see :func:`_axe_page`).
    """
    require(AXE.exists(), f"axe-core is not installed at {AXE} (run: make install)")
    page = _axe_page(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
        # Evaluated through the DevTools protocol, which the site's Content-Security-Policy
        # does not govern (an inline <script> tag, add_script_tag's way, it refuses: ADR 0042).
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        """async (tags) => await window.axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        tags or AXE_TAGS,
    )
    return result["violations"]


def format_violations(violations: list[dict], *, url: str = "") -> str:
    """Violations as a readable list: rule, impact, what to fix and where."""
    lines = [f"{len(violations)} accessibility violation(s){f' on {url}' if url else ''}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown impact'}): "
            f"{violation['help']} — {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more element(s)")
    return "\n".join(lines)


def assert_no_axe_violations(page: object, *, tags: list[str] | None = None) -> None:
    """Fail with a readable list when axe-core finds any WCAG 2.2 AA violation on the page."""
    violations = axe_violations(page, tags=tags)
    assert not violations, format_violations(violations, url=page.url)  # type: ignore[attr-defined]


def site_links(page: object, base_url: str) -> list[str]:
    """Every same-site page linked from the current page, without fragments or query strings.

    Static files, the admin, downloads (``download`` links and paths ending in a file
    extension such as ``.csv``) and other hosts are left out: this is what a crawler of the
    public site follows.
    """
    hrefs = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))"
    )
    host = urlsplit(base_url).netloc
    found = []
    for href in hrefs:
        url = urldefrag(urljoin(page.url, href)).url  # type: ignore[attr-defined]
        parts = urlsplit(url)
        if parts.netloc != host or parts.query:
            continue
        if parts.path.startswith(("/static/", "/admin/")):
            continue
        if PurePosixPath(parts.path).suffix in DOWNLOADS:
            continue  # a file to download (CSV, spreadsheet, image), not a page
        found.append(parts._replace(fragment="").geturl())
    return list(dict.fromkeys(found))


def crawl(
    page: object,
    start_url: str,
    *,
    on_page: Callable[[object], None] | None = None,
    limit: int = 200,
) -> list[str]:
    """Visit every public page reachable from ``start_url`` by links; return the URLs in order.

    ``on_page(page)`` runs on each page once it has loaded (for example an axe check), so each
    page is loaded only once. Fails if any page answers with an error status, naming the page
    and the page that links to it.
    """
    seen = {start_url: "(start)"}
    queue = [start_url]
    visited = []
    while queue:
        url = queue.pop(0)
        response = page.goto(url)  # type: ignore[attr-defined]
        assert response is not None and response.ok, (
            f"{url} answered {response.status if response else 'nothing'} (linked from {seen[url]})"
        )
        visited.append(url)
        if on_page is not None:
            on_page(page)
        assert len(visited) <= limit, f"more than {limit} pages reachable from {start_url}"
        for link in site_links(page, start_url):
            if link not in seen:
                seen[link] = url
                queue.append(link)
    return visited
