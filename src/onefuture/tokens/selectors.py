"""Reads for API tokens: a person's own tokens (never their secrets, which are not stored)."""

from __future__ import annotations

from typing import Any

from onefuture.core.errors import NotFound
from onefuture.tokens.models import ApiToken


def token_list(*, user: Any) -> list[ApiToken]:
    """``user``'s tokens, newest first, revoked ones included (they say when)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))


def token_get(*, user: Any, token_id: int) -> ApiToken:
    """``user``'s token ``token_id`` (NotFound for anyone else's: its id says nothing)."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound(f"There is no API token {token_id} of yours.")
    return token


def token_find(*, user: Any, name: str) -> ApiToken:
    """``user``'s active token named ``name``, or NotFound naming it."""
    token = ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).first()
    if token is None:
        raise NotFound(f"{user} has no active API token named '{name}'.")
    return token


def user_by_username(*, username: str) -> Any:
    """The person with ``username`` (for the command line), or NotFound naming it."""
    from django.contrib.auth import get_user_model

    user = get_user_model()._default_manager.filter(username=username).first()
    if user is None:
        raise NotFound(f"There is no user '{username}'.")
    return user
