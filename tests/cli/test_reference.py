"""The CLI reference in docs/cli.md is generated from the commands, and every command is in it."""

from __future__ import annotations

from pathlib import Path

import typer.main

from onefuture.cli.main import app
from onefuture.cli.reference import _paths, cli_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_docs_cli_md_matches_the_commands() -> None:
    assert DOC.read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is out of date: run "
        "`.venv/bin/python -m onefuture.cli.reference > docs/cli.md`"
    )


def test_every_command_is_documented_with_a_help_text() -> None:
    text = DOC.read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    for path in _paths(root, []):
        name = " ".join(["onefuture", *path])
        assert f"`{name}`" in text, f"{name} is missing from docs/cli.md"
        command = root
        for part in path:
            command = command.commands[part]  # type: ignore[attr-defined]
        assert (command.help or "").strip(), f"{name} has no help text"
