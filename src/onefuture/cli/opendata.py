"""``onefuture opendata`` — write a place's open data to a folder, for publishing to a portal.

The same files as ``/data/`` (:mod:`onefuture.opendata.files`): ``datapackage.json`` and one
CSV per table (the Frictionless data package, unzipped), each table's JSON beside its CSV, and
with ``--zip`` the package's zip too. A folder that cannot be written is an error naming it.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from onefuture.cli.base import UserError, django_command, resolve_place


@django_command
def opendata(
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
    out_dir: str = typer.Option(..., "--out", help="Folder to write the files to."),
    with_json: bool = typer.Option(True, "--json/--no-json", help="Also each table as JSON."),
    with_zip: bool = typer.Option(
        False, "--zip", help="Also the data package as one zip (PLACE-datapackage.zip)."
    ),
    homepage: str = typer.Option(
        "", "--homepage", help="The address of the site's /data/ page, put in datapackage.json."
    ),
) -> None:
    """Write every published table (CSV, JSON) and datapackage.json to a folder."""
    from onefuture.opendata import files
    from onefuture.opendata.registry import open_table_list

    target = resolve_place(place)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file, not a folder.")
    written: list[tuple[Path, int]] = []

    def write(name: str, data: bytes) -> None:
        path = out / name
        path.write_bytes(data)
        written.append((path, len(data)))

    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in files.package_files(target, homepage=homepage):
            write(name, data)
        if with_json:
            for table in open_table_list():
                body = json.dumps(files.table_json(table, target), ensure_ascii=False, indent=1)
                write(f"{table.name}.json", body.encode("utf-8"))
        if with_zip:
            write(files.package_filename(target), files.package_zip(target, homepage=homepage))
    except OSError as error:
        raise UserError(f"Cannot write to {out}: {error.strerror or error}.") from None
    for path, size in written:
        typer.echo(f"{path}\t{size:,} bytes")
