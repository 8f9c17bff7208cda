"""``onefuture engagement themes``: the same run, synchronously, printing the themes."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from onefuture.cli.engagement_themes import themes
from onefuture.engagement.models import RunStatus, Theme, ThemeRun
from tests.engagement.themes_sample import themes_world

pytestmark = pytest.mark.django_db


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("themes")(themes)
    app.command("other")(lambda: None)  # a group, as in the engagement command
    return app


def test_the_command_runs_the_scope_and_prints_its_themes() -> None:
    world = themes_world()
    result = CliRunner().invoke(
        _app(),
        [
            "themes",
            "--place",
            "riverton",
            "--consultation",
            "town-2040",
            "--themes",
            "3",
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    assert ThemeRun.objects.get().status == RunStatus.SUCCEEDED
    for theme in Theme.objects.filter(consultation=world.consultation):
        assert f"- {theme.name} [proposed]" in result.output


def test_a_bad_scope_or_too_few_comments_exits_1_and_says_why() -> None:
    world = themes_world()
    result = CliRunner().invoke(
        _app(), ["themes", "--place", "riverton", "--consultation", "nope", "--no-progress"]
    )
    assert result.exit_code == 1 and "no consultation 'nope'" in result.output
    for comment in world.comments[3:]:
        comment.delete()
    result = CliRunner().invoke(_app(), ["themes", "--place", "riverton", "--no-progress"])
    assert result.exit_code == 1 and "at least 10 comments" in result.output
    assert not ThemeRun.objects.exists()
