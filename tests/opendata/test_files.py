"""The open data files' format (ADR 0040): CSV per RFC 4180 with Table Schema's value forms,
JSON with the same values, the registry's checks, and licences named by their words."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from onefuture.opendata.files import cell_text, table_csv, table_json
from onefuture.opendata.registry import (
    OpenField,
    OpenTable,
    open_table_get,
    open_table_list,
    open_table_register,
)
from onefuture.opendata.selectors import licence_from_words, place_licence
from onefuture.places.models import Place

ROWS = [
    {
        "key": "a",
        "text": 'Says "hello", then\nleaves',
        "count": 3,
        "share": 0.1,
        "on": dt.date(2026, 3, 1),
        "at": dt.datetime(2026, 3, 1, 13, 5, 9, 123, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        "flag": True,
    },
    {"key": "b", "text": "", "count": None, "share": None, "on": None, "at": None, "flag": False},
]
FIELDS = (
    OpenField("key", "string", "Id.", required=True),
    OpenField("text", "string", "Words."),
    OpenField("count", "integer", "A count.", unit="people"),
    OpenField("share", "number", "A share.", unit_from="unit"),
    OpenField("on", "date", "A day."),
    OpenField("at", "datetime", "A time."),
    OpenField("flag", "boolean", "Yes or no."),
)
TABLE = OpenTable(
    name="sample", title="Sample", description="A sample.", fields=FIELDS, rows=lambda p: ROWS
)


class _Place:
    slug = "riverton"
    name = "Riverton"


def test_csv_is_rfc_4180_with_table_schema_values():
    text = table_csv(TABLE, _Place())
    assert text == (
        "key,text,count,share,on,at,flag\r\n"
        'a,"Says ""hello"", then\nleaves",3,0.1,2026-03-01,2026-03-01T12:05:09Z,true\r\n'
        "b,,,,,,false\r\n"
    )
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["text"] == ROWS[0]["text"]  # the quoted comma, quotes and newline read back
    assert cell_text(1e-7) == "1e-07" and float(cell_text(2 / 3)) == 2 / 3


@pytest.mark.django_db
def test_json_has_the_same_values_with_licence_and_fields():
    place = Place.objects.create(slug="riverton", name="Riverton")
    body = table_json(TABLE, place)
    assert body["table"] == "sample" and body["place"] == {"slug": "riverton", "name": "Riverton"}
    assert body["licences"] == [
        {
            "name": "OGL-UK-3.0",
            "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "title": "Open Government Licence v3.0",
        }
    ]
    assert body["attribution"] == (
        "Contains information from Riverton licensed under the Open Government Licence v3.0."
    )
    assert body["sources"] == [{"title": "Riverton"}]
    assert body["rows"][0]["at"] == "2026-03-01T12:05:09Z" and body["rows"][0]["count"] == 3
    assert body["rows"][1] == {k: (False if k == "flag" else None if k != "key" else "b")
                               for k in body["rows"][1]} | {"text": ""}  # fmt: skip
    described = {f["name"]: f["description"] for f in body["fields"]}
    assert described["count"] == "A count. Unit: people."
    assert described["share"] == "A share. Unit: as given in the field unit."
    assert body["fields"][0]["constraints"] == {"required": True}


@pytest.mark.django_db
def test_a_place_may_set_its_own_licence():
    from onefuture.opendata.models import OpenDataLicence

    place = Place.objects.create(slug="riverton", name="Riverton")
    OpenDataLicence.objects.create(
        place=place, title="CC BY 4.0", name="CC-BY-4.0", path="https://example.org/by",
        attribution="© Riverton Borough Council", publisher="Riverton Borough Council",
    )  # fmt: skip
    own = place_licence(place=place)
    assert own.publisher == "Riverton Borough Council"
    assert (
        own.licence.name == "CC-BY-4.0" and own.licence.attribution == "© Riverton Borough Council"
    )


def test_licences_are_named_from_their_words():
    ogl = licence_from_words("Open Government Licence v3.0", attribution="Source: ONS")
    assert (ogl.name, ogl.attribution) == ("OGL-UK-3.0", "Source: ONS")
    assert licence_from_words("CC BY 4.0").name == "CC-BY-4.0"
    assert licence_from_words("ODbL").name == "ODbL-1.0"
    other = licence_from_words("Fingertips terms of use")
    assert (other.title, other.name, other.path) == (
        "Fingertips terms of use",
        "fingertips-terms-of-use",
        "",
    )
    assert licence_from_words("  ") is None


def test_the_registry_refuses_what_would_make_a_bad_table():
    with pytest.raises(ValueError, match="type 'text'"):
        OpenField("x", "text", "Bad type.")
    with pytest.raises(ValueError, match="names a field twice"):
        OpenTable("t", "T", "", (FIELDS[0], FIELDS[0]), rows=lambda p: [])
    with pytest.raises(ValueError, match="primary key"):
        OpenTable("t", "T", "", FIELDS, rows=lambda p: [], primary_key=("nope",))
    existing = open_table_list()[0]
    with pytest.raises(ValueError, match="already registered"):
        open_table_register(OpenTable(existing.name, "Other", "", FIELDS, rows=lambda p: []))
    assert open_table_get(existing.name) is existing
    with pytest.raises(ValueError, match="a row has no"):
        table_csv(OpenTable("t", "T", "", FIELDS, rows=lambda p: [{"key": "only"}]), _Place())


def test_every_domain_table_is_registered_and_names_no_person():
    names = [t.name for t in open_table_list()]
    assert names == [
        "big-things", "outcomes", "ambitions", "partners", "measures", "measure-data",
        "assessments", "milestones", "updates", "commitments", "engagement-themes",
        "engagement-responses", "engagement-coverage",
    ]  # fmt: skip
    personal = {"email", "username", "first_name", "last_name", "author", "created_by",
                "submitted_by", "reviewed_by", "respondent", "lead_officer"}  # fmt: skip
    for table in open_table_list():
        assert not personal & set(table.field_names), table.name
        assert all(f.description for f in table.fields), table.name
