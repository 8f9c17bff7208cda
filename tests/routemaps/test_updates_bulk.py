"""Bulk updates from CSV and XLSX: every problem by row and column, nothing written on any."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from onefuture.routemaps.importers import UpdatesImportError, updates_import
from onefuture.routemaps.models import Update, UpdateState
from tests.routemaps.updates_data import updates_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return updates_place()


GOOD = (
    "Milestone,Status,Narrative,Evidence URL,Period\n"
    "clinic-opens,On track,Walls up.,https://example.org/a,2026-27-q2\n"
    "interchange-opens,off_track,Contractor gone.,,\n"
)


def test_a_good_file_submits_every_row_in_the_current_period(data) -> None:
    result = updates_import(
        place=data.place, source=GOOD.encode(), filename="u.csv", user=data.officer
    )
    assert result.rows == 2 and "submitted for approval" in result.message
    updates = Update.objects.order_by("id")
    assert [u.status for u in updates] == ["on_track", "off_track"]
    assert {u.origin for u in updates} == {"bulk"}
    assert {u.period for u in updates} == {data.current}
    assert {u.state for u in updates} == {UpdateState.SUBMITTED}


def test_publish_approves_every_row(data) -> None:
    result = updates_import(
        place=data.place, source=GOOD.encode(), filename="u.csv", user=data.officer, publish=True
    )
    assert {u.state for u in result.updates} == {UpdateState.PUBLISHED}


def test_every_error_by_row_and_column_and_nothing_written(data) -> None:
    bad = (
        "milestone,status,narrative,evidence_url,period\n"
        "clinic-opens,on_track,,,\n"  # 2: fine on its own
        "no-such-step,on_track,,,\n"  # 3
        "interchange-opens,purple,,,\n"  # 4
        "masterplan-agreed,at risk,,,\n"  # 5
        "clinic-opens,on_track,,,2026-27-q1\n"  # 6: locked
        "clinic-opens,complete,,not a link,\n"  # 7: duplicate of row 2
        "interchange-opens,on_track,,notalink,2099-q9\n"  # 8
        ",on_track,,,\n"  # 9
        "interchange-opens,on_track,,,,extra\n"  # 10
    )
    with pytest.raises(UpdatesImportError) as refused:
        updates_import(place=data.place, source=bad.encode(), filename="bad.csv", user=data.officer)
    found = {(e.row, e.column) for e in refused.value.errors}
    assert found == {
        (3, "milestone"),
        (4, "status"),
        (5, "narrative"),
        (6, "period"),
        (7, "milestone"),
        (8, "period"),
        (9, "milestone"),
        (10, ""),
    }
    messages = {e.row: e.message for e in refused.value.errors}
    assert "no milestone 'no-such-step'" in messages[3]
    assert "'purple' is not one" in messages[4]
    assert "must say why" in messages[5]
    assert "April to June 2026 is locked" in messages[6]
    assert "in row 2" in messages[7]
    assert "2099-q9" in messages[8]
    assert "header has 5 columns" in messages[10]
    assert "bad.csv: 8 problem(s) found; no update was written." in str(refused.value)
    assert not Update.objects.exists()


def test_a_partner_editor_is_refused_other_partners_rows_by_row(data) -> None:
    with pytest.raises(UpdatesImportError) as refused:
        updates_import(
            place=data.place, source=GOOD.encode(), filename="u.csv", user=data.trust_editor
        )
    [problem] = refused.value.errors
    assert (problem.row, problem.column) == (3, "milestone")
    assert "lead partners" in problem.message
    assert not Update.objects.exists()


def test_file_level_problems(data) -> None:
    cases = {
        b"": "the file is empty",
        b"milestone,colour\nclinic-opens,red\n": "unknown column",
        b"milestone,status\n": "no rows",
        b"\xff\xfe\x00bad": "not UTF-8",
    }
    for source, words in cases.items():
        with pytest.raises(UpdatesImportError, match=words):
            updates_import(place=data.place, source=source, filename="x.csv")
    with pytest.raises(UpdatesImportError, match="not a readable Excel"):
        updates_import(place=data.place, source=b"not a zip", filename="x.xlsx")


def test_xlsx_and_a_dry_run(data) -> None:
    book = Workbook()
    book.active.append(["milestone", "status", "narrative"])
    book.active.append(["clinic-opens", "Complete", "Opened."])
    out = io.BytesIO()
    book.save(out)
    dry = updates_import(place=data.place, source=out.getvalue(), filename="u.xlsx", dry_run=True)
    assert dry.rows == 1 and "would be" in dry.message and not Update.objects.exists()
    updates_import(place=data.place, source=out.getvalue(), filename="u.xlsx")
    assert Update.objects.get().status == "complete"


def test_the_upload_page_lists_problems_and_offers_templates(data) -> None:
    client = Client()
    client.force_login(data.officer)
    base = "/places/riverton/workspace/updates"
    template = client.get(f"{base}/template.csv")
    assert template.status_code == 200
    lines = template.content.decode().splitlines()
    assert lines[0] == "milestone,title,status,narrative,evidence_url,period"
    assert any(line.startswith("clinic-opens,Town centre clinic opens") for line in lines)
    xlsx = client.get(f"{base}/template.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "milestone"
    bad = io.BytesIO(b"milestone,status\nclinic-opens,purple\n")
    bad.name = "bad.csv"
    page = client.post(f"{base}/upload/", {"file": bad})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Problems in the file" in html and "purple" in html
    good = io.BytesIO(GOOD.encode())
    good.name = "good.csv"
    done = client.post(f"{base}/upload/", {"file": good, "publish": "on"})
    assert done.status_code == 200 and "2 update(s) were submitted and published" in (
        done.content.decode()
    )
    editor = Client()
    editor.force_login(data.trust_editor)
    assert editor.get(f"{base}/upload/").status_code == 403


def test_the_cli_imports_and_prints_errors(data, tmp_path) -> None:
    from typer.testing import CliRunner

    from onefuture.cli import app

    bad = tmp_path / "bad.csv"
    bad.write_text("milestone,status\nclinic-opens,purple\n")
    result = CliRunner().invoke(
        app, ["routemaps", "updates-import", str(bad), "--place", "riverton"]
    )
    assert result.exit_code == 1
    assert "row 2, column 'status'" in result.output
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    result = CliRunner().invoke(
        app, ["routemaps", "updates-import", str(good), "--place", "riverton"]
    )
    assert result.exit_code == 0, result.output
    assert "2 update(s) were submitted for approval" in result.output
