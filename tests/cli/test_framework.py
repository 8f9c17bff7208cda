"""``onefuture framework load|dump|check|schema`` and ``onefuture demo`` from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onefuture.cli import app
from onefuture.framework.models import BigThing
from onefuture.places.models import Place

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "stockport" / "framework.yaml"
SMALL = ROOT / "tests" / "framework" / "files" / "small.yaml"
ONEFUTURE = Path(sys.executable).with_name("onefuture")

runner = CliRunner()

pytestmark = pytest.mark.django_db


def test_load_then_dump_to_stdout_gives_the_example_back():
    loaded = runner.invoke(app, ["framework", "load", str(EXAMPLE)])
    assert loaded.exit_code == 0, loaded.output
    assert "Created the framework of Stockport (stockport)" in loaded.output
    assert "big things: 5 created" in loaded.output
    dumped = runner.invoke(app, ["framework", "dump"])
    assert dumped.exit_code == 0, dumped.output
    assert dumped.stdout == EXAMPLE.read_text(encoding="utf-8")


def test_loading_again_says_nothing_changed():
    runner.invoke(app, ["framework", "load", str(SMALL)])
    again = runner.invoke(app, ["framework", "load", str(SMALL)])
    assert again.exit_code == 0
    assert "Nothing changed" in again.output


def test_dump_to_a_file_for_a_named_place(tmp_path):
    runner.invoke(app, ["framework", "load", str(EXAMPLE)])
    runner.invoke(app, ["framework", "load", str(SMALL)])
    out = tmp_path / "testville.yaml"
    result = runner.invoke(app, ["framework", "dump", "--place", "testville", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "slug: testville" in out.read_text()
    ambiguous = runner.invoke(app, ["framework", "dump"])
    assert ambiguous.exit_code == 1
    assert "several places: choose one with --place SLUG" in ambiguous.output
    unknown = runner.invoke(app, ["framework", "dump", "--place", "nowhere"])
    assert unknown.exit_code == 1
    assert "No place with slug 'nowhere'. Known places: stockport, testville." in unknown.output


def test_a_bad_file_exits_1_listing_every_error_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = SMALL.read_text().replace("strength: 2", "strength: 7").replace("to: fair", "to: gone")
    bad.write_text(text)
    result = runner.invoke(app, ["framework", "load", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}: 2 errors, nothing was changed:" in result.output
    assert "links[0].strength: must be between -3 and 3, not 7" in result.output
    assert "links[1].to: refers to unknown id 'gone'" in result.output
    assert "Traceback" not in result.output
    assert not Place.objects.exists()


def test_a_missing_file_exits_1():
    result = runner.invoke(app, ["framework", "load", "no/such/file.yaml"])
    assert result.exit_code == 1
    assert "file not found: no/such/file.yaml" in result.output


def test_check_reports_without_loading(tmp_path):
    good = runner.invoke(app, ["framework", "check", str(SMALL)])
    assert good.exit_code == 0, good.output
    assert "no errors (place 'testville')" in good.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("place:\n  slug: x\n")
    result = runner.invoke(app, ["framework", "check", str(bad)])
    assert result.exit_code == 1
    assert "place: missing required field 'name'" in result.output
    assert not Place.objects.exists()


def test_the_published_schema_is_the_one_the_loader_uses():
    result = runner.invoke(app, ["framework", "schema"])
    assert result.exit_code == 0
    published = (ROOT / "docs" / "framework.schema.json").read_text(encoding="utf-8")
    assert result.stdout == published, (
        "docs/framework.schema.json is out of date: run "
        "`.venv/bin/onefuture framework schema -o docs/framework.schema.json`"
    )


def test_demo_loads_the_example_once_and_its_printed_logins_work(client):
    first = runner.invoke(app, ["demo"])
    assert first.exit_code == 0, first.output
    assert "admin / onefuture-demo" in first.output
    assert "officer / onefuture-demo" in first.output
    assert BigThing.objects.filter(place__slug="stockport").count() == 5
    second = runner.invoke(app, ["demo"])
    assert second.exit_code == 0, second.output
    assert "already loaded" in second.output
    assert BigThing.objects.filter(place__slug="stockport").count() == 5
    assert client.login(username="admin", password="onefuture-demo")
    client.logout()
    assert client.login(username="officer", password="onefuture-demo")
    assert client.get("/admin/framework/bigthing/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 1
    assert "for development only" in result.output
    assert not Place.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_installed_command_loads_and_dumps_in_a_real_process(tmp_path):
    """The console script end to end, on its own SQLite file (not the test database)."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def run(*args):
        return subprocess.run(
            [str(ONEFUTURE), *args], env=env, cwd=tmp_path, capture_output=True, text=True
        )

    assert run("migrate").returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("place:\n  slug: x\n  name: X\nlinks:\n  - {from: a, to: b}\n")
    failed = run("framework", "load", str(bad))
    assert failed.returncode == 1
    assert "links[0]: missing required field 'type'" in failed.stderr
    assert "links[0].from: refers to unknown id 'a'" in failed.stderr
    assert "Traceback" not in failed.stderr
    loaded = run("framework", "load", str(EXAMPLE))
    assert loaded.returncode == 0, loaded.stderr
    dumped = run("framework", "dump", "--place", "stockport")
    assert dumped.returncode == 0, dumped.stderr
    assert dumped.stdout == EXAMPLE.read_text(encoding="utf-8")
