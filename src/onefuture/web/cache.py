"""The public page cache: anonymous readers of public pages and API reads get a stored copy.

One middleware (``PublicPageCacheMiddleware``, just after WhiteNoise in ``MIDDLEWARE``) both
serves and stores, so a hit costs one cache read and no session, CSRF or view work (ADR 0044).

A request may be answered from the cache when all of these hold:

- it is a ``GET`` or ``HEAD`` of a public page (URL namespace ``web``, but not the workspace,
  signing in or out, or data uploads) or of an API read (namespace ``api``);
- it carries no cookie but the CSRF cookie, and no ``Authorization`` header: whoever it is,
  they are not signed in, have no messages waiting, and use no API token;
- its connection holds no uncommitted write (``onefuture.core.cache.writes_pending``).

The response is stored when, besides, it is a ``200`` to a ``GET``, not streamed, not encoded,
sets no cookie, rendered no CSRF token (a page with a form, such as "have your say", is never
stored: its token would be shared), and its ``Cache-Control`` does not say ``private``,
``no-cache`` or ``no-store`` (the health check says them).

An entry holds the generation (``onefuture.core.cache``) and the day it was rendered on, and
is served only while both are current: any committed write to public data, or midnight (pages
say what is overdue), makes every entry out of date. Entries also expire after
``ONEFUTURE_PAGE_CACHE_SECONDS`` (settings; 0 turns the page cache off).

For proxies and browsers, a stored page carries an ``ETag`` and ``Cache-Control: max-age=0,
must-revalidate`` (keep it, but ask each time; a matching ``If-None-Match`` gets a ``304``
from the cache) with ``Vary: Cookie, Authorization``; a response to a signed-in request that
says nothing of caching gets ``Cache-Control: private``. ``X-Onefuture-Cache`` says ``hit``
or ``miss`` (stored now).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from onefuture.core.cache import GENERATION_KEY, generation_new, pending_flush, writes_pending

logger = logging.getLogger(__name__)

#: The response header that says what the page cache did.
HEADER = "X-Onefuture-Cache"

#: URL namespaces whose pages may be cached, and the page names (without ``place-``) that may
#: not: the workspace (every ``workspace…`` name), signing in and out, uploads and their status.
NAMESPACES = frozenset({"web", "api"})
NEVER = frozenset({"sign-in", "sign-out", "data-upload", "import-status"})

_CACHE_CONTROL = "max-age=0, must-revalidate"
_UNSTORABLE = ("private", "no-cache", "no-store")


def page_cache_seconds() -> int:
    return int(getattr(settings, "ONEFUTURE_PAGE_CACHE_SECONDS", 0))


def public_page(request: HttpRequest) -> bool:
    """Whether ``request``'s address is a public page or API read (whoever asks)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if not NAMESPACES.intersection(match.namespaces):
        return False
    name = (match.url_name or "").removeprefix("place-")
    return not (name.startswith("workspace") or name in NEVER)


def personal(request: HttpRequest) -> bool:
    """Whether ``request`` may be someone's own: a cookie but the CSRF one, or an API token."""
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    return any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def page_key(request: HttpRequest) -> str:
    """The cache key of ``request``'s page: its full address (scheme, host, path and query)."""
    address = request.build_absolute_uri().encode()
    return "onefuture:page:" + hashlib.sha256(address).hexdigest()


def _today() -> str:
    return timezone.localdate().isoformat()


class PublicPageCacheMiddleware:
    """Serve and store anonymous public pages (the module's docstring says which and when)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        seconds = page_cache_seconds()
        if seconds <= 0 or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if personal(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                response["Cache-Control"] = "private"
            return response
        if not public_page(request) or writes_pending():
            return self.get_response(request)

        key = page_key(request)
        try:
            pending_flush()
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY) or generation_new()
        except Exception:
            logger.exception("The page cache cannot be read; serving %s uncached.", request.path)
            return self.get_response(request)
        today = _today()
        entry = found.get(key)
        if entry and entry["generation"] == generation and entry["day"] == today:
            return _from_entry(request, entry)

        response = self.get_response(request)
        if request.method == "GET" and _storable(request, response):
            _headers_add(response)
            entry = {
                "generation": generation,
                "day": today,
                "status": response.status_code,
                "headers": [(k, v) for k, v in response.items() if k != HEADER],
                "content": response.content,  # type: ignore[attr-defined]
            }
            try:
                cache.set(key, entry, timeout=seconds)
            except Exception:
                logger.exception("The page cache cannot store %s.", request.path)
            else:
                response[HEADER] = "miss"
        return response


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or "Content-Encoding" in response:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in _UNSTORABLE):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"cookie", "authorization", "accept-encoding"}


def _headers_add(response: HttpResponseBase) -> None:
    if "ETag" not in response:
        digest = hashlib.sha256(response.content).hexdigest()[:32]  # type: ignore[attr-defined]
        response["ETag"] = f'"{digest}"'
    response["Cache-Control"] = _CACHE_CONTROL
    patch_vary_headers(response, ("Cookie", "Authorization"))


def _from_entry(request: HttpRequest, entry: dict[str, Any]) -> HttpResponseBase:
    headers = dict(entry["headers"])
    etag = headers.get("ETag", "")
    asked = request.META.get("HTTP_IF_NONE_MATCH", "")
    if etag and (asked.strip() == "*" or etag in {t.strip() for t in asked.split(",")}):
        response: HttpResponseBase = HttpResponseNotModified()
        for name in ("ETag", "Cache-Control", "Vary"):
            if name in headers:
                response[name] = headers[name]
    else:
        body = b"" if request.method == "HEAD" else entry["content"]
        response = HttpResponse(body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
    response[HEADER] = "hit"
    return response
