"""``onefuture report KIND`` — make a report (scrutiny, engagement, brochure, presentation) in
one or more formats and write the files to a folder, with a progress bar.

The same entry point as every other front end (:func:`onefuture.reports.generate.report_generate`);
the command line is the operator (no person's right is checked). Every mistake is an
:class:`~onefuture.core.errors.ApplicationError` printed by ``django_command``: an unknown kind,
a format the kind does not make, a date that is not YYYY-MM-DD (naming the option), a folder
that cannot be written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from onefuture.cli.base import UserError, django_command, percent_progress, resolve_place
from onefuture.core.errors import ErrorDetail

_HERE = Path(".")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"{option} must be a date as YYYY-MM-DD, not {value!r}.",
            errors=[ErrorDetail(field=option, message=f"not a date: {value}")],
        ) from None


@django_command
def report(
    kind: str = typer.Argument(
        ..., help="The report: scrutiny, engagement, brochure or presentation."
    ),
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
    date: str | None = typer.Option(
        None, "--date", help="The report's date, YYYY-MM-DD (default: today)."
    ),
    since: str | None = typer.Option(
        None,
        "--since",
        help="Report changes since this date, YYYY-MM-DD (default: the kind decides, e.g. the "
        "committee's previous meeting).",
    ),
    formats: str | None = typer.Option(
        None,
        "--format",
        help="Formats, comma-separated: docx, pdf, pptx (default: every format the kind makes).",
    ),
    out_dir: str = typer.Option(".", "--out", help="Folder to write the files to."),
    progress: bool = typer.Option(True, help="Show a progress bar."),
) -> None:
    """Make a report and write its files (named PLACE-KIND-DATE.FORMAT) to a folder."""
    from onefuture.reports.document import report_kind
    from onefuture.reports.generate import report_generate

    out = Path(out_dir)
    found = report_kind(kind)  # an unknown kind names the known ones
    on = _date(date, "--date") or dt.date.today()
    after = _date(since, "--since")
    target = resolve_place(place)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file, not a folder.")
    wanted = formats or ",".join(found.formats)
    with percent_progress(progress) as update:
        files = report_generate(
            place=target, kind=kind, date=on, since=after, formats=wanted, progress=update
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        for file in files:
            (out / file.name).write_bytes(file.data)
    except OSError as error:
        raise UserError(f"Cannot write to {out}: {error.strerror or error}.") from None
    for file in files:
        typer.echo(f"{out / file.name}\t{len(file.data):,} bytes")
