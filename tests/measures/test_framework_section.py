"""The ``measures:`` section of the framework file: load, reload without changes, errors, dump."""

from __future__ import annotations

import pytest
import yaml

from onefuture.framework.services import FrameworkFileError, framework_dump, framework_load
from onefuture.measures.models import Measure, Target

FILE = """\
place: {slug: testville, name: Testville}
vision: {title: Testville 2040, statement: A good place., start_year: 2024, horizon_year: 2040}
areas:
  - {code: E92000001, name: England, type: country}
  - {code: E08000099, name: Testville, type: local_authority, parent: E92000001}
comparator_groups:
  - {id: peers, name: Peers, subject: E08000099, areas: [E92000001]}
big_things:
  - {id: health, title: Best health}
cross_cutting_ambitions:
  - {id: fair, title: Fairness}
measures:
  - id: inactive
    title: Physically inactive adults
    definition: Adults doing less than 30 minutes of activity a week.
    big_things: [health]
    ambitions: [fair]
    value_type: proportion
    unit: "%"
    multiplier: 100
    polarity: low_is_good
    source: OHID Fingertips, indicator 93015
    home_area: E08000099
    benchmark_areas: [E92000001]
    comparator_group: peers
    baseline: {period: 2018/19, value: 21.4}
    targets:
      - {period: 2030, value: 19}
      - {period: 2040, value: 16, horizon: true}
    target_path: constant_growth
    fingertips_indicator: 93015
links:
  - {from: inactive, to: health, type: supports, strength: 2}
"""


@pytest.mark.django_db
def test_measures_load_with_targets_links_and_benchmarks():
    report = framework_load(text=FILE)
    measure = Measure.objects.get(place=report.place, key="inactive")
    assert measure.value_type == "proportion" and measure.multiplier == 100
    assert [b.key for b in measure.big_things.all()] == ["health"]
    assert [a.key for a in measure.ambitions.all()] == ["fair"]
    assert measure.home_area.code == "E08000099"
    assert [a.code for a in measure.benchmark_areas.all()] == ["E92000001"]
    assert measure.comparator_group.slug == "peers"
    assert (measure.baseline_period, measure.baseline_value) == ("2018/19", 21.4)
    assert measure.target_path == "constant_growth"
    targets = list(Target.objects.filter(measure=measure).order_by("year"))
    assert [(t.period, t.year, t.value, t.is_horizon) for t in targets] == [
        ("2030", 2030.0, 19.0, False),
        ("2040", 2040.0, 16.0, True),
    ]
    assert measure.links_out.count() == 1
    # Loading the same file again writes nothing.
    assert not framework_load(text=FILE).changed


@pytest.mark.django_db
def test_dump_gives_back_the_section():
    report = framework_load(text=FILE)
    dumped = yaml.safe_load(framework_dump(place=report.place))["measures"][0]
    assert dumped["id"] == "inactive"
    assert dumped["baseline"] == {"period": "2018/19", "value": 21.4}
    assert dumped["targets"][1] == {"period": "2040", "value": 16, "horizon": True}
    assert dumped["comparator_group"] == "peers"
    assert "assessments" not in dumped  # the default (all) is left out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("big_things: [health]", "big_things: [fair]"),
        ("home_area: E08000099", "home_area: E08000098"),
        ("baseline: {period: 2018/19", "baseline: {period: 18/19"),
        ("polarity: low_is_good", "polarity: lower"),
    ],
)
def test_bad_references_are_reported_with_their_path(change, expected):
    with pytest.raises(FrameworkFileError) as excinfo:
        framework_load(text=FILE.replace(change, expected))
    assert "measures[0]" in str(excinfo.value)
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_the_section_writes_through_the_measures_service(monkeypatch):
    """One write path: the file's measures go through measures_upsert, counted as it counts."""
    from onefuture.measures import services

    calls = []
    real = services.measures_upsert

    def spy(**kwargs):
        calls.append([d.key for d in kwargs["definitions"]])
        return real(**kwargs)

    monkeypatch.setattr(services, "measures_upsert", spy)
    report = framework_load(text=FILE)
    assert calls == [["inactive"]]
    assert "measures: 1 created" in report.lines()
    assert "targets: 2 created" in report.lines()
    changed = FILE.replace("{period: 2030, value: 19}", "{period: 2030, value: 18}")
    report = framework_load(text=changed)
    assert report.lines() == ["targets: 1 updated"]
    history = Target.history.filter(period="2030").order_by("history_date")
    assert [h.value for h in history] == [19, 18]
    assert history.last().history_change_reason == "loaded from a framework file"


@pytest.mark.django_db
def test_the_service_refuses_a_bad_definition_before_writing_any():
    from onefuture.core.errors import ApplicationError
    from onefuture.measures.services import (
        MeasureDefinition,
        MeasureDefinitionError,
        measures_upsert,
    )

    place = framework_load(text=FILE).place
    before = list(Measure.objects.values_list("key", "title"))
    good = MeasureDefinition(
        key="inactive",
        title="Renamed",
        definition="d",
        value_type="proportion",
        polarity="low_is_good",
    )
    bad = MeasureDefinition(
        key="new",
        title="New",
        definition="d",
        value_type="proportion",
        polarity="low_is_good",
        big_things=["nowhere"],
    )
    with pytest.raises(MeasureDefinitionError) as caught:
        measures_upsert(place=place, definitions=[good, bad])
    assert str(caught.value) == "measure 'new', big_things: no big thing 'nowhere'."
    assert isinstance(caught.value, ApplicationError)
    assert list(Measure.objects.values_list("key", "title")) == before
