"""The backup's list of models is the app registry's: nothing forgotten, nothing stale."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from onefuture.backup.catalogue import EXCLUDED, PEOPLE, catalogue, label


def test_every_model_is_exported_or_excluded_with_a_reason():
    everything = {label(m) for m in apps.get_models(include_auto_created=True)}
    exported = {label(m) for m in catalogue().models}
    assert exported.isdisjoint(EXCLUDED)
    assert exported | set(EXCLUDED) == everything
    # The history tables (django-simple-history) and the many-to-many tables are in it.
    assert {
        "measures.historicaldatapoint",
        "routemaps.historicalmilestone_depends_on",
        "engagement.comment_big_things",
        "auth.user",
        "core.membership",
    } <= exported
    assert all(len(reason) > 20 for reason in EXCLUDED.values())


def test_no_exclusion_names_a_model_that_is_gone():
    everything = {label(m) for m in apps.get_models(include_auto_created=True)}
    assert set(EXCLUDED) <= everything, sorted(set(EXCLUDED) - everything)


def test_every_exported_model_reaches_its_place():
    found = catalogue()
    for model in found.models:
        name = label(model)
        hops = 0
        while found.owners[name] is not None:
            name = label(found.owners[name].related_model)
            hops += 1
            assert hops < 6, label(model)
        target = apps.get_model(name)
        assert (
            name == "places.place"
            or name in PEOPLE
            or getattr(target, "instance_type", None) is apps.get_model("places", "Place")
            or any(
                isinstance(f, models.ForeignKey) and label(f.related_model) == "places.place"
                for f in target._meta.concrete_fields
            )
        ), label(model)


def test_a_historical_many_to_many_row_belongs_through_its_history_row():
    owner = catalogue().owners["routemaps.historicalmilestone_depends_on"]
    assert owner is not None and owner.name == "history"


def test_models_come_after_the_models_they_point_at():
    order = [label(m) for m in catalogue().models]
    position = {name: i for i, name in enumerate(order)}
    late = [
        f"{label(model)}.{field.name} -> {label(field.related_model)}"
        for model in catalogue().models
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and label(field.related_model) in position
        and position[label(field.related_model)] > position[label(model)]
    ]
    assert not late
