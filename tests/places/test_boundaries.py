"""Boundaries as data: loaded from the framework file or the CLI, all or nothing, read for maps.

Every bad file is refused with the feature and property named, and nothing is written; the
framework file's dump names the boundaries file so dump → load → dump is the same text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onefuture.cli import app
from onefuture.framework.services import FrameworkFileError, framework_dump, framework_load
from onefuture.places.models import Boundary, BoundarySet, Place
from onefuture.places.selectors import area_boundaries
from onefuture.places.services import BoundaryFileError, boundary_set_load

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
STOCKPORT = ROOT / "examples" / "stockport"
WARDS = ("E05000001", "E05000002", "E05000003")
ATTRIBUTION = "Contains OS data © Crown copyright and database right 2024"
runner = CliRunner()

FRAMEWORK = """\
version: 1
place:
  slug: testville
  name: Testville
areas:
  - {code: E08000099, name: Testville, type: local_authority}
  - {code: E05000001, name: North, type: ward, parent: E08000099}
  - {code: E05000002, name: South, type: ward, parent: E08000099}
  - {code: E05000003, name: East, type: ward, parent: E08000099}
"""
BOUNDARIES = """\
boundaries:
  - file: geo/wards.geojson
    area_type: ward
    code_property: WD24CD
    name: Wards (December 2024)
    source: Office for National Statistics
    licence: Open Government Licence v3.0
    attribution: Contains OS data © Crown copyright and database right 2024
"""


def squares(codes=WARDS, prop: str = "WD24CD") -> dict:
    features = []
    for code in codes:
        x = -2.0 + int(code[-1]) * 0.01  # each area's shape is its own, wherever it is listed
        ring = [[x, 53.0], [x + 0.01, 53.0], [x + 0.01, 53.01], [x, 53.01], [x, 53.0]]
        features.append(
            {
                "type": "Feature",
                "properties": {prop: code, "WD24NM": f"Ward {code}"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A framework file with its ward boundaries beside it, in geo/."""
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "wards.geojson").write_text(json.dumps(squares()))
    (tmp_path / "framework.yaml").write_text(FRAMEWORK + BOUNDARIES)
    return tmp_path


def stored() -> dict:
    return {
        "sets": list(BoundarySet.objects.order_by("pk").values()),
        "shapes": list(Boundary.objects.order_by("pk").values()),
    }


# --- from the framework file -------------------------------------------------------------


def test_the_framework_file_loads_boundaries_and_the_selector_reads_them_for_a_map(folder):
    report = framework_load(path=folder / "framework.yaml")
    assert "boundaries: 3 created" in report.lines()
    assert "boundary sets: 1 created" in report.lines()
    found = area_boundaries(place=report.place, area_type="ward")
    assert found is not None
    assert found.attribution == ATTRIBUTION
    assert found.licence == "Open Government Licence v3.0"
    assert found.codes == set(WARDS)
    # The map's features carry the area's own code and name, whatever the file called them.
    assert found.collection["features"][0]["properties"] == {"code": "E05000001", "name": "North"}
    assert found.collection["features"][0]["geometry"] == squares()["features"][0]["geometry"]
    assert found.note == (
        "Ward boundaries: Wards (December 2024); Office for National Statistics; "
        "Open Government Licence v3.0."
    )
    assert area_boundaries(place=report.place, area_type="small_area") is None


def test_dump_names_the_file_and_round_trips_and_a_reload_changes_nothing(folder):
    path = folder / "framework.yaml"
    place = framework_load(path=path).place
    text = framework_dump(place=place)
    assert BOUNDARIES in text
    path.write_text(text)
    assert not framework_load(path=path).changed
    assert framework_dump(place=place) == text


def test_the_stockport_example_stores_its_21_real_wards_with_the_ons_attribution():
    from onefuture.charts import Bar, chart_svg, ward_map

    place = framework_load(path=STOCKPORT / "framework.yaml").place
    found = area_boundaries(place=place, area_type="ward")
    assert found is not None and len(found.collection["features"]) == 21
    assert found.attribution == (
        "Contains National Statistics and OS data © Crown copyright and database right 2023"
    )
    wards = [
        Bar(f["properties"]["name"], 50.0 + i, code=f["properties"]["code"])
        for i, f in enumerate(found.collection["features"])
    ]
    chart = ward_map(
        title="t", unit="%", boundaries=found.collection, wards=wards, code_property="code"
    )
    svg = chart_svg(chart.spec)
    # Each ward drawn twice: the grey outline underneath and the coloured shape on top.
    assert svg.count('<path transform="translate(0,0)" d="M') >= 42


def test_changing_one_shape_updates_one_row_and_the_sets_history_records_it(folder):
    path = folder / "framework.yaml"
    place = framework_load(path=path).place
    first = BoundarySet.objects.get(place=place).digest
    geo = squares()
    geo["features"][1]["geometry"]["coordinates"][0][0] = [-1.985, 53.0]
    geo["features"][1]["geometry"]["coordinates"][0][-1] = [-1.985, 53.0]
    (folder / "geo" / "wards.geojson").write_text(json.dumps(geo))
    report = framework_load(path=path)
    assert "boundaries: 1 updated" in report.lines()
    boundary_set = BoundarySet.objects.get(place=place)
    assert boundary_set.digest != first
    assert boundary_set.history.count() == 2
    assert boundary_set.history.first().history_change_reason == f"loaded from {path}"


def test_leaving_the_section_out_deletes_the_places_boundaries_and_the_map(folder):
    path = folder / "framework.yaml"
    place = framework_load(path=path).place
    path.write_text(FRAMEWORK)
    assert "boundary sets: 1 deleted" in framework_load(path=path).lines()
    assert area_boundaries(place=place, area_type="ward") is None
    assert not Boundary.objects.exists()


@pytest.mark.parametrize(
    ("geojson", "expected"),
    [
        ("not json at all", "geo/wards.geojson is not GeoJSON: line 1, column 1"),
        (json.dumps([1, 2]), "type: must be a GeoJSON FeatureCollection, but its top level is a"),
        (
            json.dumps(squares(("E05000001", "E05999999"))),
            "features[1].properties.WD24CD: 'E05999999' is not an area of this place",
        ),
        (
            json.dumps(squares(("E05000001", "E08000099"))),
            "features[1].properties.WD24CD: 'E08000099' is a local authority of this place, "
            "not a ward",
        ),
        (json.dumps(squares(prop="wd24cd")), "features[0].properties.WD24CD: missing"),
        (
            json.dumps(squares(("E05000001", "E05000001"))),
            "features[1].properties.WD24CD: 'E05000001' is also the code of features[0]",
        ),
    ],
)
def test_a_bad_boundaries_file_refuses_the_whole_framework_naming_the_feature(
    folder, geojson, expected
):
    (folder / "geo" / "wards.geojson").write_text(geojson)
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=folder / "framework.yaml")
    lines = [str(e) for e in caught.value.errors]
    assert any(expected in line for line in lines), lines
    assert all(line.startswith("boundaries[0].file: ") for line in lines)
    assert not Place.objects.exists()  # nothing written, not even the place


def test_a_projected_file_is_refused_with_how_to_fix_it(folder):
    geo = squares()
    geo["features"][2]["geometry"]["coordinates"] = [[[383000, 398000], [383100, 398000]]]
    (folder / "geo" / "wards.geojson").write_text(json.dumps(geo))
    with pytest.raises(FrameworkFileError, match=r"features\[2\]\.geometry: .*WGS84"):
        framework_load(path=folder / "framework.yaml")


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("geo/missing.geojson", "file not found"),
        ("../outside.geojson", "must be a path inside the framework file's folder"),
        ("/etc/hostname", "must be a path inside the framework file's folder"),
    ],
)
def test_a_file_that_is_missing_or_outside_the_folder_is_named(folder, file, expected):
    (folder / "framework.yaml").write_text(
        FRAMEWORK + BOUNDARIES.replace("geo/wards.geojson", file)
    )
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=folder / "framework.yaml")
    line = str(caught.value.errors[0])
    assert line.startswith("boundaries[0].file: ") and expected in line


def test_a_framework_given_as_text_cannot_name_a_boundaries_file():
    with pytest.raises(FrameworkFileError, match="given as text"):
        framework_load(text=FRAMEWORK + BOUNDARIES)


def test_two_files_for_one_type_of_area_are_refused(folder):
    second = BOUNDARIES.replace("boundaries:\n", "")
    (folder / "framework.yaml").write_text(FRAMEWORK + BOUNDARIES + second)
    with pytest.raises(FrameworkFileError, match=r"boundaries\[1\]\.area_type: ward boundaries"):
        framework_load(path=folder / "framework.yaml")


def test_a_refused_reload_leaves_the_stored_boundaries_as_they_were(folder):
    framework_load(path=folder / "framework.yaml")
    before = stored()
    (folder / "geo" / "wards.geojson").write_text(json.dumps(squares(("E05000001", "E0599"))))
    with pytest.raises(FrameworkFileError):
        framework_load(path=folder / "framework.yaml")
    assert stored() == before


# --- from the command line -----------------------------------------------------------------


def _cli(path: Path, *extra: str):
    return runner.invoke(
        app,
        [
            "data",
            "boundaries",
            str(path),
            "--place",
            "testville",
            "--area-type",
            "ward",
            "--code-property",
            "WD24CD",
            "--attribution",
            ATTRIBUTION,
            *extra,
        ],
    )


@pytest.fixture
def testville(tmp_path: Path) -> Place:
    (tmp_path / "framework.yaml").write_text(FRAMEWORK)
    return framework_load(path=tmp_path / "framework.yaml").place


def test_the_cli_loads_then_replaces_a_places_boundaries(testville, tmp_path):
    path = tmp_path / "wards.geojson"
    path.write_text(json.dumps(squares(WARDS[:2])))
    result = _cli(path, "--licence", "Open Government Licence v3.0")
    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated, 0 deleted" in result.output
    # An area without a shape is allowed, and said.
    assert (
        "1 ward(s) of Testville have no boundary" in result.output and "E05000003" in result.output
    )
    assert area_boundaries(place=testville, area_type="ward").codes == set(WARDS[:2])
    path.write_text(json.dumps(squares(WARDS[1:])))
    result = _cli(path, "--licence", "Open Government Licence v3.0")
    assert result.exit_code == 0, result.output
    assert "1 created, 0 updated, 1 deleted" in result.output
    assert area_boundaries(place=testville, area_type="ward").codes == set(WARDS[1:])
    assert "nothing changed" in _cli(path, "--licence", "Open Government Licence v3.0").output
    result = _cli(path, "--licence", "OGL v3.0")
    assert "0 created, 0 updated, 0 deleted; changed: licence." in result.output
    assert area_boundaries(place=testville, area_type="ward").licence == "OGL v3.0"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "is not GeoJSON: line 1, column 2"),
        (json.dumps(squares(prop="CODE")), "features[0].properties.WD24CD: missing"),
        (
            json.dumps(squares(("E05000001", "E05999999"))),
            "features[1].properties.WD24CD: 'E05999999' is not an area of Testville",
        ),
    ],
)
def test_the_cli_refuses_a_bad_file_naming_the_feature_and_writes_nothing(
    testville, tmp_path, content, expected
):
    path = tmp_path / "wards.geojson"
    path.write_text(json.dumps(squares()))
    assert _cli(path).exit_code == 0
    before = stored()
    path.write_text(content)
    result = _cli(path)
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output
    assert stored() == before


def test_the_cli_needs_an_attribution_and_a_known_area_type(testville, tmp_path):
    path = tmp_path / "wards.geojson"
    path.write_text(json.dumps(squares()))
    with pytest.raises(BoundaryFileError, match="need an attribution"):
        boundary_set_load(
            place=testville,
            area_type="ward",
            collection=squares(),
            code_property="WD24CD",
            attribution=" ",
        )
    result = runner.invoke(
        app,
        [
            "data",
            "boundaries",
            str(path),
            "--area-type=parish",
            "--code-property=X",
            "--attribution=x",
        ],
    )
    assert result.exit_code == 1 and "'parish' is not a type of area" in result.output
    assert not BoundarySet.objects.exists()


def test_boundaries_loaded_by_the_cli_are_dumped_and_load_again_from_the_framework_file(
    testville, tmp_path, monkeypatch
):
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "wards.geojson").write_text(json.dumps(squares()))
    monkeypatch.chdir(tmp_path)
    assert _cli(Path("geo/wards.geojson")).exit_code == 0
    text = framework_dump(place=testville)
    assert "  - file: geo/wards.geojson\n    area_type: ward\n    code_property: WD24CD\n" in text
    (tmp_path / "framework.yaml").write_text(text)
    assert not framework_load(path=tmp_path / "framework.yaml").changed


def test_the_admin_shows_a_places_boundaries_and_their_attribution_but_does_not_edit_them(
    folder, client, django_user_model
):
    framework_load(path=folder / "framework.yaml")
    admin = django_user_model.objects.create_superuser("root", password="not-a-real-password-9")
    client.force_login(admin)
    listing = client.get("/admin/places/boundaryset/").content.decode()
    assert "Wards (December 2024)" in listing
    boundary_set = BoundarySet.objects.get()
    detail = client.get(f"/admin/places/boundaryset/{boundary_set.pk}/change/").content.decode()
    assert ATTRIBUTION in detail and "geo/wards.geojson" in detail
    assert client.get("/admin/places/boundaryset/add/").status_code == 403
    assert client.post(f"/admin/places/boundaryset/{boundary_set.pk}/delete/").status_code == 403
    assert BoundarySet.objects.count() == 1
