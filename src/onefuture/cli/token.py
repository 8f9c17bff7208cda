"""``onefuture token create|list|revoke`` — a person's API tokens, from the command line.

The command line acts as the system: it creates a token for any active user (as an
administrator would), and prints the token once; the database keeps only its hash (ADR 0039).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from onefuture.cli.base import UserError, django_command

app = typer.Typer(
    help="API tokens: create, list and revoke a person's tokens.", no_args_is_help=True
)

UserOption = Annotated[str, typer.Option("--user", help="The person's username.")]
NameOption = Annotated[
    str, typer.Option("--name", help="What the token is for (unique per person).")
]


def _expiry(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    from django.utils import timezone

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--expires '{text}' is not a date: write it as YYYY-MM-DD.") from None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@app.command()
@django_command
def create(
    user: UserOption,
    name: NameOption,
    expires: Annotated[
        str | None,
        typer.Option("--expires", help="The day it stops working (YYYY-MM-DD); none if omitted."),
    ] = None,
) -> None:
    """Create a token for a person and print it (the only time it is shown)."""
    from onefuture.tokens.selectors import user_by_username
    from onefuture.tokens.services import token_create

    token, text = token_create(
        user=user_by_username(username=user), name=name, expires_at=_expiry(expires)
    )
    until = f"until {token.expires_at:%Y-%m-%d}" if token.expires_at else "with no expiry"
    typer.echo(f"Created the API token '{token.name}' for {user}, {until}. Copy it now:", err=True)
    typer.echo(text)


@app.command(name="list")
@django_command
def list_(user: UserOption) -> None:
    """List a person's tokens: name, prefix, state, created, last used, expiry."""
    from onefuture.tokens.selectors import token_list, user_by_username

    rows = token_list(user=user_by_username(username=user))
    if not rows:
        typer.echo(f"{user} has no API tokens.")
    for t in rows:
        last = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        until = f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "-"
        typer.echo(
            f"{t.name}\toft_{t.prefix}_…\t{t.state()}\t{t.created_at:%Y-%m-%d}\t{last}\t{until}"
        )


@app.command()
@django_command
def revoke(user: UserOption, name: NameOption) -> None:
    """Revoke a person's active token by its name."""
    from onefuture.tokens.selectors import token_find, user_by_username
    from onefuture.tokens.services import token_revoke

    token = token_revoke(by=None, token=token_find(user=user_by_username(username=user), name=name))
    typer.echo(f"Revoked the API token '{token.name}' of {user}.")
