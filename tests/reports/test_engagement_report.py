"""The engagement report (kind "engagement") of the public engagement test world, read back from
Word (python-docx) and PDF (pypdf): its numbers are the selectors', small counts read "fewer
than 5", the gaps are named, the coverage chart is a picture with alt text and a table, quotes
are redacted, responses name what delivers them, attribution is there, and no comment's
original text, unpublished response or proposed theme appears."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from onefuture.engagement.models import Comment, Consultation
from onefuture.engagement.selectors.report import engagement_report
from onefuture.reports.builders.engagement import engagement_build
from onefuture.reports.document import BulletList, Figure, Table, report_kind
from onefuture.reports.render.docx import document_docx
from onefuture.reports.render.pdf import document_pdf
from tests.engagement.public_sample import ORIGINAL_MARKER, add_ward_boundaries, public_world

pytestmark = pytest.mark.django_db

DATE = dt.date(2026, 6, 1)


@pytest.fixture
def world():
    world = public_world()
    add_ward_boundaries(world)
    Consultation.objects.create(
        place=world.place,
        key="bowling-green",
        title="Bowling Green conversation",
        source_name="Polis",
        source_url="https://example.org/polis",
        licence="CC BY 4.0",
        attribution="Comments from the Bowling Green Polis conversation",
        illustrative=True,
    )
    return world


def _word_text(data: bytes) -> str:
    word = docx.Document(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _blocks(document, kind):
    return [b for s in document.sections for b in s.blocks if isinstance(b, kind)]


def test_registered_with_word_and_pdf(world) -> None:
    kind = report_kind("engagement")
    assert kind.formats == ("docx", "pdf")
    assert kind.build is engagement_build


def test_numbers_match_the_selectors_and_small_counts_are_suppressed(world) -> None:
    report = engagement_report(place=world.place)
    document = engagement_build(place=world.place, date=DATE)
    titles = [s.title for s in document.sections]
    assert titles == [
        "Summary",
        "Who we heard from",
        "Coverage and its gaps",
        "What people told us",
        "What we are doing",
        "Sources and attribution",
    ]
    assert [s.number for s in document.sections] == ["1", "2", "3", "4", "5", "6"]
    reach = next(t for t in _blocks(document, Table) if t.caption == "Reach")
    assert dict(reach.rows) == {
        "Engagement events": "2",
        "Comments": "15",
        "People who commented": report.coverage.people.words,
        "People at events": "65",
    }
    groups = next(t for t in _blocks(document, Table) if t.caption.endswith("stakeholder group"))
    by_name = {row[0]: row for row in groups.rows}
    # Three comments from young people: under 5, so never the number.
    assert by_name["Young people"][1] == "fewer than 5"
    assert by_name["Residents"][1] == "12"
    assert by_name["Businesses"][1] == "0"
    assert not any(row[1] == "3" for row in groups.rows)


def test_word_file_reads_back(world) -> None:
    data = document_docx(engagement_build(place=world.place, date=DATE))
    text = _word_text(data)
    report = engagement_report(place=world.place)
    for gap in report.gaps:
        assert gap in text
    assert "Offerton" in text and "Businesses" in text  # never heard from
    assert "Buses: 15 comments." in text
    assert "We are adding bus lanes on the A6." in text
    assert world.plan.milestones["bus-lanes"].title in text
    assert world.plan.measure.title in text
    assert "More buses please, call me on [PHONE]" in text  # a redacted quote
    assert "CC BY 4.0" in text and "Polis" in text
    word = docx.Document(io.BytesIO(data))
    alts = [d.get("descr") for d in word.element.body.iter(qn("wp:docPr"))]
    assert len(alts) == 2  # the ward map and the groups' bar chart
    assert all(a and a.strip() for a in alts)


def test_pdf_reads_back_with_the_same_numbers(world) -> None:
    document = engagement_build(place=world.place, date=DATE)
    data = document_pdf(document)
    assert data.startswith(b"%PDF")
    text = " ".join(_pdf_text(data).split())
    assert "What people told us" in text
    assert "fewer than 5" in text
    assert "We are adding bus lanes on the A6." in text
    assert "1 June 2026" in text


def test_coverage_chart_is_a_figure_with_its_table(world) -> None:
    document = engagement_build(place=world.place, date=DATE)
    figures = _blocks(document, Figure)
    assert len(figures) == 2
    for figure in figures:
        assert figure.png.startswith(b"\x89PNG")
        assert figure.alt.strip() and figure.table is not None
    groups = figures[-1]
    assert ("Young people", "fewer than 5") in groups.table.rows
    assert "Young people fewer than 5" in groups.alt


def test_nothing_private_reaches_either_format(world) -> None:
    document = engagement_build(place=world.place, date=DATE)
    texts = [_word_text(document_docx(document)), _pdf_text(document_pdf(document))]
    originals = list(Comment.objects.values_list("text", flat=True))
    for text in texts:
        assert ORIGINAL_MARKER not in text
        assert "STAFF-NOTE-ONLY" not in text
        assert "UNPUBLISHED-PARKS-RESPONSE" not in text
        assert "PROPOSED-THEME-RESPONSE" not in text
        assert "Litter" not in text  # a proposed theme
        for original in originals:
            assert original not in text
    quotes = [
        item
        for block in _blocks(document, BulletList)
        for item in block.items
        if item.startswith("\u201c")
    ]
    assert quotes and all("[PHONE]" in q for q in quotes)


def test_a_place_without_engagement_still_reports(db) -> None:
    from tests.routemaps.sample import sample_plan

    place = sample_plan(slug="quiet", name="Quiet").place
    document = engagement_build(place=place, date=DATE)
    text = _word_text(document_docx(document))
    assert "No themes are confirmed yet." in text
    assert "No response is published yet." in text
