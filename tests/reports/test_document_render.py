"""The document model rendered to Word (read back with python-docx) and PDF (read back with
pypdf and drawn with pdftoppm): numbering, header block, alt text, tables, page images."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from onefuture.charts.model import Chart, Column
from onefuture.reports.document import (
    BulletList,
    ContactOfficer,
    Document,
    HeaderBlock,
    Numberer,
    Recommendation,
    Recommendations,
    ReportKind,
    Table,
    report_kind,
    report_register,
    section_build,
)
from onefuture.reports.images import chart_figure, png_size
from onefuture.reports.render.docx import document_docx
from onefuture.reports.render.pdf import document_pdf
from tests.reports.pdf_read import page_is_blank, pages_drawn

ROWS = ({"year": "2020", "value": 3.5}, {"year": "2021", "value": 4.25})


def _chart() -> Chart:
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": list(ROWS)},
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "nominal"},
            "y": {"field": "value", "type": "quantitative"},
        },
        "width": 200,
        "height": 120,
    }
    return Chart(
        slug="t",
        title="Rate over time",
        alt="Bar chart: the rate rose from 3.5 in 2020 to 4.3 in 2021.",
        spec=spec,
        columns=(Column("year", "Year", numeric=False), Column("value", "Rate")),
        rows=ROWS,
    )


def _document() -> Document:
    n = Numberer()
    sections = (
        section_build(n, "Purpose of the report", ["To update the committee.", "Second point."]),
        section_build(
            n,
            "Measures",
            [
                "The measures this quarter.",
                BulletList(("One", "Two")),
                Table("Assessments", ("Measure", "Assessment"), (("Jobs", "On track"),)),
                chart_figure(_chart()),
            ],
        ),
        section_build(
            n, "Recommendations", [Recommendations((Recommendation("3.1", "Note the report."),))]
        ),
        section_build(n, "Contact officer", [ContactOfficer("Sam Officer", "Strategy lead")]),
    )
    header = HeaderBlock(
        report_to="Scrutiny Committee",
        date=dt.date(2026, 3, 12),
        report_of="Director of Strategy",
        title="One Future: progress report",
    )
    return Document(title="One Future: progress report", header=header, sections=sections)


def test_numberer_numbers_sections_and_paragraphs() -> None:
    doc = _document()
    assert [s.number for s in doc.sections] == ["1", "2", "3", "4"]
    assert [b.number for b in doc.sections[0].blocks] == ["1.1", "1.2"]
    assert doc.sections[1].blocks[0].number == "2.1"


def test_chart_figure_is_the_charts_png_with_its_alt_and_table() -> None:
    figure = chart_figure(_chart())
    assert figure.png.startswith(b"\x89PNG")
    assert png_size(figure.png) == (figure.width_px, figure.height_px)
    assert figure.alt.startswith("Bar chart")
    assert figure.table.rows == (("2020", "3.5"), ("2021", "4.2"))  # the chart's own rounding


def test_word_file_has_headings_numbers_header_tables_and_alt_text() -> None:
    data = document_docx(_document())
    word = docx.Document(io.BytesIO(data))
    assert word.core_properties.title == "One Future: progress report"
    assert word.core_properties.language == "en-GB"
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. Purpose of the report",
        "2. Measures",
        "3. Recommendations",
        "4. Contact officer",
    ]
    texts = [p.text for p in word.paragraphs]
    assert "1.1\tTo update the committee." in texts
    assert "2.1\tThe measures this quarter." in texts
    assert "3.1\tNote the report." in texts
    header = word.tables[0]
    assert [c.text for c in header.rows[0].cells] == ["Report to", "Scrutiny Committee"]
    assert header.rows[1].cells[1].text == "12 March 2026"
    assessments = word.tables[1]
    assert assessments.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in assessments.rows[1].cells] == ["Jobs", "On track"]
    descrs = [el.get("descr") for el in word.element.body.iter(qn("wp:docPr"))]
    assert descrs == ["Bar chart: the rate rose from 3.5 in 2020 to 4.3 in 2021."]


def test_pdf_is_tagged_numbered_and_draws_non_blank_pages(tmp_path) -> None:
    data = document_pdf(_document())
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Scrutiny Committee",
        "12 March 2026",
        "1. Purpose of the report",
        "1.1",
        "To update the committee.",
        "2. Measures",
        "On track",
        "3.1",
        "Page 1 of",
    ):
        assert expected in text, expected
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root  # tagged
    pages = pages_drawn(data, tmp_path, resolution=50)
    assert len(pages) == len(reader.pages)
    for page in pages:
        assert not page_is_blank(page), f"{page.name} looks blank"


def test_registry_finds_a_kind_and_names_the_known_ones() -> None:
    report_register(ReportKind(key="test-kind", title="Test", build=lambda **kw: _document()))
    assert report_kind("test-kind").title == "Test"
    from onefuture.core.errors import ApplicationError

    with pytest.raises(ApplicationError, match="test-kind"):
        report_kind("nope")
