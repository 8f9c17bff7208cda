"""``onefuture demo``: prepare the database with the Stockport example and demo logins."""

from __future__ import annotations

import typer

from onefuture.cli.base import django_command


@django_command
def demo() -> None:
    """Migrate, load examples/stockport/ (re-running changes nothing) and print the demo logins."""
    from onefuture.framework.demo import demo_prepare

    for message in demo_prepare():
        typer.echo(message)
