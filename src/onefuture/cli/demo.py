"""``onefuture demo``: prepare the database with the Stockport example and demo logins."""

from __future__ import annotations

import typer

from onefuture.cli.base import UserError, django_command


@django_command
def demo() -> None:
    """Migrate, load examples/stockport/ (re-running changes nothing) and print the demo logins."""
    from onefuture.framework.demo import DemoError, demo_prepare
    from onefuture.framework.services import FrameworkFileError

    try:
        messages = demo_prepare()
    except (DemoError, FrameworkFileError) as error:
        raise UserError(str(error)) from None
    for message in messages:
        typer.echo(message)
