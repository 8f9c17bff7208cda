from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from onefuture.cli import app
from onefuture.places.models import Place

runner = CliRunner()


def test_help_lists_every_top_level_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("places", "migrate", "serve", "manage", "framework", "demo"):
        assert command in result.output


@pytest.mark.django_db
def test_places_lists_slugs() -> None:
    Place.objects.create(slug="stockport", name="Stockport")
    Place.objects.create(slug="trafford", name="Trafford")
    result = runner.invoke(app, ["places"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["stockport\tStockport", "trafford\tTrafford"]


def test_console_script_is_installed() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "onefuture.cli.main", "--help"], capture_output=True, text=True
    )
    # the module is importable without Django being configured first
    assert completed.returncode == 0, completed.stderr
