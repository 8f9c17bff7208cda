"""Word rendering with python-docx: real heading styles, numbered paragraphs, header-row tables,
pictures with alt text (``descr`` on the drawing's ``docPr``) and core properties."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from onefuture.reports.document import (
    BulletList,
    ContactOfficer,
    Document,
    Figure,
    Paragraph,
    Recommendations,
    Table,
)

MAX_WIDTH_CM = 16.0


def _header_block(doc, rows: tuple[tuple[str, str], ...]) -> None:
    grid = doc.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    for label, value in rows:
        cells = grid.add_row().cells
        cells[0].text = label
        cells[1].text = value
        for run in cells[0].paragraphs[0].runs:
            run.bold = True


def _table(doc, table: Table) -> None:
    if table.caption:
        doc.add_paragraph(table.caption, style="Caption")
    grid = doc.add_table(rows=1, cols=max(1, len(table.columns)))
    grid.style = "Table Grid"
    head = grid.rows[0]
    for cell, text in zip(head.cells, table.columns, strict=False):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # Mark the first row as a header row that repeats on each page (w:tblHeader).
    tr_pr = head._tr.get_or_add_trPr()
    header = tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    tr_pr.append(header)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = str(text)


def _figure(doc, figure: Figure) -> None:
    width_cm = MAX_WIDTH_CM
    if figure.width_px:
        width_cm = min(MAX_WIDTH_CM, figure.width_px / 2 / 96 * 2.54)
    doc.add_picture(io.BytesIO(figure.png), width=Cm(width_cm))
    picture_paragraph = doc.paragraphs[-1]
    for doc_pr in picture_paragraph._p.iter(qn("wp:docPr")):
        doc_pr.set("descr", figure.alt)
        doc_pr.set("title", figure.caption)
    doc.add_paragraph(figure.caption, style="Caption")
    if figure.table is not None:
        _table(doc, figure.table)


def document_docx(document: Document) -> bytes:
    """The document as a .docx file's bytes."""
    doc = docx.Document()
    props = doc.core_properties
    props.title = document.title
    props.author = document.author
    props.language = document.language
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)

    h = document.header
    doc.add_heading(h.title, level=0)
    if h.illustrative:
        doc.add_paragraph("Illustrative: the example's figures are made up for illustration.")
    header_rows = (
        ("Report to", h.report_to),
        ("Date", h.date.strftime("%-d %B %Y")),
        ("Report of", h.report_of),
        ("Wards affected", h.wards),
        ("Key decision", h.key_decision),
    )
    _header_block(doc, header_rows)

    for section in document.sections:
        doc.add_heading(f"{section.number}. {section.title}", level=1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text = f"{block.number}\t{block.text}" if block.number else block.text
                para = doc.add_paragraph(text)
                para.paragraph_format.left_indent = Cm(1.25 if block.number else 0)
                para.paragraph_format.first_line_indent = Cm(-1.25 if block.number else 0)
            elif isinstance(block, BulletList):
                for item in block.items:
                    doc.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                _table(doc, block)
            elif isinstance(block, Figure):
                _figure(doc, block)
            elif isinstance(block, Recommendations):
                for item in block.items:
                    para = doc.add_paragraph(f"{item.number}\t{item.text}")
                    para.paragraph_format.left_indent = Cm(1.25)
                    para.paragraph_format.first_line_indent = Cm(-1.25)
            elif isinstance(block, ContactOfficer):
                for line in (block.name, block.role, block.email, block.phone):
                    if line:
                        para = doc.add_paragraph(line)
                        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
