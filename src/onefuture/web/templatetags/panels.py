"""``{% panels "big-thing" big_thing %}``: the panels other apps registered for a page, in order.

A page owned by one app (the framework's big thing page) shows what other apps know about its
object (the measures' summary, later the routemaps) without importing them: each app registers
a :class:`onefuture.web.registry.Panel` and the page's template names only the slot.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from onefuture.web.registry import panel_list

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: template.Context, page: str, obj: Any) -> SafeString:
    site = context["site"]
    shown = []
    for panel in panel_list(page):
        values = panel.context(site, obj)
        if values is None:
            continue
        values = {"site": site, "terms": context.get("terms") or site.place.terms, **values}
        shown.append((render_to_string(panel.template, values, request=context.get("request")),))
    return format_html_join("", "{}", shown)
