"""``onefuture demo``: prepare the database with the Stockport example and demo logins."""

from __future__ import annotations

import typer

from onefuture.cli.base import django_command


@django_command
def demo() -> None:
    """Migrate, load examples/stockport/ (idempotently) and create the demo logins."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    typer.echo("Database ready.")
