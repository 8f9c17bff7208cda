"""Shared plumbing for CLI commands: Django set-up, user errors, place resolution.

Errors are translated here and nowhere else: a command lets a service's
:class:`~onefuture.core.errors.ApplicationError` (or a subclass) propagate, and
:func:`django_command` prints its message and every detail and exits 1, without a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

import typer

from onefuture.core.errors import ApplicationError

F = TypeVar("F", bound=Callable[..., Any])


class UserError(ApplicationError):
    """A problem with the command line itself (a path that is not a file, an unwritable output).

    A service's own errors need no wrapping: every :class:`ApplicationError` is printed alike.
    """


_django_ready = False


def setup_django() -> None:
    """Configure Django once, with onefuture's settings."""
    global _django_ready
    if _django_ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:  # e.g. production without DJANGO_SECRET_KEY
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    _django_ready = True


def error_print(error: ApplicationError) -> None:
    """The error's message, then every detail (not only those its message shows), on stderr."""
    typer.echo(f"Error: {error.message}", err=True)
    for detail in error.errors:
        typer.echo(f"  {detail}", err=True)


def django_command(func: F) -> F:
    """Set Django up before the command runs and turn user errors into exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        setup_django()
        from django.core.exceptions import ValidationError

        try:
            return func(*args, **kwargs)
        except ApplicationError as error:
            error_print(error)
            raise typer.Exit(1) from None
        except ValidationError as error:
            for message in error.messages:
                typer.echo(f"Error: {message}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def resolve_place(slug: str | None):  # -> Place
    """The place named by ``slug``, or the only place when ``slug`` is None."""
    from onefuture.places.selectors import place_resolve

    return place_resolve(slug=slug)


@contextmanager
def percent_progress(enabled: bool) -> Iterator[Callable[[int, str], None] | None]:
    """A rich progress bar fed by a job's ``progress(done, stage)`` callback (0 to 100, the stage
    in words), as theme runs and reports report it; ``None`` when ``enabled`` is false."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description:<40}"), BarColumn(), TimeElapsedColumn()) as bar:
        task = bar.add_task("Starting", total=100)

        def update(done: int, stage: str) -> None:
            bar.update(task, completed=done, description=stage[:40])

        yield update
