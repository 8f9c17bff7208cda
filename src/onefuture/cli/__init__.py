"""The ``onefuture`` command line: a thin layer over services and selectors.

Every command that acts on a place takes ``--place SLUG`` (optional where there is one place).
A user error exits with status 1 and a plain message, never a traceback: raise
:class:`onefuture.cli.base.UserError` (or a service's own ``*Error`` that subclasses it).
"""

from onefuture.cli.main import app

__all__ = ["app"]
