"""The plan's framework file sections: load, errors by path, cycles named, round trip, all or
nothing, deletion of what the file drops, and the Stockport example."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml

from onefuture.framework.fileformat.yamltext import yaml_render
from onefuture.framework.services import FrameworkFileError, framework_dump, framework_load
from onefuture.routemaps.models import DeliveryPlan, Horizon, Milestone, Routemap, Update
from onefuture.routemaps.selectors.plan import routemap_list

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "stockport" / "framework.yaml"
SMALL = ROOT / "tests" / "framework" / "files" / "small.yaml"

pytestmark = pytest.mark.django_db

PLAN = {
    "horizons": [
        {"id": "soon", "title": "2024 to 2027", "start_year": 2024, "end_year": 2027},
        {"id": "later", "title": "2028 to 2040", "start_year": 2028, "end_year": 2040},
    ],
    "routemaps": [
        {
            "big_thing": "jobs",
            "summary": "How Testville gets jobs.",
            "milestones": [
                {
                    "id": "a",
                    "title": "Step A",
                    "start": "2024-01-01",
                    "due": "2025-03-31",
                    "status": "complete",
                    "lead_partners": ["council"],
                    "ambitions": ["fair"],
                    "source": "Cabinet, 2024",
                    "source_url": "https://testville.example/cabinet",
                },
                {"id": "b", "title": "Step B", "due": "2027-06-30", "depends_on": ["a"]},
                {
                    "id": "c",
                    "title": "Step C",
                    "due": "2031-12-31",
                    "depends_on": ["b"],
                    "weight": 2.5,
                    "status": "at_risk",
                    "lead_officer": "Director of Place",
                    "illustrative": True,
                },
            ],
        },
        {
            "big_thing": "homes",
            "id": "homes-plan",
            "title": "Homes routemap",
            "illustrative": True,
            "milestones": [
                {"id": "d", "title": "Step D", "due": "2029-01-31", "depends_on": ["b"]}
            ],
        },
    ],
    "delivery_plans": [
        {
            "id": "jobs-strategy",
            "title": "Jobs strategy 2024 to 2029",
            "start_year": 2024,
            "end_year": 2029,
            "lead_partner": "council",
            "big_things": ["jobs"],
            "milestones": ["a", "b"],
            "url": "https://testville.example/jobs",
        }
    ],
}


def plan_data() -> dict:
    data = yaml.safe_load(SMALL.read_text())
    data.update(copy.deepcopy(PLAN))
    return data


def load(data: dict):
    return framework_load(text=yaml_render(data))


def errors_of(data: dict) -> list[str]:
    with pytest.raises(FrameworkFileError) as caught:
        load(data)
    return [str(e) for e in caught.value.errors]


def test_the_sections_load():
    place = load(plan_data()).place
    assert list(Horizon.objects.filter(place=place).values_list("key", flat=True)) == [
        "soon",
        "later",
    ]
    jobs = Routemap.objects.get(place=place, big_thing__key="jobs")
    assert jobs.key == "jobs-routemap"
    assert Routemap.objects.get(place=place, key="homes-plan").illustrative
    c = Milestone.objects.get(place=place, key="c")
    assert (c.routemap, c.due_date, c.status, float(c.weight)) == (
        jobs,
        dt.date(2031, 12, 31),
        "at_risk",
        2.5,
    )
    assert list(c.depends_on.values_list("key", flat=True)) == ["b"]
    assert Milestone.objects.get(place=place, key="a").lead_partners.get().key == "council"
    plan = DeliveryPlan.objects.get(place=place, key="jobs-strategy")
    assert sorted(plan.milestones.values_list("key", flat=True)) == ["a", "b"]
    assert Milestone.objects.get(place=place, key="d").delivery_plan is None
    assert [s.rollup.total_count for s in routemap_list(place=place)] == [3, 1]


def test_dump_load_dump_is_the_same_text_and_a_reload_writes_nothing():
    place = load(plan_data()).place
    first = framework_dump(place=place)
    assert "  - big_thing: homes\n    id: homes-plan\n" in first
    assert "        due: '2027-06-30'\n" in first
    history = Milestone.history.count() + DeliveryPlan.history.count() + Horizon.history.count()
    report = framework_load(text=first)
    assert not report.changed, report.lines()
    assert framework_dump(place=place) == first
    assert (
        Milestone.history.count() + DeliveryPlan.history.count() + Horizon.history.count()
        == history
    )


def test_the_example_round_trips_byte_for_byte_and_has_a_routemap_per_big_thing():
    text = EXAMPLE.read_text(encoding="utf-8")
    place = framework_load(path=EXAMPLE).place
    assert framework_dump(place=place) == text
    summaries = routemap_list(place=place)
    assert len(summaries) == 5
    assert all(s.milestones for s in summaries)
    assert [h.title for h in Horizon.objects.filter(place=place)] == [
        "2024 to 2027",
        "2028 to 2032",
        "2033 to 2040",
    ]
    interchange = Milestone.objects.get(place=place, key="interchange-opens")
    assert interchange.due_date == dt.date(2024, 3, 18)
    assert interchange.source_url.startswith("https://")
    assert not interchange.illustrative
    # every real milestone names its source; every milestone without one is illustrative
    for milestone in Milestone.objects.filter(place=place):
        assert milestone.illustrative or milestone.source, milestone.key
    assert DeliveryPlan.objects.filter(place=place).count() >= 1
    for plan in DeliveryPlan.objects.filter(place=place):
        served = set(plan.big_things.values_list("pk", flat=True))
        for milestone in plan.milestones.all():
            assert milestone.routemap.big_thing_id in served


def test_what_the_file_drops_is_deleted_with_its_updates():
    place = load(plan_data()).place
    d = Milestone.objects.get(place=place, key="d")
    Update.objects.create(place=place, milestone=d, status="on_track", state="published")
    data = plan_data()
    del data["routemaps"][1]
    data["horizons"].pop()
    data["routemaps"][0]["milestones"].pop()  # c, due in 2031, now outside every horizon too
    data["delivery_plans"] = []
    load(data)
    assert not Milestone.objects.filter(place=place, key__in=["c", "d"]).exists()
    assert not Update.objects.filter(place=place).exists()
    assert not Routemap.objects.filter(place=place, key="homes-plan").exists()
    assert list(Horizon.objects.filter(place=place).values_list("key", flat=True)) == ["soon"]
    assert not DeliveryPlan.objects.filter(place=place).exists()
    assert Milestone.objects.get(place=place, key="a").delivery_plan is None


def test_a_dependency_loop_is_refused_naming_the_loop_and_nothing_is_written():
    place = load(plan_data()).place
    before = framework_dump(place=place)
    data = plan_data()
    data["routemaps"][0]["milestones"][0]["depends_on"] = ["c"]  # a → c → b → a
    data["routemaps"][0]["summary"] = "A change that must not land"
    assert errors_of(data) == [
        "routemaps[0].milestones[0].depends_on: dependencies go round in a loop: a → c → b → a"
    ]
    assert framework_dump(place=place) == before


def test_a_milestone_cannot_depend_on_itself():
    data = plan_data()
    data["routemaps"][1]["milestones"][0]["depends_on"] = ["b", "d"]
    assert errors_of(data) == [
        "routemaps[1].milestones[0].depends_on[1]: 'd' cannot depend on itself"
    ]


def _set(data, path, value):
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


ERROR_CASES = [
    (("routemaps", 0, "milestones", 1, "due"), "2045-01-01",
     "routemaps[0].milestones[1].due: is due in 2045, outside every horizon (2024–2027, "
     "2028–2040)"),
    (("routemaps", 0, "milestones", 0, "start"), "2026-01-01",
     "routemaps[0].milestones[0].start: starts on 2026-01-01, after it is due (2025-03-31)"),
    (("routemaps", 0, "milestones", 1, "due"), "2027-02-30",
     "routemaps[0].milestones[1].due: '2027-02-30' is not a date"),
    (("routemaps", 0, "milestones", 1, "due"), "30/06/2027",
     "routemaps[0].milestones[1].due: \"30/06/2027\" is not in the expected form"),
    (("routemaps", 0, "milestones", 0, "lead_partners"), ["council", "bank"],
     "routemaps[0].milestones[0].lead_partners[1]: refers to unknown id 'bank'"),
    (("routemaps", 0, "milestones", 0, "lead_partners"), ["jobs"],
     "routemaps[0].milestones[0].lead_partners[0]: 'jobs' is a big thing, but a partner is "
     "needed"),
    (("routemaps", 0, "milestones", 0, "measures"), ["ghost-measure"],
     "routemaps[0].milestones[0].measures[0]: refers to unknown id 'ghost-measure'"),
    (("routemaps", 0, "milestones", 0, "ambitions"), ["council"],
     "routemaps[0].milestones[0].ambitions[0]: 'council' is a partner, but a cross-cutting "
     "ambition is needed"),
    (("routemaps", 0, "milestones", 1, "depends_on"), ["jobs"],
     "routemaps[0].milestones[1].depends_on[0]: 'jobs' is a big thing, but a milestone is "
     "needed"),
    (("routemaps", 1, "big_thing"), "nowhere",
     "routemaps[1].big_thing: refers to unknown id 'nowhere'"),
    (("routemaps", 1, "big_thing"), "jobs",
     "routemaps[1].big_thing: 'jobs' already has a routemap (routemaps[0]); each big thing has "
     "one"),
    (("routemaps", 0, "milestones", 2, "id"), "a",
     "routemaps[0].milestones[2].id: id 'a' is used twice (first at "
     "routemaps[0].milestones[0].id)"),
    (("routemaps", 0, "milestones", 2, "id"), "homes",
     "routemaps[0].milestones[2].id: id 'homes' is used twice (first at big_things[1].id)"),
    (("routemaps", 0, "milestones", 2, "status"), "amber",
     "routemaps[0].milestones[2].status: must be one of: not_started, on_track"),
    (("routemaps", 0, "milestones", 2, "weight"), 0,
     "routemaps[0].milestones[2].weight: must be more than 0, not 0"),
    (("horizons", 1, "id"), "soon",
     "horizons[1].id: horizon 'soon' is used twice (first at horizons[0].id)"),
    (("horizons", 1, "start_year"), 2027,
     "horizons[1]: 2027–2040 overlaps horizons[0] (2024–2027); horizons must not share a year"),
    (("horizons", 0, "end_year"), 2020, "horizons[0].end_year: ends in 2020, before it starts"),
    (("delivery_plans", 0, "milestones"), ["a", "d"],
     "delivery_plans[0].milestones[1]: 'd' is on the routemap of 'homes', a big thing this plan "
     "does not serve (its big_things: jobs)"),
    (("delivery_plans", 0, "milestones"), ["a", "ghost"],
     "delivery_plans[0].milestones[1]: refers to unknown id 'ghost'"),
    (("delivery_plans", 0, "lead_partner"), "nobody",
     "delivery_plans[0].lead_partner: refers to unknown id 'nobody'"),
    (("delivery_plans", 0, "big_things"), ["jobs", "fair"],
     "delivery_plans[0].big_things[1]: 'fair' is a cross-cutting ambition, but a big thing is "
     "needed"),
    (("delivery_plans", 0, "end_year"), 2023,
     "delivery_plans[0].end_year: ends in 2023, before it starts (2024)"),
    (("delivery_plans", 0, "id"), "jobs",
     "delivery_plans[0].id: id 'jobs' is used twice (first at big_things[0].id)"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "message"), ERROR_CASES)
def test_each_error_is_named_by_path_and_nothing_is_written(path, value, message):
    place = load(plan_data()).place
    before = framework_dump(place=place)
    data = plan_data()
    data["big_things"][0]["title"] = "A change that must not land"
    _set(data, path, value)
    errors = errors_of(data)
    assert any(e.startswith(message) for e in errors), errors
    assert framework_dump(place=place) == before


def test_a_milestone_on_two_delivery_plans_is_refused():
    data = plan_data()
    second = copy.deepcopy(data["delivery_plans"][0])
    second.update(id="other-strategy", milestones=["b"])
    data["delivery_plans"].append(second)
    assert errors_of(data) == [
        "delivery_plans[1].milestones[0]: 'b' is already on delivery_plans[0]; a milestone "
        "belongs to one delivery plan"
    ]


def test_milestones_are_link_ends():
    data = plan_data()
    data["links"].append({"from": "a", "to": "jobs-strategy", "type": "supports", "strength": 1})
    place = load(data).place
    assert "  - from: a\n    to: jobs-strategy\n" in framework_dump(place=place)
