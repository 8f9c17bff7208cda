"""Sign-ins: throttling with django-axes, and the audit of every sign-in and sign-out (ADR 0042).

- :class:`LoginThrottleBackend` is first in ``AUTHENTICATION_BACKENDS``: after
  ``AXES_FAILURE_LIMIT`` failures for one username from one address, that pair is refused until
  ``AXES_COOLOFF_TIME`` has passed or an administrator resets it (Django admin → *Access
  attempts*, or ``onefuture manage axes_reset_username NAME``). A password check that has no
  request (the shell, a management command, the test client's ``login``) is not a sign-in from
  the network and is not throttled.
- :func:`client_ip` is the address axes and the audit see: ``REMOTE_ADDR``, or behind
  ``ONEFUTURE_PROXY_COUNT`` trusted proxies the address the outermost of them saw
  (``X-Forwarded-For`` counted from the right, which a client cannot forge).
- The receivers connected by :func:`receivers_connect` write one
  :class:`~onefuture.core.models.LoginEvent` per attempt: success, failure, lockout (an attempt
  refused, or the one that reached the limit) and sign-out.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from onefuture.core.models import LoginEvent

log = logging.getLogger(__name__)

#: How many characters of the user agent are kept.
USER_AGENT_CHARS = 300


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for password checks that come with a request."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or the one the outermost trusted proxy saw."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.ONEFUTURE_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    # Each trusted proxy appends the address it received from; the client's is `proxies` from
    # the right. Fewer entries than proxies: the request did not come through them all.
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def ip_truncate(address: str) -> str:
    """``203.0.113.77`` → ``203.0.113.0/24``; IPv6 to its /48; anything else → ``""``."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _record(
    kind: str, request: HttpRequest | None, *, user: Any = None, username: str = ""
) -> LoginEvent | None:
    if request is None:  # not a sign-in from the network (see LoginThrottleBackend)
        return None
    if user is None and username:
        model = get_user_model()
        user = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
    event = LoginEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        username=(username or getattr(user, "get_username", lambda: "")())[:150],
        ip_network=ip_truncate(client_ip(request)),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_CHARS],
    )
    request._onefuture_login_event = event  # type: ignore[attr-defined]
    return event


def _typed_username(credentials: dict[str, Any] | None) -> str:
    field = get_user_model().USERNAME_FIELD
    return str((credentials or {}).get(field) or (credentials or {}).get("username") or "")


def _on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    _record(LoginEvent.Kind.SUCCESS, request, user=user)


def _on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        _record(LoginEvent.Kind.LOGOUT, request, user=user)


def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is not None and getattr(request, "_onefuture_login_event", None) is not None:
        return  # axes already reported this attempt as a lockout
    _record(LoginEvent.Kind.FAILURE, request, username=_typed_username(credentials))


def _on_locked_out(
    sender: Any, request: HttpRequest | None = None, username: str = "", **kwargs: Any
) -> None:
    """One row per attempt: the failure just recorded becomes the lockout, else a new row."""
    event = getattr(request, "_onefuture_login_event", None) if request is not None else None
    if event is not None:
        if event.kind != LoginEvent.Kind.LOCKOUT:
            LoginEvent.objects.filter(id=event.id).update(kind=LoginEvent.Kind.LOCKOUT)
            event.kind = LoginEvent.Kind.LOCKOUT
        return
    if _record(LoginEvent.Kind.LOCKOUT, request, username=username or "") is not None:
        log.warning("A sign-in was locked out (from %s)", ip_truncate(client_ip(request)))


def receivers_connect() -> None:
    """Connect the audit's receivers (``CoreConfig.ready()``); connecting twice is harmless."""
    from axes.signals import user_locked_out

    user_logged_in.connect(_on_logged_in, dispatch_uid="onefuture-login-success")
    user_logged_out.connect(_on_logged_out, dispatch_uid="onefuture-login-logout")
    user_login_failed.connect(_on_login_failed, dispatch_uid="onefuture-login-failure")
    user_locked_out.connect(_on_locked_out, dispatch_uid="onefuture-login-lockout")
