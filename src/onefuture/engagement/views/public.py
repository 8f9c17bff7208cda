"""The public engagement pages ("you said, we did"): the index, a theme's trace from what people
said to what was done, coverage (counts only) with its ward map's files, and the report.

Views only translate HTTP to :mod:`onefuture.engagement.pages`; every page is scoped by the
place in the URL; an unknown or unconfirmed theme is a 404 (the selectors' ``NotFound``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from onefuture.charts import chart_svg
from onefuture.engagement.pages.coverage import coverage_chart, coverage_page
from onefuture.engagement.pages.report import index_page, report_page, sources_of, theme_page
from onefuture.web.place_urls import Page, PlaceSite, place_page
from onefuture.web.registry import NavItem
from onefuture.web.shortcuts import render


def _render(request: HttpRequest, site: PlaceSite, template: str, context: dict) -> HttpResponse:
    return render(request, site, f"engagement/public/{template}", context)


@place_page
def index(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """What we heard, the themes and their responses, links to coverage and the report."""
    return _render(request, site, "index.html", {"page": index_page(place=site.place)})


@place_page
def theme(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """One theme: who said it, what they said (public quotes), the response and its delivery."""
    page = theme_page(place=site.place, key=key)
    return _render(
        request, site, "theme.html", {"theme": page, "attributions": sources_of(place=site.place)}
    )


@place_page
def coverage(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Who we heard from, against population; the gaps named."""
    return _render(request, site, "coverage.html", {"page": coverage_page(place=site.place)})


def _chart(site: PlaceSite, chart: str):
    found = coverage_chart(place=site.place, slug=chart)
    if found is None:
        raise Http404(f"The coverage page has no '{chart}' chart.")
    return found


@place_page
def coverage_chart_csv(request: HttpRequest, site: PlaceSite, chart: str) -> HttpResponse:
    response = HttpResponse(_chart(site, chart).csv_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="engagement-coverage-{chart}.csv"'
    return response


@place_page
def coverage_chart_svg(request: HttpRequest, site: PlaceSite, chart: str) -> HttpResponse:
    response = HttpResponse(chart_svg(_chart(site, chart).spec), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=300"
    return response


@place_page
def coverage_chart_json(request: HttpRequest, site: PlaceSite, chart: str) -> HttpResponse:
    response = HttpResponse(_chart(site, chart).spec_json(), content_type="application/json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@place_page
def report(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The engagement report: reach, coverage and gaps, themes, responses, attributions."""
    return _render(request, site, "report.html", {"report": report_page(place=site.place)})


#: The public pages, registered by ``registration.register_public``.
PAGES = [
    Page("engagement/", index, "engagement"),
    Page("engagement/themes/<slug:key>/", theme, "engagement-theme"),
    Page("engagement/coverage/", coverage, "engagement-coverage"),
    Page(
        "engagement/coverage/charts/<slug:chart>.csv",
        coverage_chart_csv,
        "engagement-coverage-chart-csv",
    ),
    Page(
        "engagement/coverage/charts/<slug:chart>.svg",
        coverage_chart_svg,
        "engagement-coverage-chart-svg",
    ),
    Page(
        "engagement/coverage/charts/<slug:chart>.json",
        coverage_chart_json,
        "engagement-coverage-chart-json",
    ),
    Page("engagement/report/", report, "engagement-report"),
]

#: After "How it all links" (50), before the partners (60).
NAVIGATION = NavItem(
    "engagement",
    lambda terms: "You said, we did",
    sections=("engagement-theme", "engagement-coverage", "engagement-report"),
    order=55,
)
