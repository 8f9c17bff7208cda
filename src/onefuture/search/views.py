"""The public search page, ``/search/?q=``: a GOV.UK form and the results grouped by kind.

Works without JavaScript (a GET form); shows only what the public pages show (titles and
summaries of big things, ambitions, measures and partners), each illustrative one tagged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from onefuture.search.selectors import QUERY_MAX, search_results
from onefuture.search.services import search_index_ensure
from onefuture.web.place_urls import PlaceSite, place_page
from onefuture.web.shortcuts import render


@dataclass(frozen=True)
class Result:
    title: str
    href: str
    summary: str
    illustrative: bool


def _summary(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


@place_page
def search(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Search the place's site."""
    text = request.GET.get("q", "")
    search_index_ensure(place=site.place)
    results = search_results(place=site.place, text=text)
    groups = [
        {
            "kind": group.kind,
            "heading": group.plural,
            "results": [
                Result(
                    title=entry.title,
                    href=site.url(entry.url_name, *entry.url_args)
                    + (f"#{entry.anchor}" if entry.anchor else ""),
                    summary=_summary(entry.summary),
                    illustrative=entry.illustrative,
                )
                for entry in group.entries
            ],
        }
        for group in results.groups
    ]
    return render(
        request,
        site,
        "search/search.html",
        {"q": results.text, "groups": groups, "count": results.count, "query_max": QUERY_MAX},
    )
