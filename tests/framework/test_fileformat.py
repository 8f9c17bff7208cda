"""The framework file: round trip, replacement by id, and every class of error, all or nothing."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onefuture.core.errors import ErrorDetail
from onefuture.framework.fileformat.yamltext import yaml_render
from onefuture.framework.models import (
    AmbitionApplication,
    BigThing,
    CrossCuttingAmbition,
    Link,
    Outcome,
    Pillar,
    Priority,
    Vision,
)
from onefuture.framework.services import FrameworkFileError, framework_dump, framework_load
from onefuture.partners.models import Partner
from onefuture.places.models import Area, ComparatorGroup, Place

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "stockport" / "framework.yaml"
SMALL = Path(__file__).with_name("files") / "small.yaml"

pytestmark = pytest.mark.django_db

MODELS = (
    Place,
    Area,
    ComparatorGroup,
    Vision,
    BigThing,
    Outcome,
    CrossCuttingAmbition,
    AmbitionApplication,
    Pillar,
    Priority,
    Partner,
    Link,
)


def snapshot() -> dict[str, list]:
    """Every row of every framework table, to prove a rejected file changed nothing."""
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in MODELS}


def small() -> dict:
    return yaml.safe_load(SMALL.read_text())


def load_data(data: dict):
    return framework_load(text=yaml_render(data))


# --- round trip ------------------------------------------------------------------------------


def test_the_example_loads_and_dumps_back_to_the_same_text():
    text = EXAMPLE.read_text(encoding="utf-8")
    report = framework_load(path=EXAMPLE)
    assert report.place.slug == "stockport"
    assert framework_dump(place=report.place) == text


def test_the_example_has_the_seeds_big_things_and_ambitions_in_order():
    place = framework_load(path=EXAMPLE).place
    assert list(BigThing.objects.filter(place=place).values_list("title", flat=True)) == [
        "Good jobs and homes",
        "The best place to grow up",
        "Best health and care",
        "Thriving neighbourhoods",
        "Clean, green transport",
    ]
    assert list(
        CrossCuttingAmbition.objects.filter(place=place).values_list("title", flat=True)
    ) == [
        "Fairness and inclusion",
        "Environmental sustainability",
        "Economic resilience",
    ]
    assert Area.objects.filter(place=place, type="ward", parent__code="E08000007").count() == 21
    assert Priority.objects.filter(place=place).count() == 9
    # what the source flags as illustrative stays flagged
    assert not Outcome.objects.filter(place=place, illustrative=False).exists()
    assert not BigThing.objects.filter(place=place, summary_illustrative=False).exists()


def test_reloading_the_same_file_changes_nothing_not_even_history():
    framework_load(path=EXAMPLE)
    history_before = BigThing.history.count() + Area.history.count() + Link.history.count()
    rows_before = snapshot()
    report = framework_load(path=EXAMPLE)
    assert not report.changed, report.lines()
    assert snapshot() == rows_before
    assert BigThing.history.count() + Area.history.count() + Link.history.count() == history_before


def test_dump_load_dump_is_stable_for_awkward_text():
    data = small()
    data["big_things"][0]["summary"] = (
        "Quotes ' and \", a colon: here, # not a comment\n\nTwo paras."
    )
    data["big_things"][1]["title"] = "Ünïcode — and a trailing space "
    data["place"]["terminology"] = {
        "outcome": {"plural": "results", "singular": "result"},
        "big_thing": {"singular": "mission", "plural": "missions"},
    }
    place = load_data(data).place
    first = framework_dump(place=place)
    framework_load(text=first)
    assert framework_dump(place=place) == first
    assert BigThing.objects.get(place=place, key="homes").title == "Ünïcode — and a trailing space "
    assert place.terms["big_thing"]["plural"] == "missions"
    assert (
        "  terminology:\n    big_thing:\n      singular: mission\n      plural: missions\n"
        "    outcome:\n      singular: result\n" in first
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
    ),
    strength=st.integers(min_value=-3, max_value=3),
)
def test_any_title_and_strength_survive_the_round_trip(title, strength):
    data = small()
    data["big_things"][0]["title"] = title
    data["links"][0]["strength"] = strength
    place = load_data(data).place
    text = framework_dump(place=place)
    framework_load(text=text)
    assert framework_dump(place=place) == text
    assert BigThing.objects.get(place=place, key="jobs").title == title
    assert Link.objects.get(place=place, order=1).strength == strength


# --- replacement by id -----------------------------------------------------------------------


def test_items_are_matched_by_id_and_items_no_longer_in_the_file_are_deleted():
    place = load_data(small()).place
    jobs_pk = BigThing.objects.get(place=place, key="jobs").pk
    data = small()
    data["big_things"] = [b for b in data["big_things"] if b["id"] != "homes"]
    data["big_things"][0]["title"] = "Good jobs"
    data["predecessor"]["pillars"][0]["priorities"][0]["big_things"] = ["jobs"]
    data["links"] = [link for link in data["links"] if link["to"] != "homes"]
    data["links"][0]["strength"] = -2
    data["areas"] = [a for a in data["areas"] if a["code"] != "E05000001"]
    report = load_data(data)

    jobs = BigThing.objects.get(place=place, key="jobs")
    assert jobs.pk == jobs_pk and jobs.title == "Good jobs"
    assert not BigThing.objects.filter(place=place, key="homes").exists()
    assert not Area.objects.filter(place=place, code="E05000001").exists()
    (link,) = Link.objects.filter(place=place)  # the file dropped jobs → homes
    assert (link.from_item.key, link.strength) == ("council", -2)
    assert report.counts[("big things", "deleted")] == 1
    assert report.counts[("big things", "updated")] == 1


def test_leaving_a_section_out_deletes_what_it_held():
    place = load_data(small()).place
    data = small()
    del data["predecessor"], data["vision"], data["comparator_groups"]
    load_data(data)
    assert not Pillar.objects.filter(place=place).exists()
    assert not Vision.objects.filter(place=place).exists()
    assert not ComparatorGroup.objects.filter(place=place).exists()


def test_an_outcome_can_move_to_another_big_thing_keeping_its_identity():
    place = load_data(small()).place
    outcome_pk = Outcome.objects.get(place=place, key="jobs-1").pk
    data = small()
    data["big_things"][1]["outcomes"] = data["big_things"][0].pop("outcomes")
    load_data(data)
    outcome = Outcome.objects.get(place=place, key="jobs-1")
    assert (outcome.pk, outcome.big_thing.key) == (outcome_pk, "homes")


def test_loading_one_place_never_touches_another():
    framework_load(path=EXAMPLE)
    stockport_rows = {
        m.__name__: list(m.objects.filter(place__slug="stockport").order_by("pk").values())
        for m in (Area, BigThing, Outcome, Partner, Link)
    }
    # another place whose file uses one of Stockport's ids
    framework_load(text=SMALL.read_text().replace("jobs", "good-jobs-and-homes"))
    assert BigThing.objects.filter(key="good-jobs-and-homes").count() == 2
    load_data({"place": {"slug": "testville", "name": "Testville"}})  # and then empty it
    for model in (Area, BigThing, Outcome, Partner, Link):
        rows = list(model.objects.filter(place__slug="stockport").order_by("pk").values())
        assert rows == stockport_rows[model.__name__]
    assert not BigThing.objects.filter(place__slug="testville").exists()


# --- errors: every class, every error listed, nothing written --------------------------------


def _mutate(path: str, value):
    def apply(data):
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if value is DELETE:
            del node[int(last) if last.isdigit() else last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return apply


DELETE = object()

ERROR_CASES = [
    ("links.0.strength", 5, "links[0].strength: must be between -3 and 3, not 5"),
    ("links.1.strength", "2", 'links[1].strength: must be a whole number, not "2"'),
    (
        "links.0.type",
        "helps",
        "links[0].type: must be one of: supports, depends_on, conflicts_with",
    ),
    ("links.0.to", "ghost", "links[0].to: refers to unknown id 'ghost'"),
    ("links.0.to", "jobs", "links[0].to: a link cannot join 'jobs' to itself"),
    (
        "big_things.1.id",
        "jobs",
        "big_things[1].id: id 'jobs' is used twice (first at big_things[0].id)",
    ),
    ("partners.0.id", "jobs-1", "outcomes[0].id: id 'jobs-1' is used twice (first at partners[0]"),
    ("big_things.0.id", "Jobs Here", 'big_things[0].id: "Jobs Here" is not a valid id'),
    ("big_things.0.title", DELETE, "big_things[0]: missing required field 'title'"),
    ("big_things.0.titel", "x", "big_things[0]: unknown field 'titel'"),
    ("place.slug", DELETE, "place: missing required field 'slug'"),
    ("vision.horizon_year", 2000, "vision.horizon_year: must not be before start_year"),
    ("vision.start_year", 1066, "vision.start_year: must be between 1900 and 2200, not 1066"),
    ("areas.0.parent", "E99999999", "areas[0].parent: refers to unknown area code 'E99999999'"),
    ("areas.2.parent", "E05000001", "areas[2].parent: area 'E05000001' cannot be its own parent"),
    ("areas.1.parent", "E05000001", "areas[1].parent: the parent of a country must be a broader"),
    ("areas.2.type", "planet", "areas[2].type: must be one of: country, region"),
    ("areas.2.deprivation_decile", 11, "areas[2].deprivation_decile: must be between 1 and 10"),
    ("comparator_groups.0.areas", ["E0"], "comparator_groups[0].areas[0]: refers to unknown area"),
    (
        "cross_cutting_ambitions.0.applies_to.0.big_thing",
        "fair",
        "applies_to[0].big_thing: 'fair' is a cross-cutting ambition, but a big thing is needed",
    ),
    (
        "predecessor.pillars.0.priorities.0.big_things",
        ["jobs", "nowhere"],
        "predecessor.pillars[0].priorities[0].big_things[1]: refers to unknown id 'nowhere'",
    ),
    ("partners.0.type", "bank", "partners[0].type: must be one of: council, nhs"),
    ("partners.0.url", "testville.example", "partners[0].url:"),
    ("surprise", [], "(top level): unknown field 'surprise'"),
    ("version", 2, "version: must be 1, not 2"),
]


@pytest.mark.parametrize(("path", "value", "message"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_each_kind_of_error_is_named_by_path_and_nothing_is_written(path, value, message):
    load_data(small())
    before = snapshot()
    data = small()
    data["big_things"][0]["title"] = "A change that must not land"
    _mutate(path, value)(data)
    with pytest.raises(FrameworkFileError) as caught:
        load_data(data)
    assert any(message in str(e) for e in caught.value.errors), caught.value.errors
    assert snapshot() == before


def test_every_error_is_listed_not_just_the_first():
    data = small()
    data["links"][0]["strength"] = 9
    data["links"][1]["to"] = "ghost"
    data["big_things"][1]["id"] = "jobs"
    data["areas"][0]["parent"] = "E0"
    with pytest.raises(FrameworkFileError) as caught:
        load_data(data)
    assert [str(e) for e in caught.value.errors] == [
        "big_things[1].id: id 'jobs' is used twice (first at big_things[0].id); "
        "each id must be unique in the file",
        "areas[0].parent: refers to unknown area code 'E0'",
        "predecessor.pillars[0].priorities[0].big_things[1]: refers to unknown id 'homes'",
        "links[0].to: refers to unknown id 'homes'",
        "links[0].strength: must be between -3 and 3, not 9",
        "links[1].to: refers to unknown id 'ghost'",
    ]
    assert caught.value.errors[4] == ErrorDetail(
        field="links[0].strength", message="must be between -3 and 3, not 9"
    )
    assert not Place.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("place:\n  slug: a\n name: [b\n", "YAML syntax: line 3, column 2:"),
        ("place:\n  slug: a\n  name: b\n  slug: c\n", "the key 'slug' appears twice"),
        ("", "the file is empty"),
        ("- a\n- b\n", "(top level): must be a mapping of fields"),
    ],
)
def test_text_that_is_not_a_framework_is_rejected_with_its_line(text, message):
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(text=text)
    assert any(message in str(e) for e in caught.value.errors), caught.value.errors
    assert not Place.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=tmp_path / "nope.yaml")
    assert [str(e) for e in caught.value.errors] == [f"file not found: {tmp_path / 'nope.yaml'}"]


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("place: {slug: a, name: Caf\xe9}\n".encode("latin-1"))
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=bad)
    assert "is not UTF-8 text" in caught.value.errors[0].message


def test_the_error_message_counts_errors_and_says_nothing_changed():
    data = copy.deepcopy(small())
    data["links"][0]["strength"] = -4
    with pytest.raises(FrameworkFileError) as caught:
        load_data(data)
    assert str(caught.value).startswith("1 error, nothing was changed:\n")


def test_messages_for_rules_other_sections_may_use_are_plain_english():
    from jsonschema import Draft202012Validator

    from onefuture.framework.fileformat.schema import _message

    schema = {
        "type": "object",
        "properties": {
            "multiplier": {"type": "number", "exclusiveMinimum": 0},
            "share": {"type": "number", "exclusiveMaximum": 1},
            "few": {"type": "array", "maxItems": 1},
        },
    }
    errors = Draft202012Validator(schema).iter_errors({"multiplier": 0, "share": 1, "few": [1, 2]})
    messages = sorted(_message(e)[1] for e in errors)
    assert messages == [
        "must be less than 1, not 1",
        "must be more than 0, not 0",
        "must list at most 1 item(s)",
    ]


def test_history_says_which_file_made_each_change(tmp_path):
    path = tmp_path / "testville.yaml"
    path.write_text(SMALL.read_text())
    framework_load(path=path)
    path.write_text(SMALL.read_text().replace("title: Homes", "title: Warm homes"))
    framework_load(path=path)
    homes = BigThing.objects.get(key="homes")
    latest = homes.history.first()
    assert (latest.title, latest.history_type) == ("Warm homes", "~")
    assert latest.history_change_reason == f"loaded from {path}"


def test_areas_get_their_parents_whatever_the_order_and_their_history_a_reason():
    place = framework_load(path=SMALL).place  # the local authority comes before England
    parents = dict(Area.objects.filter(place=place).values_list("code", "parent__code"))
    assert parents == {"E92000001": None, "E08000099": "E92000001", "E05000001": "E08000099"}
    created = Area.history.filter(code="E05000001").get()
    assert (created.history_type, created.history_change_reason) == ("+", f"loaded from {SMALL}")


def test_many_areas_are_created_and_deleted_in_chunks_with_their_history():
    rows = "".join(
        f"  - {{code: W{i:05d}, name: Ward {i}, type: ward, parent: E92000001}}\n"
        for i in range(1200)
    )
    head = (
        "place: {slug: big, name: Big}\n"
        "areas:\n  - {code: E92000001, name: England, type: country}\n"
    )
    framework_load(text=head + rows)
    assert Area.objects.filter(place__slug="big", parent__code="E92000001").count() == 1200
    report = framework_load(text=head)
    assert report.counts[("areas", "deleted")] == 1200
    assert list(Area.objects.filter(place__slug="big").values_list("code", flat=True)) == [
        "E92000001"
    ]
    deleted = Area.history.filter(history_type="-")
    assert deleted.count() == 1200
    assert set(deleted.values_list("history_change_reason", flat=True)) == {
        "loaded from a framework file"
    }
