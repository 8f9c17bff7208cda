"""The section registry: another app's section is checked, loaded in order, dumped, rolled back."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.models import ProtectedError

from onefuture.framework.fileformat import ITEMS, Section, section_register
from onefuture.framework.fileformat import registry as registry_module
from onefuture.framework.fileformat.schema import framework_schema
from onefuture.framework.models import BigThing
from onefuture.framework.services import FrameworkFileError, framework_dump, framework_load
from onefuture.places.models import Place

SMALL = Path(__file__).with_name("files") / "small.yaml"

pytestmark = pytest.mark.django_db

STORE: dict[str, list] = {}


def _declare(ctx, value):
    for i, item in registry_module.as_list(value):
        ctx.declare(ITEMS, item.get("id"), "gadget", ("gadgets", i, "id"))


def _check(ctx, value):
    for i, item in registry_module.as_list(value):
        ctx.require(ITEMS, item.get("big_thing"), ("gadgets", i, "big_thing"), kinds=("big_thing",))


def _load(ctx, value):
    # Proves the order: the big things this section points at are already loaded.
    STORE["loaded"] = [(g["id"], ctx.items[g["big_thing"]].title) for g in value or []]
    if any(g["id"] == "explode" for g in value or []):
        raise ProtectedError("in use", {ctx.items[value[0]["big_thing"]]})


def _dump(place):
    return [{"id": key, "big_thing": "jobs"} for key, _ in STORE.get("loaded", [])]


GADGETS = Section(
    name="gadgets",
    order=55,
    schema={
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id", "big_thing"],
            "additionalProperties": False,
            "properties": {"id": {"$ref": "#/$defs/id"}, "big_thing": {"$ref": "#/$defs/id"}},
        },
    },
    declare=_declare,
    check=_check,
    load=_load,
    dump=_dump,
)


@pytest.fixture
def gadgets(monkeypatch):
    monkeypatch.setattr(registry_module, "_SECTIONS", dict(registry_module._SECTIONS))
    STORE.clear()
    section_register(GADGETS)
    return GADGETS


def with_gadgets(text: str) -> str:
    return SMALL.read_text() + text


def test_a_registered_section_is_in_the_schema_loaded_after_what_it_needs_and_dumped(gadgets):
    assert "gadgets" in framework_schema()["properties"]
    report = framework_load(text=with_gadgets("gadgets:\n  - {id: g1, big_thing: jobs}\n"))
    assert STORE["loaded"] == [("g1", "Jobs")]
    text = framework_dump(place=report.place)
    # written between big things (50) and cross-cutting ambitions (60)
    assert text.index("big_things:") < text.index("gadgets:") < text.index("cross_cutting")


def test_a_registered_section_is_checked_like_the_core_ones(gadgets):
    bad = "gadgets:\n  - {id: jobs, big_thing: fair, colour: red}\n"
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(text=with_gadgets(bad))
    assert [str(e) for e in caught.value.errors] == [
        "gadgets[0]: unknown field 'colour' (allowed: big_thing, id)",
        "gadgets[0].id: id 'jobs' is used twice (first at big_things[0].id); "
        "each id must be unique in the file",
        "gadgets[0].big_thing: 'fair' is a cross-cutting ambition, but a big thing is needed",
    ]


def test_a_failure_while_writing_rolls_back_every_section(gadgets):
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(text=with_gadgets("gadgets:\n  - {id: explode, big_thing: jobs}\n"))
    assert "removes items that other records still use (Jobs)" in caught.value.errors[0].message
    assert not Place.objects.exists()
    assert not BigThing.objects.exists()


def test_a_section_name_cannot_be_registered_twice(gadgets):
    with pytest.raises(ValueError, match="already registered"):
        section_register(Section("gadgets", 1, {}, load=_load, dump=_dump))
