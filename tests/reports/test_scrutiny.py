"""The scrutiny committee report from the Stockport example: the Document's numbering and
header block, measures' latest values matching the selectors, the Word file read back with
python-docx (Heading styles, numbered paragraphs, alt text on pictures) and the PDF with pypdf
(/Lang en-GB, the sections' titles), its first page drawn non-blank by pdftoppm, and timing."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader

from onefuture.framework.models import BigThing
from onefuture.reports.builders.scrutiny import scrutiny_build
from onefuture.reports.document import Paragraph, report_kind
from onefuture.reports.render.docx import document_docx
from onefuture.reports.render.pdf import document_pdf
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
    document, _docx, pdf, titles = built
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"].get("/Lang") == "en-GB"
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "Introduction" in text
    assert titles[0].split()[0] in text
    if shutil.which("pdftoppm"):
        (tmp_path / "r.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "30",
                "-f",
                "1",
                "-l",
                "1",
                str(tmp_path / "r.pdf"),
                str(tmp_path / "p"),
            ],
            check=True,
        )
        from PIL import Image, ImageStat

        page = next(tmp_path.glob("p*.png"))
        assert ImageStat.Stat(Image.open(page).convert("L")).extrema[0][0] < 200
