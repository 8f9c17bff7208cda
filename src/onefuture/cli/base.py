"""Shared plumbing for CLI commands: Django set-up, user errors, place resolution."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])


class UserError(Exception):
    """An error the user caused and can fix; printed without a traceback, exit status 1."""


_django_ready = False


def setup_django() -> None:
    """Configure Django once, with onefuture's settings."""
    global _django_ready
    if _django_ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django

    django.setup()
    _django_ready = True


def django_command(func: F) -> F:
    """Set Django up before the command runs and turn user errors into exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        setup_django()
        from django.core.exceptions import ValidationError

        try:
            return func(*args, **kwargs)
        except UserError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(1) from None
        except ValidationError as error:
            for message in error.messages:
                typer.echo(f"Error: {message}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def resolve_place(slug: str | None):  # -> Place
    """The place named by ``slug``, or the only place when ``slug`` is None."""
    from onefuture.places.selectors import place_resolve

    try:
        return place_resolve(slug=slug)
    except LookupError as error:
        raise UserError(str(error)) from None
