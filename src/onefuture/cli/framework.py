"""``onefuture framework load|dump|check|schema`` — one YAML file per place's framework."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onefuture.cli.base import UserError, django_command, resolve_place, setup_django

app = typer.Typer(help="Load or dump a place's framework as one YAML file.", no_args_is_help=True)


@app.command()
@django_command
def load(
    file: Annotated[Path, typer.Argument(help="The framework YAML file.", show_default=False)],
) -> None:
    """Replace the framework of the place the file names (place.slug), all or nothing.

    Items are matched by their ids; items missing from the file are deleted. If the file has
    any error, every error is listed and nothing is changed (exit status 1).
    """
    from onefuture.framework.services import framework_load

    report = framework_load(path=file)
    verb = "Created" if report.place_created else "Loaded"
    typer.echo(f"{verb} the framework of {report.place.name} ({report.place.slug}) from {file}.")
    if not report.changed:
        typer.echo("Nothing changed: the database already matched the file.")
    for line in report.lines():
        typer.echo(f"  {line}")


@app.command()
@django_command
def check(
    file: Annotated[Path, typer.Argument(help="The framework YAML file.", show_default=False)],
) -> None:
    """Check a framework file without loading it; list every error (exit status 1 if any)."""
    from onefuture.framework.services import framework_parse, framework_read

    text = framework_read(path=file)
    data = framework_parse(text=text, source=str(file), base_dir=file.parent)
    typer.echo(f"{file}: no errors (place '{data['place']['slug']}').")


@app.command()
@django_command
def dump(
    place: Annotated[
        str | None,
        typer.Option("--place", help="Slug of the place (optional when there is one place)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
) -> None:
    """Write a place's framework as YAML (stable order: dump, load, dump gives the same text)."""
    from onefuture.framework.services import framework_dump

    text = framework_dump(place=resolve_place(place))
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {output}: {error.strerror}") from None
    typer.echo(f"Wrote {output}.", err=True)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (docs/framework.schema.json)."),
    ] = None,
) -> None:
    """Print the framework file's JSON Schema (every registered section included)."""
    setup_django()
    from onefuture.framework.fileformat.schema import framework_schema_text

    text = framework_schema_text()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"Wrote {output}.", err=True)
