"""Template tags that build a place's URLs in the style of the current request.

``{% place_url "big-thing" item.key %}`` gives ``/big-things/<key>/`` when the visitor came in at
``/`` and ``/places/<slug>/big-things/<key>/`` when they came in under ``/places/<slug>/``.
"""

from __future__ import annotations

from typing import Any, Protocol

from django import template

from onefuture.web.navigation import navigation_for

register = template.Library()


class ShownItem(Protocol):
    """Anything shown on a page of its own or at an anchor of another (a framework item)."""

    page: str | None
    page_args: tuple[object, ...]
    anchor: str


@register.simple_tag(takes_context=True)
def place_url(context: template.Context, name: str, *args: object) -> str:
    return context["site"].url(name, *args)


@register.simple_tag(takes_context=True)
def item_url(context: template.Context, item: ShownItem) -> str:
    """Where an item is shown (its page, or an anchor on another page); "" when nowhere."""
    if item.page is None:
        return ""
    url = context["site"].url(item.page, *item.page_args)
    return f"{url}#{item.anchor}" if item.anchor else url


@register.simple_tag(takes_context=True)
def navigation_items(context: template.Context) -> list[dict[str, Any]]:
    return navigation_for(context["site"])


@register.simple_tag(takes_context=True)
def service_name(context: template.Context) -> str:
    """The title of the page's ``vision`` (e.g. "One Stockport, One Future"), named beside the
    navigation; every page of a place has it (see :class:`onefuture.web.registry.PageContext`).
    """
    vision = context.get("vision")
    return getattr(vision, "title", "") if vision else ""
