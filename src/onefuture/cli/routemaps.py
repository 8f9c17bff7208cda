"""``onefuture routemaps …`` and ``onefuture remind`` — bulk updates and reminders of updates due.

A thin layer over :mod:`onefuture.routemaps.importers` and :mod:`onefuture.routemaps.tasks`: a
file with problems prints every one by row and column and exits 1, with nothing written. The
command line is the operator (no person's right is checked; every other rule is).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onefuture.cli.base import UserError, django_command, resolve_place

app = typer.Typer(help="Routemaps: bulk updates from a spreadsheet.", no_args_is_help=True)


@app.command("updates-import")
@django_command
def updates_import(
    file: Annotated[Path, typer.Argument(help="A CSV or XLSX file of updates, one per row.")],
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
    publish: bool = typer.Option(False, "--publish", help="Approve and publish every update."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row; write nothing."),
) -> None:
    """Submit (or publish) the updates in a spreadsheet: every row checked, all or none.

    Columns: milestone (its key) or commitment (its number), status, narrative, evidence_url,
    period (a reporting period's key; default: the current period).
    """
    from onefuture.routemaps.importers import updates_import as run

    if not file.is_file():
        raise UserError(f"{file} is not a file.")
    result = run(place=resolve_place(place), source=file, publish=publish, dry_run=dry_run)
    typer.echo(f"{file.name}: {result.message}")


@django_command
def remind(
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="List who would be reminded of what; send nothing."
    ),
) -> None:
    """E-mail every owner whose updates are due for the current reporting period (a job)."""
    from onefuture.routemaps.selectors.updates import period_current, reminders_due
    from onefuture.routemaps.tasks import reminders_enqueue

    target = resolve_place(place)
    period = period_current(place=target)
    if period is None:
        raise UserError(f"{target.name} has no open reporting period: nothing is due.")
    reminders = reminders_due(place=target, period=period)
    for reminder in reminders:
        titles = "; ".join(item.title for item in reminder.items)
        typer.echo(f"{reminder.user.email} ({reminder.because}): {titles}")
    if dry_run:
        typer.echo(f"{len(reminders)} reminder(s) for {period.title} would be sent (dry run).")
        return
    job = reminders_enqueue(period=period)
    typer.echo(
        f"{len(reminders)} reminder(s) for {period.title} queued as job {job.pk}; "
        "the worker (onefuture worker) sends them."
    )
