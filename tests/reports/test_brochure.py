"""The brochure from the Stockport example: the tree, the PDF read back with pypdf (headings,
each big thing, measure values matching the database, /Lang, StructTreeRoot, title metadata,
alt text), its pages drawn by pdftoppm and not blank, and the page and its PDF download."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from onefuture.framework.models import BigThing
from onefuture.reports.builders.brochure import brochure_build
from onefuture.reports.document import report_kind
from onefuture.reports.render.brochure_pdf import brochure_html, brochure_pdf
from tests.reports.pdf_read import page_is_blank, pages_drawn, struct_alts
from tests.reports.stockport_world import stockport_load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            place = stockport_load()
            brochure = brochure_build(place=place)
            titles = list(
                BigThing.objects.filter(place=place)
                .order_by("order")
                .values_list("title", flat=True)
            )
            pdf = brochure_pdf(brochure, page_url="http://example.test/brochure/")
            transaction.set_rollback(True)
    return brochure, titles, pdf


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_brochure_has_the_five_big_things_in_order(built) -> None:
    brochure, titles, _pdf = built
    assert [b.title for b in brochure.big_things] == titles
    assert len(titles) == 5
    assert brochure.vision_statement
    assert all(b.outcomes for b in brochure.big_things)
    assert any(b.routemap for b in brochure.big_things)
    assert any(b.measures for b in brochure.big_things)


def test_the_pdf_reads_back_with_headings_big_things_and_values(built) -> None:
    brochure, titles, pdf = built
    text = _text(pdf)
    assert brochure.title in text.replace("\n", " ")
    for title in titles:
        assert title in text, title
    assert "Commit to the plan with us" in text
    shown = [m for b in brochure.big_things for m in b.measures]
    assert shown
    for m in shown:
        assert m.value in text, (m.key, m.value)
        assert m.assessment in text.replace("\n", " "), (m.key, m.assessment)


def test_the_values_match_the_database(built, db) -> None:
    brochure, _titles, _pdf = built
    # The module fixture's data were rolled back: load again and compare the latest values.
    place = stockport_load()
    from onefuture.measures.selectors import datapoint_latest, measure_list

    measures = {m.key: m for m in measure_list(place=place)}
    latest = datapoint_latest(measures=list(measures.values()))
    for m in (m for b in brochure.big_things for m in b.measures):
        measure = measures[m.key]
        point = latest.get(measure.id)
        if point is None:
            assert m.value == "No data yet"
            continue
        number = f"{point.value:,.{measure.decimal_places}f}"
        assert m.value.startswith(number), (m.key, m.value, number)
        assert m.period == point.period


def test_the_pdf_is_tagged_in_en_gb_with_title_and_alt_text(built) -> None:
    brochure, _titles, pdf = built
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith(brochure.title)
    html = brochure_html(brochure)
    alts = [m.chart.alt for b in brochure.big_things for m in b.measures if m.chart]
    assert alts
    for alt in alts:
        assert alt
    assert html.count('alt="') == len(alts)
    figures = struct_alts(root["/StructTreeRoot"])
    assert sorted(figures) == sorted(alts)


def test_the_pdf_pages_are_not_blank(built, tmp_path) -> None:
    _brochure, _titles, pdf = built
    pages = pages_drawn(pdf, tmp_path)
    assert len(pages) >= 7  # the cover, five big things, the call to commit
    for path in pages:
        assert not page_is_blank(path, spread=5), path


def test_the_report_kind_is_registered_with_its_pdf_renderer() -> None:
    kind = report_kind("brochure")
    assert kind.formats == ("pdf",)
    assert "pdf" in kind.extra["render"]


def test_the_page_and_its_pdf_download(client) -> None:
    stockport_load()
    response = client.get("/places/stockport/brochure/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Download the brochure (PDF)" in page
    assert "/places/stockport/brochure.pdf" in page
    for title in BigThing.objects.values_list("title", flat=True):
        assert title in page.replace("&#x27;", "'").replace("&amp;", "&")
    pdf = client.get("/places/stockport/brochure.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    again = client.get("/places/stockport/brochure.pdf", HTTP_IF_NONE_MATCH=pdf["ETag"])
    assert again.status_code == 304
