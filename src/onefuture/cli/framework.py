"""``onefuture framework load|dump`` — one YAML file per place's framework."""

from __future__ import annotations

import typer

app = typer.Typer(help="Load or dump a place's framework as one YAML file.", no_args_is_help=True)
