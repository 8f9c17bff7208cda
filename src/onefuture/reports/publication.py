"""What the brochure and the presentation add to the product, called from ``ReportsConfig.ready()``.

Both report kinds carry their renderers in ``ReportKind.extra["render"]`` (``{format:
function(built) -> bytes}``): their builders return their own trees (a :class:`Brochure`, a
:class:`Presentation`), not a :class:`~onefuture.reports.document.Document`.
"""

from __future__ import annotations


def _brochure_pdf(built) -> bytes:
    from onefuture.reports.render.brochure_pdf import brochure_pdf

    return brochure_pdf(built)


def _presentation_pptx(built) -> bytes:
    from onefuture.reports.render.pptx import presentation_pptx

    return presentation_pptx(built)


def register() -> None:
    """The two report kinds, and the brochure's public pages."""
    from onefuture.reports.builders.brochure import brochure_build
    from onefuture.reports.builders.presentation import presentation_build
    from onefuture.reports.document import ReportKind, report_register
    from onefuture.reports.views import NAVIGATION, PAGES
    from onefuture.web.registry import navigation_register, page_register

    report_register(
        ReportKind(
            key="brochure",
            title="Brochure",
            build=brochure_build,
            formats=("pdf",),
            description="The public brochure: the vision, the big things, the routemaps at a "
            "glance, headline measures and a call to partners (also the page /brochure/).",
            extra={"render": {"pdf": _brochure_pdf}},
        )
    )
    report_register(
        ReportKind(
            key="presentation",
            title="Presentation",
            build=presentation_build,
            formats=("pptx",),
            description="The slides that go with the committee report: context, purpose, the "
            "vision by its horizon, the outcome of engagement, a slide per big thing.",
            extra={"render": {"pptx": _presentation_pptx}},
        )
    )
    page_register(*PAGES)
    navigation_register(NAVIGATION)
