"""What the routemaps app adds to the rest of the product, called once from ``ready()``.

Each part of the app has one function here; each is called in turn by :func:`register`.
"""

from __future__ import annotations


def register() -> None:
    """Register every part (framework sections, actions, pages, panels, workspace, jobs)."""
    register_updates()
    register_commitments()


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
