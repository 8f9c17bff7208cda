"""factory_boy factories for the models, shared by every app's tests.

Every factory that creates a place-scoped item takes its place from its parent where there is
one (an outcome's place is its big thing's place), so ``OutcomeFactory(big_thing=bt)`` never
mixes tenants.
"""

from __future__ import annotations

import factory
from django.contrib.contenttypes.models import ContentType

from onefuture.framework.models import (
    AmbitionApplication,
    BigThing,
    CrossCuttingAmbition,
    Link,
    Outcome,
    Pillar,
    PredecessorPlan,
    Priority,
    Vision,
)
from onefuture.partners.models import Partner
from onefuture.places.models import Area, ComparatorGroup, Place


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"place-{n}")
    name = factory.Sequence(lambda n: f"Place {n}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    place = factory.SubFactory(PlaceFactory)
    code = factory.Sequence(lambda n: f"E05{n:06d}")
    name = factory.Sequence(lambda n: f"Ward {n}")
    type = "ward"


class ComparatorGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparatorGroup

    place = factory.SubFactory(PlaceFactory)
    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Comparator group {n}")


class VisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vision

    place = factory.SubFactory(PlaceFactory)
    title = factory.LazyAttribute(lambda o: f"{o.place.name} to 2040")
    statement = "One of the best places to live a happy, healthy life."
    start_year = 2024
    horizon_year = 2040


class BigThingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BigThing

    place = factory.SubFactory(PlaceFactory)
    key = factory.Sequence(lambda n: f"big-thing-{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Big thing {n}")
    summary = "What this big thing is about."


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    big_thing = factory.SubFactory(BigThingFactory)
    place = factory.SelfAttribute("big_thing.place")
    key = factory.Sequence(lambda n: f"outcome-{n}")
    order = factory.Sequence(lambda n: n)
    statement = factory.Sequence(lambda n: f"Outcome statement {n}.")


class CrossCuttingAmbitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrossCuttingAmbition

    place = factory.SubFactory(PlaceFactory)
    key = factory.Sequence(lambda n: f"ambition-{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Ambition {n}")


class AmbitionApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AmbitionApplication

    ambition = factory.SubFactory(CrossCuttingAmbitionFactory)
    big_thing = factory.SubFactory(BigThingFactory, place=factory.SelfAttribute("..ambition.place"))
    how = "How the ambition shapes the big thing."


class PredecessorPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PredecessorPlan

    place = factory.SubFactory(PlaceFactory)
    title = "Borough Plan"
    start_year = 2021
    horizon_year = 2030


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar

    plan = factory.SubFactory(PredecessorPlanFactory)
    place = factory.SelfAttribute("plan.place")
    key = factory.Sequence(lambda n: f"pillar-{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Pillar {n}")


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    pillar = factory.SubFactory(PillarFactory)
    place = factory.SelfAttribute("pillar.place")
    key = factory.Sequence(lambda n: f"priority-{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Priority {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    place = factory.SubFactory(PlaceFactory)
    key = factory.Sequence(lambda n: f"partner-{n}")
    order = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    type = "council"


class LinkFactory(factory.django.DjangoModelFactory):
    """A link between two items: pass ``source=`` and ``target=`` (any linkable items)."""

    class Meta:
        model = Link
        exclude = ("source", "target")

    source = factory.SubFactory(BigThingFactory)
    target = factory.SubFactory(BigThingFactory, place=factory.SelfAttribute("..source.place"))
    place = factory.SelfAttribute("source.place")
    from_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.source))
    from_id = factory.SelfAttribute("source.pk")
    to_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    to_id = factory.SelfAttribute("target.pk")
    type = "supports"
    strength = 2
    rationale = "One helps the other."
