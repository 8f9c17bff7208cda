"""One error base: every error a person can cause is an ApplicationError, which the CLI prints
(message and every detail, exit 1, no traceback) in ``django_command`` and nowhere else."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import onefuture
from onefuture.cli import app
from onefuture.core.errors import ApplicationError
from onefuture.measures.models import DataPoint
from tests.measures import conftest as measures_fixtures

place = measures_fixtures.place
write_csv = measures_fixtures.write_csv
runner = CliRunner()
SRC = Path(onefuture.__file__).parent

#: Exceptions that never reach a person: each is caught where it is raised and turned into an
#: ApplicationError detail (a file path or a row), or marks a programming error.
INTERNAL = {
    "onefuture.framework.fileformat.yamltext.YamlTextError": "framework_parse: YAML syntax",
    "onefuture.measures.periods.PeriodError": "row and path errors of the importer and loader",
    "onefuture.measures.vocabulary.UnknownResult": "a label stats cannot return: a bug",
    "onefuture.measures.editor.services._RolledBack": "the editor's preview: rolls back its "
    "transaction and is caught at once",
}


def _exception_classes():
    for info in pkgutil.walk_packages(onefuture.__path__, "onefuture."):
        top = info.name.split(".")[1]
        if ".migrations" in info.name or top in ("stats", "themes", "config"):
            continue  # the pure libraries have their own error (StatsError); settings raise none
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, BaseException):
                yield f"{info.name}.{cls.__name__}", cls


def test_every_error_class_of_the_apps_is_an_application_error():
    found = dict(_exception_classes())
    assert "onefuture.measures.importers.tidy.DataImportError" in found  # the walk sees them
    wrong = [
        name
        for name, cls in found.items()
        if not issubclass(cls, ApplicationError) and name not in INTERNAL
    ]
    assert wrong == [], f"make these ApplicationError subclasses (or list why not): {wrong}"


def test_no_command_maps_a_service_error_by_hand():
    """The translation is django_command's alone: no command catches an ApplicationError."""
    mapped = {name.rsplit(".", 1)[1] for name, cls in _exception_classes()}
    mapped |= {"ApplicationError", "LookupError"}  # place_resolve raised LookupError once
    for path in (SRC / "cli").glob("*.py"):
        if path.name == "base.py":
            continue
        for handler in re.findall(r"^\s*except\b(.*)$", path.read_text(encoding="utf-8"), re.M):
            caught = set(re.findall(r"\w+", handler)) & mapped
            assert not caught, f"{path.name} maps {caught} by hand: let django_command print it"


def test_an_import_error_prints_every_detail_and_exits_1(place, write_csv):
    """More problems than an error's own message shows: the CLI lists them all."""
    rows = "".join(f"smoking,E08000007,{2000 + i},{i},,,\n" for i in range(25))
    rows += "smoking,E08000007,2030\n"  # a ragged row too: found first, alone
    text = "measure,area,period,value,lower,upper,numerator\n" + rows
    result = runner.invoke(app, ["data", "import", str(write_csv(text)), "--no-progress"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Error: 1 problem(s) found; nothing was written:" in result.output
    assert "row 27: this row has 3 fields but the header has 7" in result.output

    bad = "measure,area,period,value\n" + "".join(
        f"smoking,E08000007,{2000 + i},ten\n" for i in range(25)
    )
    result = runner.invoke(app, ["data", "import", str(write_csv(bad)), "--no-progress"])
    assert result.exit_code == 1
    assert "Error: 25 problem(s) found; nothing was written:" in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  row ")]
    assert len(lines) == 25
    assert lines[-1] == "  row 26, column 'value': 'ten' is not a number."
    assert not DataPoint.objects.exists()


@pytest.mark.django_db
def test_a_framework_file_error_prints_each_path_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "place: {slug: s, name: S}\nbig_things: [{id: jobs, title: Jobs}]\n"
        "links: [{from: jobs, to: jobs, type: supports, strength: 1}]\n"
    )
    result = runner.invoke(app, ["framework", "load", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-2:] == [
        f"Error: {bad}: 1 error, nothing was changed:",
        "  links[0].to: a link cannot join 'jobs' to itself",
    ]
    result = runner.invoke(app, ["framework", "check", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1
    assert f"  file not found: {tmp_path / 'missing.yaml'}" in result.output
