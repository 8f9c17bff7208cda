"""``{% measure_summary big_thing %}``: a big thing's measures as tiles with status words.

An inclusion tag, so the big thing page (owned by the website app) gains the summary with one
line in its template and no change to its view.
"""

from __future__ import annotations

from typing import Any

from django import template

from onefuture.measures.pages import big_thing_spine, big_thing_summary

register = template.Library()


@register.inclusion_tag("measures/includes/big_thing_summary.html", takes_context=True)
def measure_summary(context: template.Context, big_thing: Any) -> dict[str, Any]:
    site = context["site"]
    return {
        "site": site,
        "terms": context.get("terms") or site.place.terms,
        "rows": big_thing_summary(place=site.place, big_thing=big_thing),
        "spine": big_thing_spine(place=site.place, big_thing=big_thing),
        "big_thing": big_thing,
    }
