"""``onefuture opendata --place P --out DIR``: writes the data package unzipped (datapackage.json
and a CSV per table), each table's JSON and, with --zip, the zip — the same bytes as /data/ —
and a folder that cannot be written is an error naming it, exit 1 without a traceback."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client
from frictionless import validate
from typer.testing import CliRunner

from onefuture.cli import app
from onefuture.opendata.registry import open_table_list
from tests.engagement.public_sample import public_world

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_opendata_writes_the_package_to_a_folder(tmp_path) -> None:
    world = public_world()
    out = tmp_path / "portal"
    result = runner.invoke(
        app, ["opendata", "--place", world.place.slug, "--out", str(out), "--zip"]
    )
    assert result.exit_code == 0, result.output
    tables = open_table_list()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            "datapackage.json",
            "riverton-datapackage.zip",
            *(f"{t.name}.csv" for t in tables),
            *(f"{t.name}.json" for t in tables),
        ]
    )
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:20]
    site = Client()
    for table in tables:
        csv_page = site.get(f"/places/riverton/data/{table.name}.csv")
        assert (out / f"{table.name}.csv").read_bytes() == csv_page.content, table.name
        body = json.loads((out / f"{table.name}.json").read_text())
        assert body == site.get(f"/places/riverton/data/{table.name}.json").json(), table.name
    zipped = site.get("/places/riverton/data/riverton-datapackage.zip").content
    with (
        zipfile.ZipFile(io.BytesIO(zipped)) as from_site,
        zipfile.ZipFile(out / "riverton-datapackage.zip") as from_cli,
    ):
        assert from_cli.namelist() == from_site.namelist()
        for name in from_cli.namelist()[1:]:  # the CSVs (the descriptor's homepage differs)
            assert from_cli.read(name) == from_site.read(name) == (out / name).read_bytes()
    assert f"{out / 'datapackage.json'}\t" in result.output


def test_opendata_names_a_folder_it_cannot_write(tmp_path) -> None:
    public_world()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["opendata", "--out", str(blocker)])
    assert result.exit_code == 1
    assert f"--out {blocker} is a file, not a folder." in result.output
    assert "Traceback" not in result.output
