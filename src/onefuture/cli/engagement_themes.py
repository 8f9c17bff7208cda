"""``onefuture engagement themes`` — find and assign a scope's themes, synchronously.

The same run as the workspace's themes page (:mod:`onefuture.engagement.services.themes`), but
executed in this process with a progress bar rather than queued for the worker; it prints the
scope's themes when it is done. The command line is the operator (no person's right is
checked; every other rule is). Wired into the ``engagement`` group by
:mod:`onefuture.cli.engagement`.
"""

from __future__ import annotations

import typer

from onefuture.cli.base import UserError, django_command, percent_progress, resolve_place


@django_command
def themes(
    place: str | None = typer.Option(None, "--place", help="Place slug (optional with one place)."),
    consultation: str | None = typer.Option(
        None, "--consultation", help="A consultation's key: theme its comments."
    ),
    event: int | None = typer.Option(None, "--event", help="An event's id: theme its comments."),
    n_themes: int | None = typer.Option(
        None, "--themes", help="How many themes to find (default: chosen by the method)."
    ),
    progress: bool = typer.Option(True, help="Show a progress bar."),
) -> None:
    """Find the themes of a consultation's, an event's or the whole place's comments.

    Confirmed themes and confirmed assignments are kept; the other proposed themes are
    replaced and every other comment is assigned again (ADR 0032).
    """
    from onefuture.engagement.pages.themes import themes_page
    from onefuture.engagement.selectors.themes import scope_get
    from onefuture.engagement.services.themes import theme_run_create, theme_run_execute

    target = resolve_place(place)
    scope = scope_get(place=target, consultation=consultation, event=event)
    run = theme_run_create(
        place=target, consultation=scope.consultation, event=scope.event, n_themes=n_themes
    )
    with percent_progress(progress) as update:
        run = theme_run_execute(run=run, progress=update)
    if run.status != "succeeded":
        raise UserError(run.message or "The theme run failed.")
    typer.echo(f"{scope.title}: {run.message}")
    for row in themes_page(scope=scope).rows:
        typer.echo(f"- {row.theme.name} [{row.status.label.lower()}] {row.comment_count} comments")
