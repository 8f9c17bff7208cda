"""The public engagement page of the demo data in Chromium: axe-core finds nothing; with
ONEFUTURE_SCREENSHOTS=1 it writes docs/images/engagement.png (as tests/e2e/test_stockport.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from onefuture.framework.demo import demo_prepare
from tests.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"


def test_public_engagement_page_of_the_demo(live_server, page, tmp_path: Path) -> None:
    demo_prepare()
    page.goto(live_server.url + "/engagement/")
    assert page.locator("main h1").count() == 1
    assert_no_axe_violations(page)
    folder = SCREENSHOTS if os.environ.get("ONEFUTURE_SCREENSHOTS") == "1" else tmp_path
    page.screenshot(path=str(folder / "engagement.png"), full_page=True)
    assert (folder / "engagement.png").stat().st_size > 20_000
