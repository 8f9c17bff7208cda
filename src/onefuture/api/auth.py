"""Who is asking the API: a bearer token, else the session, else an anonymous reader (ADR 0039).

:class:`ApiAuth` is the ``auth`` of every route (``NinjaAPI(auth=ApiAuth())``):

- ``Authorization: Bearer <token>``: the token must be active
  (:func:`~onefuture.tokens.services.token_authenticate`), else 401 with the API's error body —
  never a silent fall back to anonymous. The request then acts as the token's user
  (``request.user``), with exactly that person's memberships; no CSRF token is asked for, as a
  browser never sends this header across sites by itself.
- Any other ``Authorization`` header: 401 (only bearer tokens are accepted).
- No header: Django's session (``request.user``, anonymous readers included). A write (POST,
  PUT, PATCH, DELETE) by a signed-in session needs Django's CSRF token, as a form would.

Whether the person may read or do what they ask is decided by the services and selectors each
route calls, as for the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from onefuture.core.errors import ErrorDetail, PermissionDenied
from onefuture.tokens.services import TokenRejected, token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class CsrfRefused(PermissionDenied):
    """A write through a signed-in session without Django's CSRF token (403)."""


class Anonymous:
    """The ``request.auth`` of a request with neither token nor signed-in session (truthy, so
    ninja lets it through: the services decide what an anonymous reader may have)."""

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return "Anonymous()"


class ApiAuth(HttpBearer):
    """A bearer token, else the session (CSRF checked on writes), else anonymous."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if header:
            scheme, _, value = header.strip().partition(" ")
            if scheme.lower() != self.openapi_scheme:
                raise TokenRejected(
                    "The API accepts only bearer tokens: send 'Authorization: Bearer <token>'.",
                    errors=[
                        ErrorDetail(
                            field="Authorization",
                            message=f"'{scheme}' is not a scheme the API accepts.",
                        )
                    ],
                )
            return self.authenticate(request, value.strip())
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in SAFE_METHODS and check_csrf(request) is not None:
                raise CsrfRefused(
                    "A write through a signed-in session needs Django's CSRF token (send the "
                    "csrftoken cookie's value as the X-CSRFToken header), or use an API token "
                    "(Authorization: Bearer <token>) instead.",
                    errors=[ErrorDetail(field="X-CSRFToken", message="Missing or incorrect.")],
                )
            return user
        return Anonymous()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(raw=token)
        request.user = found.user
        return found
