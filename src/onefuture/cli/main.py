"""The root Typer app; each capability adds a sub-app (``framework``, ``data``, ...)."""

from __future__ import annotations

import typer

from onefuture.cli.base import django_command, setup_django

app = typer.Typer(
    name="onefuture",
    help="onefuture: run a place's long-term vision — framework, measures, engagement, reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
@django_command
def places() -> None:
    """List the places (their slugs and names)."""
    from onefuture.places.selectors import place_list

    for place in place_list():
        typer.echo(f"{place.slug}\t{place.name}")


@app.command()
@django_command
def migrate() -> None:
    """Create or update the database tables."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@app.command()
def serve(
    addr: str = typer.Option("127.0.0.1:8000", help="Address and port to listen on."),
    reload: bool = typer.Option(False, help="Restart when code changes (development)."),
) -> None:
    """Serve the site (Django's development server; use gunicorn in production)."""
    setup_django()
    from django.core.management import call_command

    call_command("runserver", addr, use_reloader=reload)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def manage(ctx: typer.Context) -> None:
    """Run any Django management command: onefuture manage createsuperuser ..."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["onefuture manage", *ctx.args])


def _register_subcommands() -> None:
    from onefuture.cli import data, demo, framework

    app.add_typer(framework.app, name="framework")
    app.add_typer(data.app, name="data")
    app.command(name="demo")(demo.demo)


_register_subcommands()

if __name__ == "__main__":
    app()
