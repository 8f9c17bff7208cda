"""``onefuture search reindex`` — rebuild the site search's index from the database."""

from __future__ import annotations

from typing import Annotated

import typer

from onefuture.cli.base import django_command, resolve_place

app = typer.Typer(help="The site search's index.", no_args_is_help=True)


@app.command()
@django_command
def reindex(
    place: Annotated[
        str | None,
        typer.Option("--place", help="Only this place (its slug); every place if omitted."),
    ] = None,
) -> None:
    """Rebuild the search index of one place or of every place (a framework load does it too)."""
    from onefuture.search.services import search_reindex

    chosen = resolve_place(place) if place else None
    count = search_reindex(place=chosen)
    where = f"{chosen.name} ({chosen.slug})" if chosen else "every place"
    typer.echo(f"Indexed {count} thing{'s' if count != 1 else ''} for {where}.")
