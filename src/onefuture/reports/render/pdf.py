"""PDF rendering with WeasyPrint from one HTML template (tagged PDF/UA-1, page numbers, fonts
installed on the machine; nothing fetched)."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from onefuture.reports.document import (
    BulletList,
    ContactOfficer,
    Document,
    Figure,
    Paragraph,
    Recommendations,
    Table,
)

KIND_NAMES = {
    Paragraph: "paragraph",
    BulletList: "bullets",
    Table: "table",
    Figure: "figure",
    Recommendations: "recommendations",
    ContactOfficer: "contact",
}


def document_html(document: Document) -> str:
    """The HTML the PDF is drawn from (also useful to look at in a browser)."""
    sections = []
    for section in document.sections:
        blocks = []
        for block in section.blocks:
            item = {"kind": KIND_NAMES[type(block)], "block": block}
            if isinstance(block, Figure):
                item["src"] = "data:image/png;base64," + base64.b64encode(block.png).decode()
            blocks.append(item)
        sections.append({"section": section, "blocks": blocks})
    return render_to_string("reports/document.html", {"document": document, "sections": sections})


def document_pdf(document: Document) -> bytes:
    """The document as PDF bytes."""
    import weasyprint

    html = weasyprint.HTML(string=document_html(document), base_url=None)
    return html.write_pdf(pdf_variant="pdf/ua-1")
