"""``onefuture export PLACE FILE`` and ``onefuture import FILE``: back a place up, restore it.

Thin over :mod:`onefuture.backup.services` (ADR 0041). The file holds engagement originals,
people's e-mail addresses and password hashes, so both commands say to keep it private; every
problem with a file is a :class:`~onefuture.backup.services.BackupError`, printed by
``django_command`` with where it is.
"""

from __future__ import annotations

from pathlib import Path

import typer

from onefuture.cli.base import UserError, django_command


def _summary(verb: str, summary, path: Path) -> None:  # summary: BackupSummary
    tables = sum(1 for m in summary.members if m.rows)
    size = path.stat().st_size if path.is_file() else 0
    typer.echo(
        f"{verb} the place '{summary.place}' {'to' if verb == 'Exported' else 'from'} {path}: "
        f"{summary.rows:,} rows in {tables} tables, {summary.files} files ({size / 1e6:.1f} MB)."
    )


@django_command
def export(
    place: str = typer.Argument(..., help="The place's slug (onefuture places lists them)."),
    file: str = typer.Argument(..., help="The backup file to write (a .zip; replaced if there)."),
) -> None:
    """Back up everything of a place to one file (restore it with onefuture import).

    The file holds personal data and users' password hashes: it is written readable by its
    owner only; keep it private.
    """
    from onefuture.backup.services import WARNING, backup_export

    path = Path(file)
    if path.is_dir():
        raise UserError(f"{path} is a folder: name the backup file to write, e.g. {place}.zip.")
    summary = backup_export(place_slug=place, path=path)
    _summary("Exported", summary, path)
    typer.echo(f"Warning: {WARNING}", err=True)


@django_command
def import_(
    file: str = typer.Argument(..., help="The backup file written by onefuture export."),
) -> None:
    """Restore a backup into this database, all or nothing.

    The database must not hold the place, nor any of the backup's rows: restore into a new
    database (onefuture migrate, then onefuture import). The restored users keep their passwords.
    """
    from onefuture.backup.services import WARNING, backup_import

    summary = backup_import(path=Path(file))
    _summary("Restored", summary, Path(file))
    typer.echo(f"Warning: {WARNING} The restored users sign in with their old passwords.", err=True)
