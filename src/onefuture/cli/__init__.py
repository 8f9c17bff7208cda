"""The ``onefuture`` command line: a thin layer over services and selectors.

Every command that acts on a place takes ``--place SLUG`` (optional where there is one place).
A user error exits with status 1 and a plain message, never a traceback: a service raises an
:class:`onefuture.core.errors.ApplicationError` (or a subclass), the command lets it propagate,
and :func:`onefuture.cli.base.django_command` prints it. A problem with the command line itself
raises :class:`onefuture.cli.base.UserError`, an ``ApplicationError`` too.
"""

from onefuture.cli.main import app

__all__ = ["app"]
