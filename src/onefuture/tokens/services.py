"""Writes for API tokens: create one (its secret shown once), revoke one, and authenticate a
request's token (which records its last use, at most once a minute). ADR 0039.

``token_create(user=, name=, expires_at=None)``
    A new token of ``user`` and the full token text, ``oft_<prefix>_<secret>``: the only time it
    exists outside the client (the database keeps the prefix and the secret's SHA-256).
``token_revoke(by=, token=)``
    Revoke ``token``: its owner may, and a superuser; ``by=None`` is the command line.
``token_authenticate(raw=)``
    The active token ``raw`` names, or :class:`TokenRejected` (401) saying what is wrong with it:
    malformed, unknown, wrong secret, revoked, expired, or its owner no longer active.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from onefuture.core.errors import ApplicationError, ErrorDetail, PermissionDenied
from onefuture.tokens.models import ApiToken

log = logging.getLogger(__name__)

#: Every token starts with this, so a leaked one is recognisable (secret scanners, logs).
TOKEN_PREFIX = "oft"  # noqa: S105 (a public marker, not a secret)
#: The last use is written at most this often per token (one UPDATE a minute, not a request).
TOKEN_TOUCH_SECONDS = 60
NAME_MAX = 100


class TokenRejected(ApplicationError):
    """The request's token is not one the API accepts (401); the message says why."""

    status_code = 401


def token_hash(secret: str) -> str:
    """The SHA-256 (hex) of a token's secret part, as stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _name_problems(*, user: Any, name: str) -> list[ErrorDetail]:
    if not name:
        return [ErrorDetail(field="name", message="Enter a name for the token (what it is for).")]
    if len(name) > NAME_MAX:
        return [
            ErrorDetail(field="name", message=f"The name must be {NAME_MAX} characters or fewer.")
        ]
    if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        return [
            ErrorDetail(
                field="name",
                message=f"You already have a token named '{name}': choose another name, or "
                "revoke that one first.",
            )
        ]
    return []


@transaction.atomic
def token_create(
    *, user: Any, name: str, expires_at: dt.datetime | None = None, now: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token of ``user`` named ``name`` and its full text (shown once, never stored)."""
    now = now or timezone.now()
    name = (name or "").strip()
    if user is None or not getattr(user, "is_active", False):
        raise ApplicationError(
            f"'{user}' is not an active user: only an active person may have an API token."
        )
    problems = _name_problems(user=user, name=name)
    if expires_at is not None and expires_at <= now:
        problems.append(ErrorDetail(field="expires", message="The expiry must be in the future."))
    if problems:
        raise ApplicationError("The token was not created.", errors=problems)
    prefix = secrets.token_hex(6)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 48 bits: practically never
        prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=token_hash(secret),
        created_at=now,
        expires_at=expires_at,
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, by: Any, token: ApiToken, now: dt.datetime | None = None) -> ApiToken:
    """Revoke ``token`` (its owner, a superuser, or ``by=None``: the command line)."""
    if by is not None and token.user_id != by.pk and not getattr(by, "is_superuser", False):
        raise PermissionDenied("Only the token's owner or a superuser may revoke an API token.")
    if token.revoked_at is not None:
        raise ApplicationError(
            f"The token '{token.name}' was already revoked on {token.revoked_at:%-d %B %Y}."
        )
    token.revoked_at = now or timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def _rejected(why: str) -> TokenRejected:
    # Logged (a refused token may be a leaked or guessed one); the why never holds the secret.
    log.warning("API token refused: %s", why)
    return TokenRejected(
        "The API token was not accepted: " + why,
        errors=[ErrorDetail(field="Authorization", message=why)],
    )


def token_authenticate(*, raw: str, now: dt.datetime | None = None) -> ApiToken:
    """The active token ``raw`` is (with its user), its last use recorded; else TokenRejected."""
    now = now or timezone.now()
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        raise _rejected(
            f"a token looks like '{TOKEN_PREFIX}_<prefix>_<secret>', as shown when it was "
            "created (send it as 'Authorization: Bearer <token>')."
        )
    _, prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    # Compare a hash even for an unknown prefix, so both take the same time.
    expected = token.secret_hash if token is not None else "0" * 64
    matches = hmac.compare_digest(expected, token_hash(secret))
    if token is None or not matches:
        raise _rejected("no such token (check it was copied whole, or create a new one).")
    if token.revoked_at is not None:
        raise _rejected(
            f"the token '{token.name}' (oft_{prefix}_…) was revoked on "
            f"{token.revoked_at:%-d %B %Y}; create a new one in the workspace."
        )
    if token.expires_at is not None and token.expires_at <= now:
        raise _rejected(
            f"the token '{token.name}' (oft_{prefix}_…) expired on "
            f"{token.expires_at:%-d %B %Y}; create a new one in the workspace."
        )
    if not token.user.is_active:
        raise _rejected(f"the token's owner ({token.user.get_username()}) is no longer active.")
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= (
        TOKEN_TOUCH_SECONDS
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        log.info("API token %s (oft_%s_…) of %s used", token.name, prefix, token.user_id)
    return token
