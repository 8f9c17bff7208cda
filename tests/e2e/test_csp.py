"""The site's own Content-Security-Policy (ADR 0042) in Chromium with JavaScript on: the main
public pages (a measure's charts drawn by Vega, the ward map, the routemaps) and the workspace
report no ``securitypolicyviolation`` and no console error, and the lockout page passes axe."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from tests.browser import assert_no_axe_violations
from tests.measures.pages_sample import measures_sample, ward_boundaries_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITE = "/places/riverton"
PUBLIC = [
    "/",
    "/big-things/good-jobs/",
    "/measures/employment/",
    "/progress/",
    "/routemaps/",
    "/how-it-all-links/",
    "/partners/",
    "/search/?q=jobs",
    "/sign-in/",
]
WORKSPACE = ["/workspace/", "/workspace/sign-ins/", "/workspace/measures/"]
PASSWORD = "a-long-enough-password-7"

#: Collects what the browser refused, from before the page's own scripts run.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def sample():
    sample = measures_sample()
    ward_boundaries_load(sample.place)
    admin = get_user_model().objects.create_user("ada", password=PASSWORD)
    membership_set(user=admin, place=sample.place, role=Role.ADMINISTRATOR)
    return sample


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _visit(page, url: str, errors: list[str]) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.ok, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("networkidle")
    if page.locator("figure[data-onefuture-chart]").count():
        page.wait_for_function(
            """() => [...document.querySelectorAll("figure[data-onefuture-chart]")]
                  .every(f => f.dataset.chartState === "drawn" || f.dataset.chartState === "failed"
                              || !f.querySelector("[data-chart-target]"))""",
            timeout=30_000,
        )
    problems = [f"{url}: {v}" for v in page.evaluate("window.__violations")]
    problems += [f"{url}: console: {e}" for e in errors]
    errors.clear()
    return problems


def test_no_public_or_workspace_page_breaks_the_policy(live_server, page, sample) -> None:
    errors = _watch(page)
    problems: list[str] = []
    for path in PUBLIC:
        problems += _visit(page, f"{live_server.url}{SITE}{path}", errors)
    # The charts really were drawn by the script under the policy, not left as images.
    page.goto(f"{live_server.url}{SITE}/measures/employment/")
    page.wait_for_selector("figure[data-chart-state='drawn']", timeout=30_000)
    failed = page.locator("figure[data-chart-state='failed']").count()
    assert failed == 0, "a chart failed to draw under the policy"

    page.goto(f"{live_server.url}{SITE}/sign-in/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{SITE}/workspace/")
    for path in WORKSPACE:
        problems += _visit(page, f"{live_server.url}{SITE}{path}", errors)
    assert not problems, "\n".join(problems)


def test_the_lockout_page_is_accessible_and_in_the_sites_design(
    live_server, page, sample, settings
) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    errors = _watch(page)
    for _ in range(2):
        page.goto(f"{live_server.url}{SITE}/sign-in/")
        page.get_by_label("Username").fill("ada")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Too many attempts to sign in"
    assert page.locator(".govuk-header").count() == 1
    assert_no_axe_violations(page)
    assert not page.evaluate("window.__violations")
    # The browser reports the page's own 429 as a console error; nothing else may be there.
    assert [e for e in errors if "status of 429" not in e] == []
