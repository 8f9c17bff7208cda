"""The scrutiny committee report from the Stockport example: the Document's numbering and
header block, measures' latest values matching the selectors, the Word file read back with
python-docx (Heading styles, numbered paragraphs, alt text on pictures) and the PDF with pypdf
(/Lang en-GB, the sections' titles), its first page drawn non-blank by pdftoppm, and timing."""

from __future__ import annotations

import io
import re
import time

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

from onefuture.framework.models import BigThing
from onefuture.reports.builders.scrutiny import scrutiny_build
from onefuture.reports.document import Paragraph, report_kind
from onefuture.reports.render.docx import document_docx
from onefuture.reports.render.pdf import document_pdf
from tests.reports.pdf_read import page_is_blank, pages_drawn
from tests.reports.stockport_world import stockport_load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    import datetime as dt

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            place = stockport_load()
            started = time.perf_counter()
            document = scrutiny_build(place=place, date=dt.date(2026, 12, 3))
            built_s = time.perf_counter() - started
            started = time.perf_counter()
            docx = document_docx(document)
            docx_s = time.perf_counter() - started
            started = time.perf_counter()
            pdf = document_pdf(document)
            pdf_s = time.perf_counter() - started
            titles = list(
                BigThing.objects.filter(place=place)
                .order_by("order")
                .values_list("title", flat=True)
            )
            transaction.set_rollback(True)
    print(f"scrutiny: build {built_s:.2f} s, docx {docx_s:.2f} s, pdf {pdf_s:.2f} s")
    return document, docx, pdf, titles


def test_registered() -> None:
    assert report_kind("scrutiny").build is scrutiny_build


def test_sections_are_numbered_in_the_council_format(built) -> None:
    document, _docx, _pdf, titles = built
    numbers = [s.number for s in document.sections]
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
    assert document.sections[0].title == "Introduction"
    assert document.sections[1].title == "What has changed since the previous report"
    assert [s.title.removesuffix(" (illustrative)") for s in document.sections[2:7]] == titles
    for section in document.sections:
        paragraphs = [b.number for b in section.blocks if isinstance(b, Paragraph)]
        assert paragraphs == [f"{section.number}.{i}" for i in range(1, len(paragraphs) + 1)]
    assert document.header.report_to and document.header.title


def test_docx_has_headings_numbers_and_alt_text(built) -> None:
    document, docx, _pdf, _titles = built
    word = DocxDocument(io.BytesIO(docx))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert any("Introduction" in h for h in headings)
    text = "\n".join(p.text for p in word.paragraphs)
    assert re.search(r"^1\.1\b", text, re.M) and re.search(r"^2\.1\b", text, re.M)
    descr = re.findall(rb'descr="([^"]+)"', _xml(docx))
    figures = sum(1 for s in document.sections for b in s.blocks if hasattr(b, "png"))
    assert figures > 0 and len(descr) >= figures


def _xml(docx: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")


def test_pdf_reads_back(built, tmp_path) -> None:
    _document, _docx, pdf, titles = built
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"].get("/Lang") == "en-GB"
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "Introduction" in text
    assert titles[0].split()[0] in text
    (page,) = pages_drawn(pdf, tmp_path, first_only=True)
    assert not page_is_blank(page), page


def _record(plan, area, when, label, text, previous_label, previous_text):
    from onefuture.measures.models import AssessmentRecord

    return AssessmentRecord.objects.create(
        measure=plan.measure,
        area=area,
        kind="trend",
        period=str(when.year),
        label=label,
        text=text,
        previous_label=previous_label,
        previous_text=previous_text,
        computed_at=when,
    )


def test_what_changed_lists_exactly_the_changes_between_a_and_b() -> None:
    """A scripted change: between the dates A and B one assessment and one milestone's status
    change; the report for B since A lists exactly those (not the ones before A or after B)."""
    import datetime as dt

    from onefuture.routemaps.models import Update, UpdateState
    from tests.factories import AreaFactory
    from tests.routemaps.sample import sample_plan

    plan = sample_plan()
    area = AreaFactory(place=plan.place, code="E08000099", name="Riverton", type="local_authority")
    a, b = dt.date(2026, 3, 1), dt.date(2026, 9, 1)

    def at(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)

    _record(plan, area, at(dt.date(2026, 1, 5)), "worse", "Getting worse", "", "")
    _record(plan, area, at(dt.date(2026, 5, 5)), "better", "Improving", "worse", "Getting worse")
    _record(plan, area, at(dt.date(2026, 10, 5)), "same", "No clear change", "better", "Improving")

    def publish(key: str, status: str, day: dt.date) -> None:
        Update.objects.create(
            place=plan.place,
            milestone=plan.milestones[key],
            status=status,
            narrative="",
            state=UpdateState.PUBLISHED,
            published_at=at(day),
            evidence_url="https://example.org/evidence",
        )

    publish("skills", "at_risk", dt.date(2026, 1, 10))  # before A
    publish("skills", "off_track", dt.date(2026, 6, 10))  # between A and B
    publish("depot", "at_risk", dt.date(2026, 10, 10))  # after B

    document = scrutiny_build(place=plan.place, date=b, since=a)
    changed = document.sections[1]
    from onefuture.reports.document import BulletList

    lists = [blk.items for blk in changed.blocks if isinstance(blk, BulletList)]
    assert len(lists) == 2
    assessments, milestones = lists
    assert len(assessments) == 1 and "improving" in assessments[0].lower(), assessments
    assert len(milestones) == 1
    skills = plan.milestones["skills"].title
    assert milestones[0].startswith(f"{skills} moved from at risk to off track"), milestones
    text = " ".join(p.text for p in changed.blocks if isinstance(p, Paragraph))
    assert "1 assessment of measures changed" in text and "1 milestone update was published" in text
