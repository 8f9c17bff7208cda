"""The brochure as a designed, tagged PDF (WeasyPrint, PDF/UA-1) from the same tree as the
site's page: its own print template and CSS, lang en-GB, the title in the metadata, headings
in reading order and every chart with its alt text."""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string

from onefuture.reports.builders.brochure import Brochure

CSS = Path(__file__).resolve().parents[1] / "static" / "reports" / "brochure-print.css"


class _Measure:
    """A headline measure with its chart as a data URI (the template reads both)."""

    def __init__(self, measure) -> None:
        self._measure = measure
        png = measure.chart.png if measure.chart else b""
        self.chart_src = "data:image/png;base64," + base64.b64encode(png).decode() if png else ""

    def __getattr__(self, name: str):
        return getattr(self._measure, name)


class _BigThing:
    def __init__(self, big_thing) -> None:
        self._big_thing = big_thing
        self.measures = [_Measure(m) for m in big_thing.measures]

    def __getattr__(self, name: str):
        return getattr(self._big_thing, name)


class _Brochure:
    def __init__(self, brochure: Brochure) -> None:
        self._brochure = brochure
        self.big_things = [_BigThing(b) for b in brochure.big_things]

    def __getattr__(self, name: str):
        return getattr(self._brochure, name)


def brochure_html(brochure: Brochure, *, page_url: str = "") -> str:
    """The print HTML the PDF is drawn from."""
    return render_to_string(
        "reports/brochure/print.html",
        {"brochure": _Brochure(brochure), "css": CSS.read_text(), "page_url": page_url},
    )


def brochure_pdf(brochure: Brochure, *, page_url: str = "") -> bytes:
    """The brochure as PDF bytes (tagged, PDF/UA-1)."""
    import weasyprint

    html = weasyprint.HTML(string=brochure_html(brochure, page_url=page_url), base_url=None)
    return html.write_pdf(pdf_variant="pdf/ua-1")
