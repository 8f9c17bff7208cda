"""The Stockport example's open data: the data package validates with ``frictionless`` (zero
errors), and every CSV holds what the database holds (ADR 0040).

One test on the example as ``make run`` loads it (framework, measures data, commitments,
updates, engagement), reading the package the way a reuser does: downloaded from
``/data/stockport-datapackage.zip``, unzipped, validated, each CSV opened with the ``csv``
module and compared row by row with the database (counts, keys, values) and with the same
table's JSON.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.test import Client
from frictionless import Package, validate

from onefuture.engagement.models import Theme, ThemeStatus
from onefuture.framework.demo import EXAMPLE_DIR, demo_step_list
from onefuture.framework.models import BigThing, Outcome
from onefuture.measures.models import Assessment, DataPoint, Measure
from onefuture.opendata.files import cell_text
from onefuture.opendata.registry import open_table_list
from onefuture.partners.models import Partner
from onefuture.places.models import Place
from onefuture.routemaps.models import AGREED_STATUSES, Commitment, Milestone, Update, UpdateState

pytestmark = pytest.mark.django_db

OGL = "OGL-UK-3.0"


def _example() -> Place:
    for step in demo_step_list():
        if step.name in ("framework", "measures data", "commitments", "routemap updates",
                         "engagement"):  # fmt: skip
            step.run(EXAMPLE_DIR)
    return Place.objects.get(slug="stockport")


def _csv(folder, table) -> list[dict[str, str]]:
    """A CSV as a reuser reads it, after checking it is UTF-8 with a CRLF header row."""
    raw = (folder / f"{table.name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{table.name}.csv starts with a byte-order mark"
    header, _rest = raw.split(b"\r\n", 1)
    assert header.decode("utf-8") == ",".join(table.field_names), f"{table.name}.csv header"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_the_example_package_validates_and_matches_the_database(tmp_path):
    place = _example()
    response = Client().get("/data/stockport-datapackage.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="stockport-datapackage.zip"' in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path)
        names = sorted(archive.namelist())
    tables = open_table_list()
    assert names == sorted(["datapackage.json", *(f"{t.name}.csv" for t in tables)])

    # Frictionless: the descriptor and every row of every CSV against its schema.
    report = validate(tmp_path / "datapackage.json")
    errors = [
        f"{task.name}: {error.type}: {error.message}"
        for task in report.tasks
        for error in task.errors
    ] + [f"package: {error.type}: {error.message}" for error in report.errors]
    assert report.valid, "\n".join(errors[:40])
    assert len(report.tasks) == len(tables)

    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    package = Package(tmp_path / "datapackage.json")
    assert package.name == "stockport-open-data"
    assert descriptor["licenses"][0]["name"] == OGL
    by_name = {r["name"]: r for r in descriptor["resources"]}
    # Every resource: path, a schema naming every column with a type and words, licences and
    # sources; units said in the descriptions (Table Schema has no unit property).
    for table in tables:
        resource = by_name[table.name]
        assert resource["path"] == f"{table.name}.csv"
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == table.field_names
        assert all(f["type"] and f["description"] for f in fields)
        assert resource["licenses"] and all(
            lic.get("name") or lic.get("path") for lic in resource["licenses"]
        )
        assert resource["sources"]
    value = next(f for f in by_name["measure-data"]["schema"]["fields"] if f["name"] == "value")
    assert "Unit: as given in the field unit" in value["description"]
    # The measures keep their sources' licences (the example's are all OGL v3, with the words
    # each source asks for).
    measure_licences = by_name["measures"]["licenses"]
    assert [lic["name"] for lic in measure_licences] == [OGL]  # once, however many name it
    for words in set(Measure.objects.filter(place=place).values_list("attribution", flat=True)):
        assert words in by_name["measures"]["description"], words
    measure_sources = {(m.source, m.source_url) for m in Measure.objects.filter(place=place)}
    sources = by_name["measures"]["sources"]
    assert sources and {(s["title"], s.get("path", "")) for s in sources} <= measure_sources

    # Row counts and values against the database.
    rows = {t.name: _csv(tmp_path, t) for t in tables}
    assert [r["key"] for r in rows["big-things"]] == list(
        BigThing.objects.filter(place=place).order_by("order", "key").values_list("key", flat=True)
    )
    assert len(rows["big-things"]) == 5
    assert len(rows["outcomes"]) == Outcome.objects.filter(place=place).count()
    assert len(rows["partners"]) == Partner.objects.filter(place=place).count()
    assert [r["key"] for r in rows["measures"]] == list(
        Measure.objects.filter(place=place).order_by("order", "key").values_list("key", flat=True)
    )
    points = DataPoint.objects.filter(measure__place=place).select_related("measure", "area")
    assert len(rows["measure-data"]) == points.count() > 100
    in_csv = {
        (r["measure"], r["area_code"], r["period"], r["breakdown"], r["category"]): r
        for r in rows["measure-data"]
    }
    assert len(in_csv) == len(rows["measure-data"]), "a data point appears twice"
    for p in points:
        row = in_csv[(p.measure.key, p.area.code, p.period, p.breakdown, p.category)]
        assert row["value"] == cell_text(p.value)
        assert row["lower"] == cell_text(p.lower) and row["upper"] == cell_text(p.upper)
        if p.value is not None:
            assert float(row["value"]) == p.value  # the text reads back to the same number
    home = {m.pk: m.home_area_id for m in Measure.objects.filter(place=place)}
    assert len(rows["assessments"]) == sum(
        1
        for a in Assessment.objects.filter(measure__place=place)
        if (a.area_id == home[a.measure_id] or home[a.measure_id] is None)
        and (a.breakdown == "none" or a.kind == "inequality")
    )
    assert {r["text"] for r in rows["assessments"]} <= set(
        Assessment.objects.filter(measure__place=place).values_list("text", flat=True)
    )
    assert len(rows["milestones"]) == Milestone.objects.filter(place=place).count()
    published = Update.objects.filter(place=place, state=UpdateState.PUBLISHED)
    assert len(rows["updates"]) == published.count() > 0
    assert {r["narrative"] for r in rows["updates"]} == set(
        published.values_list("narrative", flat=True)
    )
    agreed = Commitment.objects.filter(place=place, status__in=AGREED_STATUSES)
    assert sorted(int(r["id"]) for r in rows["commitments"]) == sorted(
        agreed.values_list("id", flat=True)
    )
    assert Commitment.objects.filter(place=place).exclude(status__in=AGREED_STATUSES).exists()
    confirmed = Theme.objects.filter(place=place, status=ThemeStatus.CONFIRMED)
    assert {r["key"] for r in rows["engagement-themes"]} == set(
        confirmed.values_list("key", flat=True)
    )
    assert len(rows["engagement-responses"]) == 4  # the demo publishes four
    dimensions = {r["dimension"] for r in rows["engagement-coverage"]}
    assert dimensions == {"total", "group", "ward", "age_band"}
    assert any(r["comments_words"].startswith("fewer than") or r["comments"]
               for r in rows["engagement-coverage"])  # fmt: skip

    # Each table's JSON holds the same rows as its CSV, with its licences and fields.
    client = Client()
    for table in tables:
        body = client.get(f"/data/{table.name}.json").json()
        assert body["table"] == table.name and body["licences"] and body["attribution"]
        assert [f["name"] for f in body["fields"]] == table.field_names
        assert len(body["rows"]) == len(rows[table.name]), table.name
        for from_json, from_csv in zip(body["rows"], rows[table.name], strict=True):
            assert {k: cell_text(v) for k, v in from_json.items()} == from_csv, table.name
