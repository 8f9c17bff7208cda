"""``onefuture data …`` — import success-measure data, fetch from Fingertips, templates, assess.

A thin layer over :mod:`onefuture.measures.services`: a failed import prints every problem by
row and column and exits 1, with nothing written.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from onefuture.cli.base import UserError, django_command, resolve_place

app = typer.Typer(
    help="Load success-measure data: tidy CSV/XLSX files, Fingertips, templates.",
    no_args_is_help=True,
)

_STAGES = {"read": "Reading", "check": "Checking rows", "write": "Writing", "assess": "Assessing"}


@contextmanager
def _progress_bar(enabled: bool):
    """A rich progress bar fed by the service's ``progress(stage, done, total)`` callback."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
    ) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(_STAGES.get(stage, stage), total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield update


def _print_errors(error) -> None:
    typer.echo(
        f"Error: the import failed and nothing was written. {len(error.errors)} problem(s):",
        err=True,
    )
    for item in error.errors:
        typer.echo(f"  {item}", err=True)


@app.command("import")
@django_command
def import_(
    file: Annotated[Path, typer.Argument(help="A tidy CSV or XLSX file (docs/data-format.md).")],
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row; write nothing."),
    progress: bool = typer.Option(True, help="Show a progress bar."),
) -> None:
    """Import a tidy file of data points: all rows or none, then re-assess the measures."""
    from onefuture.measures.services import DataImportError, import_file
    from onefuture.stats import StatsError

    if not file.is_file():
        raise UserError(f"{file} is not a file.")
    target = resolve_place(place)
    try:
        with _progress_bar(progress) as update:
            batch = import_file(place=target, source=file, dry_run=dry_run, progress=update)
    except DataImportError as error:
        _print_errors(error)
        raise typer.Exit(1) from None
    except StatsError as error:  # the rows were fine but a statistic could not be computed
        raise UserError(
            f"the rows were valid, but assessing them failed, so nothing was written: {error}"
        ) from None
    typer.echo(f"{file.name}: {batch.message}")


@app.command()
@django_command
def fingertips(
    indicator: int = typer.Option(..., "--indicator", help="Fingertips indicator id, e.g. 93015."),
    area_type: int = typer.Option(
        502, "--area-type", help="Fingertips area type id (502 = upper-tier local authorities)."
    ),
    parent_area_type: int = typer.Option(15, "--parent-area-type", help="15 = England."),
    measure: str | None = typer.Option(
        None, "--measure", help="Measure key (default: the measure with this indicator)."
    ),
    place: str | None = typer.Option(None, "--place", help="Place slug."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row; write nothing."),
) -> None:
    """Download an indicator from Fingertips and import it for the place's areas."""
    from onefuture.measures.connectors.fingertips import FingertipsError
    from onefuture.measures.services import DataImportError, fingertips_import

    target = resolve_place(place)
    try:
        with _progress_bar(True) as update:
            batch, summary = fingertips_import(
                place=target,
                indicator_id=indicator,
                area_type_id=area_type,
                parent_area_type_id=parent_area_type,
                measure_key=measure,
                dry_run=dry_run,
                progress=update,
            )
    except FingertipsError as error:
        raise UserError(str(error)) from None
    except DataImportError as error:
        _print_errors(error)
        raise typer.Exit(1) from None
    typer.echo(summary)
    typer.echo(batch.message)


@app.command()
@django_command
def template(
    measure: str = typer.Option(..., "--measure", help="Measure key."),
    place: str | None = typer.Option(None, "--place", help="Place slug."),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here, not to stdout.")
    ] = None,
) -> None:
    """Print (or write) a CSV template to fill in for one measure."""
    from onefuture.measures.models import Measure
    from onefuture.measures.selectors import measure_template_csv

    target = resolve_place(place)
    try:
        text = measure_template_csv(place=target, key=measure)
    except Measure.DoesNotExist:
        raise UserError(f"No measure '{measure}' in {target.slug}.") from None
    if output:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"Template written to {output}.")
    else:
        typer.echo(text, nl=False)


@app.command()
@django_command
def assess(place: str | None = typer.Option(None, "--place", help="Place slug.")) -> None:
    """Recompute every assessment of the place's measures."""
    from onefuture.measures.services import assessments_recompute

    count = assessments_recompute(place=resolve_place(place))
    typer.echo(f"{count} assessments stored.")
