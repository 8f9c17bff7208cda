"""Measure pages in a real browser: charts draw, tables match, no-JS works, axe finds nothing."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser import assert_no_axe_violations
from tests.measures.pages_sample import measures_sample, ward_boundaries_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = "/places/riverton/measures/employment/"
SLUGS = ["trend", "comparison", "deprivation", "wards", "map"]
#: The strictest policy the pages should live with: scripts and styles only from the site itself.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'"
)


@pytest.fixture
def sample():
    sample = measures_sample()
    ward_boundaries_load(sample.place)
    return sample


def _wait_for_charts(page) -> None:
    page.wait_for_function(
        """(n) => document.querySelectorAll("figure[data-chart-state='drawn']").length === n""",
        arg=len(SLUGS),
        timeout=30_000,
    )


def _figure(page, slug: str) -> dict:
    """What the reader sees in one figure: table cells, chart text, spec data, image state."""
    return page.evaluate(
        """(slug) => {
            const fig = document.querySelector(`figure[data-chart-slug='${slug}']`);
            const rows = [...fig.querySelectorAll("table tr")].map(
                tr => [...tr.querySelectorAll("th, td")].map(c => c.textContent.trim()));
            const svg = fig.querySelector("[data-chart-target] svg");
            const img = fig.querySelector("img[data-chart-fallback]");
            return {
                rows,
                spec: fig.querySelector("script[data-chart-spec]").textContent,
                svgText: svg ? [...svg.querySelectorAll("text")].map(t => t.textContent) : null,
                svgLabel: svg ? svg.getAttribute("aria-label") : null,
                imgVisible: !!img && img.offsetWidth > 0 && img.offsetHeight > 0,
                drawnVisible: !!svg && svg.getBoundingClientRect().height > 0,
                imgLoaded: !!img && img.complete && img.naturalWidth > 0,
                imgAlt: img ? img.alt : null,
            };
        }""",
        slug,
    )


def _numbers(values) -> set[str]:
    return {v for v in values if re.fullmatch(r"-?[\d,]+\.\d", v)}


def test_charts_draw_with_javascript_and_their_tables_hold_the_same_numbers(
    live_server, page, sample
):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + MEASURE)
    _wait_for_charts(page)
    assert not errors, errors
    for slug in SLUGS:
        seen = _figure(page, slug)
        assert seen["svgText"] is not None, f"{slug}: no chart drawn"
        assert not seen["imgVisible"], f"{slug}: the fallback image is still shown"
        assert seen["drawnVisible"], f"{slug}: the drawn chart is not shown"
        assert seen["svgLabel"] == seen["imgAlt"], slug
        body = seen["rows"][1:]
        spec = json.loads(seen["spec"])
        data = [d for d in spec["datasets"].values() if len(d) == len(body)]
        in_spec = {
            f"{v:,.1f}"
            for d in data
            for r in d
            for k, v in r.items()
            if isinstance(v, float) and k != "year"
        }
        assert _numbers(c for row in body for c in row) == in_spec, slug
        if slug in ("comparison", "deprivation", "wards"):
            # Every bar the table lists is labelled in the drawn chart.
            drawn = set(seen["svgText"])
            assert {row[0] for row in body} <= drawn, (
                f"{slug}: { {row[0] for row in body} - drawn }"
            )
    trend = _figure(page, "trend")
    assert {"Riverton", "England", "Target path"} <= set(trend["svgText"])
    map_text = " ".join(_figure(page, "map")["svgText"])
    assert "Illustrative: Adults in employment" in map_text
    assert_no_axe_violations(page)


def test_charts_draw_under_a_strict_content_security_policy(live_server, page, sample):
    """No 'unsafe-eval' and no 'unsafe-inline': vega-interpreter evaluates the expressions."""
    violations = []

    def with_csp(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route(re.compile(r".*/measures/employment/$"), with_csp)
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(live_server.url + MEASURE)
    _wait_for_charts(page)
    # Hovering a bar shows its numbers, as the table gives them.
    page.locator("#chart-comparison .mark-rect path").first.hover()
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for()
    first_row = _figure(page, "comparison")["rows"][1]
    assert first_row[0] in tooltip.inner_text() and first_row[2] in tooltip.inner_text()
    assert not violations, violations


def test_without_javascript_each_chart_is_an_image_with_its_table(live_server, page_no_js, sample):
    page_no_js.goto(live_server.url + MEASURE)
    for slug in SLUGS:
        seen = _figure(page_no_js, slug)
        assert seen["svgText"] is None, slug
        assert seen["imgVisible"] and seen["imgLoaded"], f"{slug}: fallback image not shown"
        assert seen["imgAlt"], slug
        assert len(seen["rows"]) > 1, f"{slug}: no table"
    csv_link = page_no_js.locator("figure[data-chart-slug='trend'] a[href$='trend.csv']")
    assert csv_link.count() == 1


def test_the_static_fallback_has_no_axe_violations(live_server, page, sample):
    """axe needs JavaScript to run, so the no-JS view is reproduced by blocking charts.js."""
    page.route(re.compile(r".*/charts\.js$"), lambda route: route.abort())
    page.goto(live_server.url + MEASURE)
    for slug in SLUGS:
        # The images load lazily, as the reader scrolls to them.
        image = page.locator(f"figure[data-chart-slug='{slug}'] img[data-chart-fallback]")
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        seen = _figure(page, slug)
        assert seen["svgText"] is None and seen["imgVisible"] and seen["imgLoaded"], slug
    assert_no_axe_violations(page)


def test_big_thing_summary_and_progress_overview_have_no_axe_violations(live_server, page, sample):
    page.goto(live_server.url + "/places/riverton/big-things/good-jobs/")
    tile = page.locator("[data-measure-summary] [data-measure='employment']")
    assert "Better than England" in tile.inner_text()
    page.wait_for_function(
        """() => document.querySelector("figure[data-chart-slug='spine']")
            ?.getAttribute("data-chart-state") === "drawn" """
    )
    spine = _figure(page, "spine")
    assert "Adults in employment" in spine["svgText"] and not spine["imgVisible"]
    assert spine["rows"][1][:3] == ["Adults in employment", "73.0", "72.0"]
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/places/riverton/progress/")
    row = page.locator("tr[data-measure='employment']")
    assert "On course for the 2040 target" in row.inner_text()
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/places/riverton/measures/empty-homes/")
    assert_no_axe_violations(page)
