"""``onefuture data …``: import exits 0 or 1 with every error and no traceback; template; assess."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from onefuture.cli import app
from onefuture.measures.models import DataPoint, ImportBatch
from tests.measures import conftest as measures_fixtures

# The measures tests' fixtures: a place with areas and measures, and a CSV writer.
place = measures_fixtures.place
write_csv = measures_fixtures.write_csv

runner = CliRunner()

GOOD = "measure,area,period,value,lower,upper\nsmoking,E08000007,2021,12.5,11,14\n"


def test_help_lists_the_data_commands():
    result = runner.invoke(app, ["data", "--help"])
    assert result.exit_code == 0
    for command in ("import", "fingertips", "template", "assess"):
        assert command in result.output


def test_import_succeeds_and_reports_counts(place, write_csv):
    result = runner.invoke(app, ["data", "import", str(write_csv(GOOD)), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "1 new, 0 changed, 0 unchanged rows" in result.output
    assert DataPoint.objects.count() == 1


def test_import_with_a_progress_bar_and_place(place, write_csv):
    result = runner.invoke(app, ["data", "import", str(write_csv(GOOD)), "--place", "stockport"])
    assert result.exit_code == 0, result.output
    assert "Writing" in result.output


def test_failed_import_exits_1_lists_every_error_and_writes_nothing(place, write_csv):
    bad = GOOD + "smoking,E0800000X,2022,12.5,11,14\nsmoking,E08000007,2023,ten,,\n"
    result = runner.invoke(app, ["data", "import", str(write_csv(bad)), "--no-progress"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "row 3, column 'area'" in result.output
    assert "row 4, column 'value'" in result.output
    assert DataPoint.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_dry_run_writes_nothing(place, write_csv):
    result = runner.invoke(
        app, ["data", "import", str(write_csv(GOOD)), "--dry-run", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "nothing was written" in result.output
    assert DataPoint.objects.count() == 0


def test_unknown_place_and_missing_file_are_user_errors(place, write_csv, tmp_path):
    result = runner.invoke(app, ["data", "import", str(write_csv(GOOD)), "--place", "nowhere"])
    assert result.exit_code == 1
    assert "No place with slug 'nowhere'" in result.output
    result = runner.invoke(app, ["data", "import", str(tmp_path / "missing.csv")])
    assert result.exit_code == 1
    assert "is not a file" in result.output


def test_template_names_the_measure_and_its_areas(place, tmp_path):
    result = runner.invoke(app, ["data", "template", "--measure", "smoking"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("smoking,E08000007,")
    out = tmp_path / "t.csv"
    result = runner.invoke(app, ["data", "template", "--measure", "smoking", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text().startswith("measure,area,area_name,period")
    result = runner.invoke(app, ["data", "template", "--measure", "nope"])
    assert result.exit_code == 1
    assert "No measure 'nope'" in result.output


@pytest.mark.usefixtures("place")
def test_fingertips_without_a_matching_measure_is_a_user_error():
    result = runner.invoke(app, ["data", "fingertips", "--indicator", "1", "--area-type", "502"])
    assert result.exit_code == 1
    assert "--measure" in result.output


def test_a_statistics_failure_is_a_plain_error_and_nothing_is_written(
    place, write_csv, monkeypatch
):
    from onefuture import stats

    def broken(*args, **kwargs):
        raise stats.StatsError("value[0] is broken")

    monkeypatch.setattr(stats, "compare", broken)
    result = runner.invoke(app, ["data", "import", str(write_csv(GOOD)), "--no-progress"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "assessing them failed" in result.output
    assert DataPoint.objects.count() == 0
