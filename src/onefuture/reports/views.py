"""The public brochure: the HTML page (the accessible original) and its PDF download.

Views only translate HTTP: the brochure comes from
:func:`onefuture.reports.builders.brochure.brochure_build`. The PDF is cache-friendly: its ETag
is a hash of the brochure's words and numbers, so a reader's cache (and a proxy's) keeps it
until the data change, and one process draws a given brochure once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from onefuture.reports.builders.brochure import brochure_build
from onefuture.web.place_urls import Page, PlaceSite, place_page
from onefuture.web.registry import NavItem
from onefuture.web.shortcuts import render

_PDFS: OrderedDict[str, bytes] = OrderedDict()
_LOCK = threading.Lock()
_KEEP = 8


@place_page
def brochure(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The brochure as a GOV.UK page, with a link to the PDF."""
    page = brochure_build(place=site.place, images=False)
    return render(request, site, "reports/brochure/page.html", {"brochure": page})


@place_page
def brochure_pdf(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The brochure as a tagged PDF, drawn from the same tree as the page."""
    from onefuture.reports.render.brochure_pdf import brochure_pdf as render_pdf

    words = brochure_build(place=site.place, images=False)
    etag = f'"{site.place.slug}-{words.key}"'
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers={"ETag": etag})
    with _LOCK:
        pdf = _PDFS.get(etag)
    if pdf is None:
        page_url = request.build_absolute_uri(request.path.removesuffix(".pdf") + "/")
        pdf = render_pdf(brochure_build(place=site.place), page_url=page_url)
        with _LOCK:
            _PDFS[etag] = pdf
            while len(_PDFS) > _KEEP:
                _PDFS.popitem(last=False)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    response["Content-Disposition"] = f'attachment; filename="{site.place.slug}-brochure.pdf"'
    return response


#: Registered by ``ReportsConfig.ready()``.
PAGES = [
    Page("brochure/", brochure, "brochure"),
    Page("brochure.pdf", brochure_pdf, "brochure-pdf"),
]

#: After the partners (60), before the search (90).
NAVIGATION = NavItem("brochure", lambda terms: "Brochure", order=85)
