"""The staff workspace: the signed-in pages where officers, partners and councillors do their work.

The workspace is a set of ordinary place pages (``/workspace/…`` and
``/places/<slug>/workspace/…``) in GOV.UK style, usable without JavaScript, not the Django
admin. The shell owns its home page (what you can do here, with counts of what waits for you),
the sign-in and sign-out pages and the side navigation; apps add their tasks as
:class:`WorkspaceItem` rows from ``AppConfig.ready()``, as they add public pages::

    from onefuture.web.workspace import WorkspaceItem, workspace_register

    workspace_register(WorkspaceItem(
        url_name="workspace-updates-review",          # a page the app registered
        title="Approve updates",
        description="Updates partners have submitted, oldest first.",
        action="update.approve",                      # shown only to those who may
        count=lambda site, user: updates_waiting(place=site.place),   # "3 waiting", or None
        order=20,
    ))

A workspace view is wrapped in :func:`workspace_page`, which sends a visitor who is not signed in
to the sign-in page, resolves the place (``site``) and, when given an action, refuses (403 in the
site's layout, with who may) anyone whose membership does not allow it. The service the view
calls checks again, object by object: the page's check only decides what to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from onefuture.core.permissions import permission_check, permission_has
from onefuture.web.place_urls import PlaceSite, site_for

__all__ = [
    "ShownWorkspaceItem",
    "WorkspaceItem",
    "workspace_items",
    "workspace_list",
    "workspace_page",
    "workspace_register",
]


@dataclass(frozen=True)
class WorkspaceItem:
    """A task of the staff workspace: a link on its home page and in its side navigation.

    ``url_name`` is a registered place page; ``action`` a permission action (see
    :mod:`onefuture.core.permissions`) the person must have in the place for the item to show
    (None: every member of the place); ``count(site, user)`` how many things wait for this
    person there (None or 0: nothing shown), e.g. the updates waiting for approval.
    """

    url_name: str
    title: str
    description: str = ""
    action: str | None = None
    count: Callable[[PlaceSite, Any], int | None] | None = None
    #: Words after the count: "3 waiting", "2 due".
    count_words: str = "waiting"
    order: int = 100


@dataclass(frozen=True)
class ShownWorkspaceItem:
    """A workspace item as one person sees it: its address, and what waits for them."""

    item: WorkspaceItem
    href: str
    count: int | None
    current: bool


_ITEMS: dict[str, WorkspaceItem] = {}


def workspace_register(*items: WorkspaceItem) -> None:
    """Add ``items`` to the workspace of every place (call from ``AppConfig.ready()``)."""
    for item in items:
        existing = _ITEMS.get(item.url_name)
        if existing is not None and existing != item:
            raise ValueError(
                f"A workspace item for {item.url_name!r} is already registered ({existing!r})."
            )
        _ITEMS[item.url_name] = item


def workspace_list() -> list[WorkspaceItem]:
    """Every registered item, in order."""
    return sorted(_ITEMS.values(), key=lambda item: (item.order, item.url_name))


def _member(user: Any, place: Any) -> bool:
    from onefuture.core.selectors import membership_get

    return bool(user.is_superuser) or membership_get(user=user, place=place) is not None


def workspace_items(site: PlaceSite, user: Any) -> list[ShownWorkspaceItem]:
    """The items ``user`` may use in ``site``'s place, with their counts."""
    if not getattr(user, "is_authenticated", False):
        return []
    member = _member(user, site.place)
    shown = []
    for item in workspace_list():
        if item.action is None:
            if not member:
                continue
        elif not permission_has(user=user, action=item.action, place=site.place):
            continue
        count = item.count(site, user) if item.count is not None else None
        shown.append(
            ShownWorkspaceItem(
                item=item,
                href=site.url(item.url_name),
                count=count or None,
                current=site.url_name == item.url_name,
            )
        )
    return shown


def workspace_page(
    action: str | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Wrap a workspace view: signed in, the place resolved, and (given ``action``) allowed.

    The wrapped view is called as ``view(request, site, **url_kwargs)``, like a
    :func:`~onefuture.web.place_urls.place_page`. Without ``action`` any member of the place
    (or a superuser) may open it; anyone else gets the 403 page saying whom to ask.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, *args: Any, place_slug: str | None = None, **kwargs: Any
        ) -> HttpResponse:
            site = site_for(request, place_slug)
            if action is not None:
                permission_check(user=request.user, action=action, place=site.place)
            elif not _member(request.user, site.place):
                from onefuture.core.errors import PermissionDenied

                raise PermissionDenied(
                    f"The workspace of {site.place.name} is for its members. Ask an "
                    f"administrator of {site.place.name} to give you a role there."
                )
            return view(request, site, *args, **kwargs)

        return wrapper

    return decorate
