"""The public site in a real browser: navigation, keyboard, and pages without JavaScript."""

from __future__ import annotations

import pytest

from tests.website.sample import page_paths, sample_place

pytestmark = pytest.mark.browser

GOVUK_FOCUS_YELLOW = "rgb(255, 221, 0)"


def test_service_navigation_reaches_every_section(live_server, page) -> None:
    sample_place()
    page.goto(live_server.url + "/")
    labels = [
        label.strip()
        for label in page.locator(".govuk-service-navigation__list a").all_inner_texts()
    ]
    ours = ["Home", "Big things", "Cross-cutting ambitions", "How it all links", "Partners"]
    # Other apps may add items (measures add their own), but ours stay, in this order.
    assert [label for label in labels if label in ours] == ours
    assert labels[0] == "Home"
    for label in labels:
        menu = page.get_by_role("navigation", name="Menu")
        menu.get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        current = page.locator('.govuk-service-navigation__list a[aria-current="page"]')
        assert current.inner_text().strip() == label, page.url
        assert page.locator("main h1").count() == 1, page.url
    # A big thing's page sits in the "Big things" section.
    page.goto(live_server.url + "/")
    page.locator("main").get_by_role("link", name="Riverton best place to grow up").click()
    assert page.url == live_server.url + "/big-things/growing-up/"
    assert page.locator('a[aria-current="true"]').inner_text().strip() == "Big things"
    assert page.locator("main h1").inner_text().startswith("Riverton best place to grow up")


def test_pages_render_their_content_without_javascript(live_server, page_no_js) -> None:
    sample = sample_place()
    page = page_no_js
    for path in page_paths(sample):
        page.goto(f"{live_server.url}/{path}")
        assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
        assert page.locator("main h1").is_visible(), path
        assert page.locator(".govuk-service-navigation__list").is_visible(), path
        # The stylesheet applies (GOV.UK's Arial settings), so the page is styled, not raw HTML.
        font = page.locator("main h1").evaluate("e => getComputedStyle(e).fontFamily")
        assert font.lower().startswith("arial"), (path, font)
    page.goto(f"{live_server.url}/big-things/good-jobs/")
    assert page.get_by_text("More Riverton jobs.").is_visible()
    assert page.get_by_role("table").first.is_visible()
    page.goto(f"{live_server.url}/how-it-all-links/")
    network = page.get_by_role("img", name="Network of 4 links between 6 items")
    assert network.is_visible()
    box = network.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 200
    assert page.get_by_role("table", name="Every link, in words").is_visible()
    assert page.get_by_role("table", name="How each cross-cutting ambition applies").is_visible()


def test_javascript_enhances_without_errors(live_server, page) -> None:
    sample_place()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.goto(live_server.url + "/how-it-all-links/")
    page.wait_for_load_state("networkidle")
    classes = page.locator("body").get_attribute("class") or ""
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes
    assert errors == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page) -> None:
    sample_place()
    page.goto(live_server.url + "/big-things/good-jobs/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.className]"
    )
    assert focused == ["Skip to main content", "govuk-skip-link"]
    skip = page.locator(".govuk-skip-link")
    assert skip.is_visible()
    # GOV.UK's focus style: a yellow background the keyboard user can see.
    assert skip.evaluate("e => getComputedStyle(e).backgroundColor") == GOVUK_FOCUS_YELLOW
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"
    # The next tab stop is inside main, past the header and navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


def test_skip_link_works_without_javascript(live_server, page_no_js) -> None:
    sample_place()
    page = page_no_js
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert (
        page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to main content"
    )
    page.keyboard.press("Enter")
    assert page.url.endswith("/#main-content")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def test_pages_work_under_a_strict_content_security_policy(live_server, page) -> None:
    """No inline script or style anywhere: the pages run unchanged under script-src 'self'."""
    sample = sample_place()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def with_csp(route) -> None:
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route(lambda url: "/static/" not in url, with_csp)
    for path in page_paths(sample):
        page.goto(f"{live_server.url}/{path}")  # module scripts run before "load"
        # The external scripts still ran: GOV.UK Frontend initialised the page.
        assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or "")
    assert violations == []


def test_pages_fit_a_phone_screen(live_server, browser) -> None:
    """At 320 CSS pixels (WCAG 1.4.10 reflow) nothing but the scrollable matrix is wider."""
    sample = sample_place()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        for path in page_paths(sample):
            page.goto(f"{live_server.url}/{path}")
            overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"/{path} is {overflow}px wider than the screen"
    finally:
        context.close()


def test_the_network_keeps_legible_labels_on_a_phone(live_server, browser) -> None:
    """At 320 CSS pixels the picture scrolls sideways in its own region rather than shrinking."""
    sample_place()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/how-it-all-links/")
        network = page.get_by_role("img", name="Network of 4 links between 6 items")
        # Rendered label size: the SVG's font size scaled by drawn width over viewBox width.
        label_px = network.evaluate(
            """svg => parseFloat(getComputedStyle(svg.querySelector('text')).fontSize)
                     * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width"""
        )
        assert label_px >= 9.5, f"network labels are drawn {label_px:.1f}px high on a phone"
        region = page.get_by_role("region", name="Network of links")
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0
    finally:
        context.close()
