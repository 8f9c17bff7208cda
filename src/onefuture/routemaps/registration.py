"""What the routemaps app adds to the rest of the product, called once from ``ready()``.

Each part of the app has one function here; each is called in turn by :func:`register`.
"""

from __future__ import annotations


def register() -> None:
    """Register every part (framework sections, actions, pages, panels, workspace, jobs)."""
    register_updates()
    register_commitments()
    register_public_pages()


def register_updates() -> None:
    """The updates part: permission actions (workspace pages, jobs and demo as they land)."""
    from onefuture.routemaps.permissions import register_permissions

    register_permissions()


def register_commitments() -> None:
    """The commitments part: ``commitment.*`` and ``audit.read`` permissions, workspace pages,
    the partner page's panel, the API's routes and the demo's commitments."""
    from onefuture.api.registry import ApiRouter, api_router_register
    from onefuture.routemaps.actions.commitments import register_permissions
    from onefuture.routemaps.api import routemaps_router

    register_permissions()
    api_router_register(ApiRouter(prefix="/", name="routemaps", build=routemaps_router))


def register_public_pages() -> None:
    """The public pages: routemaps, the plan on a page, milestones, delivery plans, "what
    changed since", the "Routemaps" navigation item and the big thing and ambition panels."""
    from onefuture.routemaps.panels import ambition_panel, big_thing_panel
    from onefuture.routemaps.views.public import NAVIGATION, PAGES
    from onefuture.web.registry import Panel, navigation_register, page_register, panel_register

    page_register(*PAGES)
    navigation_register(NAVIGATION)
    panel_register(
        Panel(
            page="big-thing",
            name="routemap",
            template="routemaps/includes/big_thing_panel.html",
            context=big_thing_panel,
            order=50,
        )
    )
    panel_register(
        Panel(
            page="ambition",
            name="milestones",
            template="routemaps/includes/ambition_panel.html",
            context=ambition_panel,
            order=50,
        )
    )
