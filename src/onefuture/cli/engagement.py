"""``onefuture engagement …`` — comments imported from a spreadsheet, and themes.

A thin layer over :mod:`onefuture.engagement.services.capture`: a file with problems prints
every one by row and column and exits 1, with nothing written (the failed import is recorded
and shown in the workspace). The command line is the operator (no person's right is checked;
every other rule is).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onefuture.cli.base import UserError, django_command, resolve_place

app = typer.Typer(
    help="Engagement: import comments from a spreadsheet; find their themes.",
    no_args_is_help=True,
)


@app.command("import")
@django_command
def import_comments(
    file: Annotated[Path, typer.Argument(help="A CSV or XLSX file of comments, one per row.")],
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
    event: int | None = typer.Option(None, "--event", help="The event's id the comments are from."),
    consultation: str | None = typer.Option(
        None, "--consultation", help="The consultation's key the comments answer."
    ),
) -> None:
    """Import the comments in a spreadsheet: every row checked, all written or none.

    Columns: text (required), group, ward (code or name), age_band, consent (yes/no),
    respondent, received (YYYY-MM-DD), big_things (keys separated by ';').
    """
    from onefuture.engagement.selectors import capture as selectors
    from onefuture.engagement.services.capture import comments_import_run

    if not file.is_file():
        raise UserError(f"{file} is not a file.")
    target = resolve_place(place)
    record = comments_import_run(
        user=None,
        place=target,
        source=file.read_bytes(),
        filename=file.name,
        event=selectors.event_get(place=target, pk=event) if event is not None else None,
        consultation=(
            selectors.consultation_get(place=target, key=consultation) if consultation else None
        ),
    )
    typer.echo(record.message)


from onefuture.cli.engagement_themes import themes  # noqa: E402  (helper C's command)

app.command("themes")(themes)
