"""The tidy import: happy path, every error class, atomicity, idempotence, history, XLSX."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from onefuture import stats
from onefuture.measures.importers.upsert import COMPARED
from onefuture.measures.models import Assessment, DataPoint, ImportBatch, ImportStatus
from onefuture.measures.services import DataImportError, import_file

HEADER = "measure,area,period,value,lower,upper,numerator,denominator\n"
GOOD = (
    HEADER
    + "smoking,E08000007,2021,12.5,11.0,14.0,,\n"
    + "smoking,E08000007,2022/23,11.9,10.5,13.4,,\n"
    + "smoking,E92000001,2021,13.0,12.9,13.1,,\n"
    + "life-expectancy,E08000007,2021-23,80.1,79.8,80.4,,\n"
    + "smoking,E08000007,2024-Q1,,,,120,1000\n"
)


def snapshot():
    """Everything an import may write, to prove a failed import wrote nothing."""
    history = DataPoint.history.model
    return (
        sorted(DataPoint.objects.values_list("measure_id", "area_id", "period", "value")),
        history.objects.count(),
        Assessment.objects.count(),
        ImportBatch.objects.count(),
    )


def errors_of(excinfo) -> list[tuple[int, str]]:
    return [(e.row, e.column) for e in excinfo.value.errors]


def test_happy_path_imports_every_row_with_periods_and_computed_values(place, write_csv):
    batch = import_file(place=place, source=write_csv(GOOD))
    assert batch.status == ImportStatus.SUCCEEDED
    assert (batch.rows_total, batch.rows_created, batch.rows_computed) == (5, 5, 1)
    points = {(p.area.code, p.period): p for p in DataPoint.objects.select_related("area")}
    assert points[("E08000007", "2022/23")].year == 2022
    assert points[("E08000007", "2021-23")].year == 2022
    assert points[("E08000007", "2024-Q1")].year == 2024.0
    assert points[("E08000007", "2024-Q1")].period_kind == "quarter"
    computed = points[("E08000007", "2024-Q1")]
    expected = stats.proportion([120], [1000], multiplier=100)
    assert computed.value == pytest.approx(12.0)
    assert computed.lower == pytest.approx(float(expected.lower[0]))
    assert computed.upper == pytest.approx(float(expected.upper[0]))
    assert all(p.batch_id == batch.id for p in points.values())


def test_reimporting_the_same_file_changes_nothing(place, write_csv):
    path = write_csv(GOOD)
    import_file(place=place, source=path)
    before = snapshot()
    batch = import_file(place=place, source=path)
    assert (batch.rows_created, batch.rows_updated, batch.rows_unchanged) == (0, 0, 5)
    # Data, history and assessments are untouched; the import itself is logged as a batch.
    assert snapshot()[:3] == before[:3]
    assert snapshot()[3] == before[3] + 1


def test_a_changed_value_is_updated_and_recorded_in_history(place, write_csv):
    import_file(place=place, source=write_csv(GOOD))
    changed = GOOD.replace("12.5,11.0,14.0", "12.7,11.0,14.0")
    batch = import_file(place=place, source=write_csv(changed, "changed.csv"))
    assert (batch.rows_created, batch.rows_updated, batch.rows_unchanged) == (0, 1, 4)
    point = DataPoint.objects.get(area__code="E08000007", period="2021", measure__key="smoking")
    assert point.value == 12.7
    values = [h.value for h in point.history.order_by("history_date", "history_id")]
    assert values == [12.5, 12.7]
    latest = point.history.order_by("-history_date", "-history_id").first()
    assert latest.history_type == "~"
    assert "changed.csv" in latest.history_change_reason
    # Unchanged rows get no history at all: imports stay fast.
    assert DataPoint.history.count() == 2


def test_dry_run_checks_but_writes_nothing(place, write_csv):
    before = snapshot()
    batch = import_file(place=place, source=write_csv(GOOD), dry_run=True)
    assert batch.status == ImportStatus.VALIDATED
    assert batch.rows_total == 5
    assert snapshot() == before


def test_xlsx_goes_through_the_same_pipeline(place, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["measure", "area", "period", "value", "lower", "upper"])
    sheet.append(["smoking", "E08000007", 2021, 12.5, 11.0, 14.0])
    sheet.append(["smoking", "E08000007", "2022/23", 11.9, 10.5, 13.4])
    sheet.append(["smoking", "E08000007", "2023/24", "twelve", None, None])
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=path)
    assert errors_of(excinfo) == [(4, "value")]
    sheet.delete_rows(4)
    workbook.save(path)
    batch = import_file(place=place, source=path)
    assert batch.rows_created == 2
    assert set(DataPoint.objects.values_list("period", flat=True)) == {"2021", "2022/23"}


def test_uploaded_bytes_are_accepted(place):
    batch = import_file(place=place, source=GOOD.encode(), filename="upload.csv")
    assert batch.rows_created == 5


BAD_ROWS = [
    ("unknown area", "smoking,E09999999,2021,12.5,,,,\n", [(2, "area")]),
    ("unknown measure", "smokers,E08000007,2021,12.5,,,,\n", [(2, "measure")]),
    ("text in a number", "smoking,E08000007,2021,about 12,,,,\n", [(2, "value")]),
    ("non-finite number", "smoking,E08000007,2021,inf,,,,\n", [(2, "value")]),
    ("NaN written out", "smoking,E08000007,2021,NaN,,,,\n", [(2, "value")]),
    ("numerator above denominator", "smoking,E08000007,2021,,,,120,100\n", [(2, "numerator")]),
    ("lower limit above value", "smoking,E08000007,2021,12.5,13,14,,\n", [(2, "lower")]),
    ("upper limit below value", "smoking,E08000007,2021,12.5,11,12,,\n", [(2, "upper")]),
    ("wrong period format", "smoking,E08000007,21/22,12.5,,,,\n", [(2, "period")]),
    ("financial year not consecutive", "smoking,E08000007,2021/23,12.5,,,,\n", [(2, "period")]),
    ("missing value", "smoking,E08000007,2021,,,,,\n", [(2, "value")]),
    (
        "value of a type that cannot be computed",
        "life-expectancy,E08000007,2021,,,,5,10\n",
        [(2, "value")],
    ),
]


@pytest.mark.parametrize(("case", "line", "expected"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
def test_each_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    place, write_csv, case, line, expected
):
    import_file(place=place, source=write_csv(GOOD, "first.csv"))
    before = snapshot()
    # The bad row is row 2; a good new row follows, which must not land either.
    text = HEADER + line + "smoking,E92000001,2019,14.0,13.9,14.1,,\n"
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=write_csv(text))
    assert errors_of(excinfo) == expected
    assert snapshot() == before  # not even an import batch record


def test_a_queued_batch_records_the_failure_and_every_error(place, write_csv):
    """The upload page's background job passes a queued batch; the status page reads it."""
    from onefuture.measures.services import import_batch_create

    batch = import_batch_create(place=place, filename="upload.csv")
    text = HEADER + "smoking,E09999999,2021,12.5,,,,\nsmoking,E08000007,2021,x,,,,\n"
    with pytest.raises(DataImportError):
        import_file(place=place, source=write_csv(text), batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "area"), (3, "value")]
    assert DataPoint.objects.count() == 0
    good = import_batch_create(place=place, filename="good.csv")
    import_file(place=place, source=write_csv(GOOD, "good.csv"), batch=good)
    good.refresh_from_db()
    assert (good.status, good.rows_created) == (ImportStatus.SUCCEEDED, 5)


def test_every_error_is_listed_in_spreadsheet_row_order(place, write_csv):
    text = (
        HEADER
        + "smoking,E08000007,2021,12.5,,,,\n"  # row 2 fine
        + "smoking,E0800000X,2021,12.5,,,,\n"  # row 3 area
        + "smoking,E08000007,2021,12.6,,,,\n"  # row 4 duplicate of row 2
        + "smoking,E08000007,20222,x,,,,\n"  # row 5 period and value
    )
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=write_csv(text))
    assert errors_of(excinfo) == [(3, "area"), (4, "period"), (5, "period"), (5, "value")]
    duplicate = excinfo.value.errors[1]
    assert "duplicate of row 2" in duplicate.message


def test_duplicates_are_found_after_normalising_periods(place, write_csv):
    text = HEADER + "smoking,E08000007,2022/23,1,,,,\nsmoking,E08000007,2022/2023,2,,,,\n"
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=write_csv(text))
    assert errors_of(excinfo) == [(3, "period")]


@pytest.mark.parametrize(
    ("case", "content", "expected_column", "phrase"),
    [
        ("empty file", b"", "", "empty"),
        ("header only", HEADER.encode(), "", "no data rows"),
        (
            "wrong encoding",
            (HEADER + "smoking,E08000007,2021,12.5,,,,café\n").encode("latin-1"),
            "",
            "UTF-8",
        ),
        ("missing column", b"measure,period,value\nsmoking,2021,1\n", "area", "missing"),
        ("semicolons", b"measure;area;period;value\nsmoking;E08000007;2021;1\n", "", "semicolons"),
        (
            "unknown column",
            b"measure,area,period,value,colour\nsmoking,E08000007,2021,1,red\n",
            "colour",
            "unknown column",
        ),
    ],
)
def test_file_level_problems_are_reported_at_row_1(
    place, write_csv, case, content, expected_column, phrase
):
    before = snapshot()
    path = write_csv("")
    path.write_bytes(content)
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=path)
    first = excinfo.value.errors[0]
    assert (first.row, first.column) == (1, expected_column)
    assert phrase in first.message
    assert snapshot() == before


def test_a_row_with_too_many_cells_names_its_row(place, write_csv):
    text = HEADER + "smoking,E08000007,2021,12.5,,,,\nsmoking,E08000007,2022,12.5,,,,,,\n"
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=write_csv(text))
    assert excinfo.value.errors[0].row == 3


def test_breakdowns_are_checked_and_stored(place, write_csv):
    text = (
        "measure,area,period,breakdown,category,value\n"
        "smoking,E08000007,2021,sex,Female,11\n"
        "smoking,E08000007,2021,deprivation decile,1,20\n"
        "smoking,E08000007,2021,deprivation_decile,11,5\n"
        "smoking,E08000007,2021,colour,blue,5\n"
        "smoking,E08000007,2021,,Female,5\n"
    )
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=write_csv(text))
    assert errors_of(excinfo) == [(4, "category"), (5, "breakdown"), (6, "category")]
    good = "\n".join(text.splitlines()[:3]) + "\n"
    import_file(place=place, source=write_csv(good, "good.csv"))
    assert set(DataPoint.objects.values_list("breakdown", "category")) == {
        ("sex", "Female"),
        ("deprivation_decile", "1"),
    }


def test_illustrative_flag_is_read(place, write_csv):
    text = "measure,area,period,value,illustrative\nsmoking,E05015014,2021,12,yes\n"
    import_file(place=place, source=write_csv(text))
    assert DataPoint.objects.get().illustrative is True
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=write_csv(text.replace("yes", "maybe")))
    assert errors_of(excinfo) == [(2, "illustrative")]


def test_rates_are_computed_with_the_library(place, write_csv):
    text = (
        "measure,area,period,numerator,denominator\n"
        "falls,E08000007,2021,7,5000\n"
        "falls,E08000007,2022,250,52000\n"
    )
    import_file(place=place, source=write_csv(text))
    expected = stats.rate([7, 250], [5000, 52000], multiplier=100_000)
    got = DataPoint.objects.order_by("year")
    np.testing.assert_allclose([p.value for p in got], expected.value)
    np.testing.assert_allclose([p.lower for p in got], expected.lower)
    np.testing.assert_allclose([p.upper for p in got], expected.upper)


def test_tidy_read_accepts_a_bom_and_header_in_any_case(place):
    data = "\ufeffMeasure,Area,Period,Value\nsmoking,E08000007,2021,12\n".encode()
    batch = import_file(place=place, source=io.BytesIO(data).getvalue(), filename="excel.csv")
    assert batch.rows_created == 1


def test_deleting_a_measure_or_an_area_deletes_its_data_and_assessments(place, write_csv):
    """The database does not check these foreign keys row by row (ADR 0012); Django cascades."""
    from onefuture.measures.models import Measure
    from onefuture.places.models import Area

    import_file(place=place, source=write_csv(GOOD))
    assert Assessment.objects.filter(benchmark__code="E92000001").exists()
    Area.objects.get(place=place, code="E92000001").delete()
    assert not DataPoint.objects.filter(area__code="E92000001").exists()
    assert not Assessment.objects.filter(benchmark__code="E92000001").exists()
    Measure.objects.get(place=place, key="smoking").delete()
    assert not DataPoint.objects.filter(measure__key="smoking").exists()
    assert not Assessment.objects.filter(measure__key="smoking").exists()
    assert DataPoint.objects.filter(measure__key="life-expectancy").count() == 1


def test_a_person_needs_permission_to_queue_an_import(place):
    """The permission rule is the service's: a view or an API cannot forget it."""
    from django.contrib.auth import get_user_model

    from onefuture.core.errors import PermissionDenied
    from onefuture.core.models import Role
    from onefuture.core.services import membership_set
    from onefuture.measures.services import import_batch_create, import_permission_check

    user = get_user_model().objects.create_user("reader", password="not-a-real-password-5")
    with pytest.raises(PermissionDenied, match="strategy officers of Stockport may import data"):
        import_batch_create(place=place, filename="x.csv", user=user)
    with pytest.raises(PermissionDenied):
        import_permission_check(user=None, place=place)
    assert not ImportBatch.objects.exists()
    membership_set(user=user, place=place, role=Role.STRATEGY_OFFICER)
    batch = import_batch_create(place=place, filename="x.csv", user=user)
    assert (batch.status, batch.created_by) == (ImportStatus.QUEUED, user)


def test_a_crashed_job_fails_its_batch_but_keeps_a_finished_outcome(place):
    from onefuture.measures.services import (
        UNEXPECTED_FAILURE,
        import_batch_create,
        import_batch_fail,
    )

    running = import_batch_create(place=place, filename="crash.csv")
    assert import_batch_fail(batch_id=running.id) is True
    running.refresh_from_db()
    assert (running.status, running.message) == (ImportStatus.FAILED, UNEXPECTED_FAILURE)
    assert running.finished_at is not None
    done = import_batch_create(place=place, filename="done.csv")
    ImportBatch.objects.filter(id=done.id).update(status=ImportStatus.SUCCEEDED, message="5 new")
    assert import_batch_fail(batch_id=done.id) is False
    done.refresh_from_db()
    assert (done.status, done.message) == (ImportStatus.SUCCEEDED, "5 new")


# --- bad input in real files: copies of the example data with one row broken -----------------

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "stockport"
EXAMPLE_DATA = EXAMPLE_DIR / "data" / "fingertips.csv"


@pytest.fixture
def stockport(db):
    """The example place (framework file: areas and measures) with its Fingertips data."""
    from onefuture.framework.services import framework_load

    place = framework_load(path=EXAMPLE_DIR / "framework.yaml").place
    import_file(place=place, source=EXAMPLE_DATA)
    return place


def example_records() -> list[list[str]]:
    with EXAMPLE_DATA.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_records(path: Path, records: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)
    return path


def stored_points():
    return sorted(
        DataPoint.objects.values_list(
            "measure__key", "area__code", "period", "breakdown", "category", *COMPARED
        )
    )


def test_a_row_with_fewer_fields_than_the_header_is_refused_naming_it(stockport, tmp_path):
    records = example_records()
    records[5] = records[5][:9]  # spreadsheet row 6: limits' neighbours, denominator, notes lost
    records[9] = records[9][:-1]  # row 10: one field short (the source)
    broken = write_records(tmp_path / "short.csv", records)
    before, points = snapshot(), stored_points()
    for dry_run in (True, False):
        with pytest.raises(DataImportError) as excinfo:
            import_file(place=stockport, source=broken, dry_run=dry_run)
        assert errors_of(excinfo) == [(6, ""), (10, "")]
        assert str(excinfo.value.errors[0]).startswith(
            "row 6: this row has 9 fields but the header has 12; a cell is missing"
        )
        assert "row 10: this row has 11 fields but the header has 12" in str(excinfo.value)
        assert (snapshot(), stored_points()) == (before, points)


def test_a_row_with_more_fields_than_the_header_is_refused_and_every_one_listed(
    stockport, tmp_path
):
    records = example_records()
    records[2].append("stray")
    records[2000] += ["", ""]
    broken = write_records(tmp_path / "long.csv", records)
    before = snapshot()
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=stockport, source=broken)
    assert errors_of(excinfo) == [(3, ""), (2001, "")]
    assert "row 2001: this row has 14 fields but the header has 12; check for a stray comma" in (
        str(excinfo.value)
    )
    assert snapshot() == before


def test_ragged_rows_without_quotes_are_found_too(place, write_csv):
    """A file with no quoted cell takes the vectorised count: the same rows, the same words."""
    text = GOOD.replace("smoking,E92000001,2021,13.0,12.9,13.1,,\n", "smoking,E92000001,2021\n")
    text = text.replace("80.4,,\n", "80.4,,,,\n")
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=write_csv(text))
    assert [str(e) for e in excinfo.value.errors] == [
        "row 4: this row has 3 fields but the header has 8; a cell is missing, so every cell"
        " after it would land in the wrong column: add the missing cell (an empty one between"
        " two commas for no value).",
        "row 5: this row has 10 fields but the header has 8; check for a stray comma, and put"
        ' a cell that contains a comma in double quotes ("Stockport, Greater Manchester").',
    ]
    assert not DataPoint.objects.exists()


def test_a_spreadsheet_cell_beyond_the_header_is_refused_with_its_row(place):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["measure", "area", "period", "value"])
    sheet.append(["smoking", "E08000007", "2021", 12.5])
    sheet.append(["smoking", "E08000007", "2022", 12.0, None, "oops"])
    sheet.append(["smoking", "E08000007", "2023", 11.0, ""])
    data = io.BytesIO()
    book.save(data)
    with pytest.raises(DataImportError) as excinfo:
        import_file(place=place, source=data.getvalue(), filename="data.xlsx")
    assert [str(e) for e in excinfo.value.errors] == [
        "row 3: this row has a cell in column F, beyond the header's 4 columns; give that"
        " column a header or delete the cell."
    ]
    assert not DataPoint.objects.exists()


def test_a_file_without_the_source_column_keeps_every_stored_source(stockport, tmp_path):
    """Re-importing the example without its optional source column used to blank 2,072 rows."""
    records = example_records()
    source = records[0].index("source")
    without = write_records(
        tmp_path / "no-source.csv", [r[:source] + r[source + 1 :] for r in records]
    )
    points = stored_points()
    batch = import_file(place=stockport, source=without)
    assert (batch.rows_updated, batch.rows_unchanged) == (0, 2072)
    assert "0 new, 0 changed, 2072 unchanged rows" in batch.message
    assert stored_points() == points

    records[1][records[0].index("value")] = "21.5"  # one real change: counted, source kept
    changed = write_records(
        tmp_path / "changed.csv", [r[:source] + r[source + 1 :] for r in records]
    )
    batch = import_file(place=stockport, source=changed)
    assert (batch.rows_updated, batch.rows_unchanged) == (1, 2071)
    measure, area, period = records[1][:3]
    point = DataPoint.objects.get(
        measure__key=measure, area__code=area, period=period, breakdown="none"
    )
    assert point.value == 21.5
    assert point.source.startswith("OHID Fingertips, indicator 93015")


def test_a_file_of_values_alone_keeps_every_other_optional_column(place, write_csv):
    full = (
        "measure,area,period,value,lower,upper,numerator,denominator,notes,source,illustrative\n"
        "smoking,E08000007,2021,12.5,11,14,125,1000,provisional,APS,yes\n"
    )
    import_file(place=place, source=write_csv(full))
    lean = "measure,area,period,value\nsmoking,E08000007,2021,12.5\nsmoking,E08000007,2022,12\n"
    batch = import_file(place=place, source=write_csv(lean, name="lean.csv"))
    assert (batch.rows_created, batch.rows_updated, batch.rows_unchanged) == (1, 0, 1)
    kept = DataPoint.objects.get(period="2021")
    assert (kept.lower, kept.upper, kept.numerator, kept.denominator) == (11, 14, 125, 1000)
    assert (kept.notes, kept.source, kept.illustrative) == ("provisional", "APS", True)
    new = DataPoint.objects.get(period="2022")  # a new row gets the blank defaults
    assert (new.lower, new.source, new.illustrative) == (None, "", False)


def test_values_computed_from_counts_replace_the_stored_limits(place, write_csv):
    import_file(place=place, source=write_csv(HEADER + "smoking,E08000007,2021,12.5,11,14,,\n"))
    counts = "measure,area,period,numerator,denominator\nsmoking,E08000007,2021,120,1000\n"
    batch = import_file(place=place, source=write_csv(counts, name="counts.csv"))
    assert batch.rows_updated == 1
    point = DataPoint.objects.get()
    expected = stats.proportion([120], [1000], multiplier=100)
    assert point.value == pytest.approx(12.0)
    assert point.lower == pytest.approx(float(expected.lower[0]))
