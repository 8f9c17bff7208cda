"""axe-core (WCAG 2.2 AA rules) on every public page, found by following links from home."""

from __future__ import annotations

import pytest

from tests.browser import assert_no_axe_violations, axe_violations, crawl, format_violations
from tests.website.sample import page_paths, sample_place

pytestmark = pytest.mark.browser


def test_every_page_reachable_from_home_has_no_axe_violations(live_server, page) -> None:
    sample = sample_place()
    failures = []

    def check(page) -> None:
        violations = axe_violations(page)
        if violations:
            failures.append(format_violations(violations, url=page.url))

    urls = crawl(page, live_server.url + "/", on_page=check)
    expected = {live_server.url + "/" + path for path in page_paths(sample)}
    assert expected <= set(urls), f"not reachable from home: {sorted(expected - set(urls))}"
    assert not failures, "\n\n".join(failures)


def test_prefixed_pages_and_the_404_page_have_no_axe_violations(live_server, page) -> None:
    sample = sample_place()
    for path in ("", "how-it-all-links/"):
        page.goto(f"{live_server.url}/places/{sample.place.slug}/{path}")
        assert_no_axe_violations(page)
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert_no_axe_violations(page)


def test_the_check_finds_a_real_violation(live_server, page) -> None:
    """The harness can fail: an image without a text alternative is reported."""
    sample_place()
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => {
            const img = document.createElement("img");
            img.src = "/static/onefuture/build/assets/images/favicon.svg";
            document.querySelector("main").append(img);
        }"""
    )
    violations = axe_violations(page)
    assert "image-alt" in [v["id"] for v in violations]
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)
