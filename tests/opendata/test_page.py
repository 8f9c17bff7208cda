"""The /data/ page in Chromium: axe-core finds nothing with JavaScript on or off, every
registered table has its section with working CSV and JSON links, its licence and its columns
(a native <details>, so without JavaScript too), and the data package downloads as a zip."""

from __future__ import annotations

import io
import zipfile

import pytest

from onefuture.opendata.registry import open_table_list
from tests.browser import assert_no_axe_violations
from tests.engagement.public_sample import public_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data_url(live_server) -> str:
    world = public_world()
    return f"{live_server.url}/places/{world.place.slug}/data/"


def test_the_open_data_page_passes_axe(data_url, page) -> None:
    response = page.goto(data_url)
    assert response is not None and response.ok
    assert page.locator("main h1").all_inner_texts() == ["Open data"]
    assert page.locator("nav [aria-current='page']").inner_text().strip() == "Open data"
    sections = page.locator("main section[data-open-table]")
    assert sections.count() == len(open_table_list())
    for table in open_table_list():
        section = page.locator(f"main section[data-open-table='{table.name}']")
        assert table.title in section.locator("h3").inner_text()
        assert "Open Government Licence v3.0" in section.inner_text()
        for kind, mime in (("CSV", "text/csv"), ("JSON", "application/json")):
            href = section.get_by_role("link", name=f"{table.title} as {kind}").get_attribute(
                "href"
            )
            fetched = page.request.get(data_url.split("/places/")[0] + href)
            assert fetched.ok and fetched.headers["content-type"].startswith(mime), href
    assert_no_axe_violations(page)


def test_the_open_data_page_works_without_javascript(data_url, page_no_js) -> None:
    page = page_no_js
    response = page.goto(data_url)
    assert response is not None and response.ok
    measures = page.locator("main section[data-open-table='measures']")
    columns = measures.locator("details table")
    assert not columns.is_visible()
    measures.locator("summary").click()  # a native <details>: no script needed
    assert columns.is_visible() and "polarity" in columns.inner_text()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download all the tables").click()
    assert download.value.suggested_filename.endswith("-datapackage.zip")
    with open(download.value.path(), "rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert names[0] == "datapackage.json" and len(names) == len(open_table_list()) + 1
