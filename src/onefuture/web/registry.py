"""What each app adds to the public site: its pages, navigation items and big-thing panels.

The web shell knows no page by name. An app declares its pages as :class:`Page` rows, its
service-navigation item as a :class:`NavItem` and any panel it adds to another app's page as a
:class:`Panel`, and registers them from its ``AppConfig.ready()``, as framework file sections
register (``onefuture.framework.fileformat.registry``)::

    from onefuture.web.registry import navigation_register, page_register, panel_register

    page_register(*PAGES)
    navigation_register(NavItem("progress", lambda terms: "Progress", order=30))
    panel_register(Panel("big-thing", "measures", "measures/includes/big_thing_summary.html",
                         big_thing_measures, order=100))

Why a registry rather than one list in the website app: the website app then had to import
every app that has pages (and they imported it back for the navigation), so no app could be
added or removed on its own. ``onefuture.web.urls`` reads the registered pages when Django
first loads the URLconf, which happens after every app is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from onefuture.web.place_urls import Page

if TYPE_CHECKING:
    from onefuture.web.place_urls import PlaceSite


@dataclass(frozen=True)
class NavItem:
    """An item of the service navigation, shown in ``order`` (lower first).

    ``label`` is a function of the place's terminology (so another council's "priorities" read
    as such); ``sections`` are the URL names that count as "inside" this item, marked with
    ``aria-current="true"`` (the item's own page gets ``aria-current="page"``).
    """

    url_name: str
    label: Callable[[Any], str]
    sections: tuple[str, ...] = field(default_factory=tuple)
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """A section one app adds to another app's page (e.g. the measures on a big thing's page).

    ``page`` is the URL name of the page it appears on (``"big-thing"``); ``context(site, obj)``
    gives the template's context for the page's object (the big thing), or None to leave the
    panel out. Panels render in ``order`` (lower first), each with ``site`` and ``terms`` too.
    """

    page: str
    name: str
    template: str
    context: Callable[[PlaceSite, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class PageContext:
    """A value every page of a place shows, under ``name`` unless the view supplies it.

    The framework pages register the place's ``vision``, whose title names the service beside
    the navigation on every page.
    """

    name: str
    value: Callable[[PlaceSite], Any]


_PAGES: dict[str, Page] = {}
_NAVIGATION: dict[str, NavItem] = {}
_PANELS: dict[tuple[str, str], Panel] = {}
_PAGE_CONTEXT: dict[str, PageContext] = {}


def _add(registry: dict[Any, Any], key: Any, value: Any, what: str) -> None:
    existing = registry.get(key)
    if existing is not None and existing != value:
        raise ValueError(
            f"A {what} named {key!r} is already registered ({existing!r}); "
            "give the new one another name."
        )
    registry[key] = value


def page_register(*pages: Page) -> None:
    """Serve ``pages`` for every place (call once, from ``AppConfig.ready()``)."""
    for page in pages:
        _add(_PAGES, page.name, page, "page")


def page_list() -> list[Page]:
    """Every registered page, in registration order (URL patterns are tried in this order)."""
    return list(_PAGES.values())


def navigation_register(item: NavItem) -> None:
    """Add ``item`` to the service navigation of every place."""
    _add(_NAVIGATION, item.url_name, item, "navigation item")


def navigation_list() -> list[NavItem]:
    """The service navigation's items in order."""
    return sorted(_NAVIGATION.values(), key=lambda item: (item.order, item.url_name))


def panel_register(panel: Panel) -> None:
    """Add ``panel`` to the page it names, for every place."""
    _add(_PANELS, (panel.page, panel.name), panel, "panel")


def panel_list(page: str) -> list[Panel]:
    """The panels registered for ``page`` (a URL name), in order."""
    found = [panel for (name, _), panel in _PANELS.items() if name == page]
    return sorted(found, key=lambda panel: (panel.order, panel.name))


def page_context_register(entry: PageContext) -> None:
    """Give every page of a place ``entry.name`` (see :class:`PageContext`)."""
    _add(_PAGE_CONTEXT, entry.name, entry, "page context value")


def page_context_list() -> list[PageContext]:
    return list(_PAGE_CONTEXT.values())
