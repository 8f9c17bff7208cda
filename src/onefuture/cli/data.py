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


@app.command("import")
@django_command
def import_(
    file: Annotated[Path, typer.Argument(help="A tidy CSV or XLSX file (docs/data-format.md).")],
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row; write nothing."),
    progress: bool = typer.Option(True, help="Show a progress bar."),
) -> None:
    """Import a tidy file of data points: all rows or none, then re-assess the measures."""
    from onefuture.measures.services import import_file

    if not file.is_file():
        raise UserError(f"{file} is not a file.")
    target = resolve_place(place)
    with _progress_bar(progress) as update:
        batch = import_file(place=target, source=file, dry_run=dry_run, progress=update)
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
    from onefuture.measures.services import fingertips_import

    target = resolve_place(place)
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


@app.command()
@django_command
def boundaries(
    file: Annotated[
        Path,
        typer.Argument(
            help="A GeoJSON FeatureCollection in WGS84, one feature per area.", show_default=False
        ),
    ],
    area_type: str = typer.Option(
        ..., "--area-type", help="The type of the areas: ward, small_area, local_authority ..."
    ),
    code_property: str = typer.Option(
        ..., "--code-property", help="The feature property holding each area's code, e.g. WD23CD."
    ),
    attribution: str = typer.Option(
        ..., "--attribution", help="The words the licence requires under every map."
    ),
    name: str = typer.Option("", "--name", help="The boundaries and their vintage."),
    source: str = typer.Option("", "--source", help="Who published them."),
    licence: str = typer.Option("", "--licence", help="e.g. 'Open Government Licence v3.0'."),
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
) -> None:
    """Load or replace a place's boundaries for one type of area (its ward map), all or nothing.

    Each feature's code must be an area of that type in the place; every problem is listed by
    feature and property, and nothing is written. The framework file's dump then names the
    file (by the path given, if it is inside the current folder, else by its name).
    """
    from onefuture.places.models import AreaType
    from onefuture.places.services import boundary_file_read, boundary_set_load

    target = resolve_place(place)
    inside = not file.is_absolute() and ".." not in file.parts
    report = boundary_set_load(
        place=target,
        area_type=area_type,
        collection=boundary_file_read(path=file),
        code_property=code_property,
        attribution=attribution,
        name=name,
        source=source,
        licence=licence,
        file=file.as_posix() if inside else file.name,
        reason=f"loaded from {file}",
    )
    kind = AreaType(area_type).label
    if not report.changed:
        typer.echo(f"{kind} boundaries of {target.name}: nothing changed, already as in {file}.")
    else:
        details = f"; changed: {', '.join(report.set_changed)}" if report.set_changed else ""
        typer.echo(
            f"{kind} boundaries of {target.name} loaded from {file}: {report.created} created, "
            f"{report.updated} updated, {report.deleted} deleted{details}."
        )
    if report.missing:
        shown = ", ".join(report.missing[:10]) + (" ..." if len(report.missing) > 10 else "")
        typer.echo(
            f"{len(report.missing)} {kind.lower()}(s) of {target.name} have no boundary and "
            f"are left off its maps: {shown}"
        )
