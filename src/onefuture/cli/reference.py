"""Generate the CLI reference (``docs/cli.md``) from the commands' own ``--help``.

One source of truth, as sqlite-utils does it: ``python -m onefuture.cli.reference > docs/cli.md``,
and a test fails when the file and the commands disagree.
"""

from __future__ import annotations

from typing import Any

import typer.main
from typer.testing import CliRunner

from onefuture.cli.main import app

HEADER = """# The `onefuture` command line

Generated from the commands' own help by `python -m onefuture.cli.reference > docs/cli.md`;
a test checks that this file matches the commands. Run `onefuture COMMAND --help` for the same text.
"""


def _paths(command: Any, path: list[str]) -> list[list[str]]:
    """Every command's path below ``command`` (groups have a ``commands`` mapping)."""
    found = [path]
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name in sorted(subcommands):
            found += _paths(subcommands[name], [*path, name])
    return found


def cli_reference() -> str:
    """The Markdown reference of every command, in a stable order."""
    runner = CliRunner()
    env = {"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}
    parts = [HEADER]
    for path in _paths(typer.main.get_command(app), []):
        result = runner.invoke(app, [*path, "--help"], env=env, terminal_width=100)
        text = "\n".join(line.rstrip() for line in result.output.splitlines()).strip("\n")
        heading = "#" * min(len(path) + 2, 4)
        parts.append(f"{heading} `{' '.join(['onefuture', *path])}`\n\n```\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_reference(), end="")
