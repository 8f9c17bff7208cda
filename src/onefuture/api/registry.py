"""The API's routers, as apps register them from ``AppConfig.ready()`` (ADR 0026)::

    from onefuture.api.registry import ApiRouter, api_router_register

    api_router_register(ApiRouter(prefix="/", name="routemaps", build=routemaps_router))

``build`` returns a new :class:`ninja.Router` each time it is called: a router joins exactly
one ``NinjaAPI``, and :func:`onefuture.api.main.api_build` makes the API when the URLconf is
first loaded, after every app is ready. Why a registry rather than one list of imports in the
api package: the api package then imports no domain app, so an app can be added or removed on
its own (the web shell's page registry works the same way, ADR 0016).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ApiRouter:
    """One app's routes: mounted at ``prefix`` (under ``/api/v1``), tagged ``name``."""

    prefix: str
    name: str
    build: Callable[[], Any]


_ROUTERS: dict[str, ApiRouter] = {}


def api_router_register(router: ApiRouter) -> None:
    """Add ``router`` to the API (call once, from ``AppConfig.ready()``)."""
    existing = _ROUTERS.get(router.name)
    if existing is not None and existing != router:
        raise ValueError(f"An API router named {router.name!r} is already registered.")
    _ROUTERS[router.name] = router


def api_router_list() -> list[ApiRouter]:
    """Every registered router, in registration order."""
    return list(_ROUTERS.values())
