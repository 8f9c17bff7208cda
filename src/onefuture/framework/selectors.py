"""Reads of a place's framework. Every selector takes ``place`` and returns only that place's items.

For the public site (F2) and reports, the names to use:

Place and words
    ``onefuture.places.selectors.place_resolve(slug=...)``  the place (or the default/only one)
    ``onefuture.places.selectors.place_terms(place=...)``   its words: ``['big_thing']['plural']``

Framework (this module)
    ``vision_get(place=)``                   Vision or None
    ``big_thing_list(place=)``               big things in order, outcomes prefetched
    ``big_thing_get(place=, key=)``          one big thing (raises BigThing.DoesNotExist → 404)
    ``big_thing_detail(place=, key=)``       BigThingDetail: the big thing, its outcomes, how each
                                             ambition applies, previous-plan priorities, its links
    ``outcome_list(place=, big_thing=None)`` outcomes in big-thing order
    ``ambition_list(place=)``                cross-cutting ambitions in order, applications
                                             (``.applications``) prefetched
    ``ambition_matrix(place=)``              AmbitionMatrix: big things × ambitions, text per cell
    ``predecessor_plan_get(place=)``         PredecessorPlan or None
    ``pillar_list(place=)``                  pillars with priorities and their big things prefetched
    ``link_list(place=)``                    every link as LinkView (ends resolved to ItemRef)
    ``link_list_for_item(item=)``            links into or out of one item, as LinkView
    ``item_get(place=, key=)``               any linkable item by its key (ItemRef)
    ``item_key_owner(place=, key=, exclude=)`` which item (if any) already has an id

Partners and areas
    ``onefuture.partners.selectors.partner_list(place=, type=None)``, ``partner_get(place=, key=)``
    ``onefuture.places.selectors.area_list(place=, type=None)``, ``area_get(place=, code=)``,
    ``area_children(area=)``, ``area_home(place=)``, ``comparator_group_list(place=)``

Every item has ``illustrative`` (show "illustrative example"); a big thing also has
``summary_illustrative``, an ambition application and a link their own ``illustrative``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Model, Prefetch, Q, QuerySet

from onefuture.framework.items import linkable_models
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
from onefuture.places.models import Place


@dataclass(frozen=True)
class ItemRef:
    """One end of a link, whatever its kind: enough to name it and build its URL."""

    kind: str  # "big_thing", "outcome", "cross_cutting_ambition", "pillar", "priority", "partner"
    key: str
    title: str
    illustrative: bool
    item: Model = field(compare=False, repr=False)

    @classmethod
    def of(cls, item: Model) -> ItemRef:
        return cls(
            kind=item.kind,  # type: ignore[attr-defined]
            key=item.key,  # type: ignore[attr-defined]
            title=item.title_text,  # type: ignore[attr-defined]
            illustrative=item.illustrative,  # type: ignore[attr-defined]
            item=item,
        )


@dataclass(frozen=True)
class LinkView:
    """A link with both ends resolved, as pages and reports show it."""

    source: ItemRef
    target: ItemRef
    type: str  # "supports", "depends_on", "conflicts_with"
    type_label: str  # "supports", "depends on", "conflicts with"
    strength: int  # -3..+3
    rationale: str
    illustrative: bool


@dataclass(frozen=True)
class AmbitionMatrix:
    """Big things (rows) × cross-cutting ambitions (columns); ``cells[(bt.key, amb.key)]``."""

    big_things: list[BigThing]
    ambitions: list[CrossCuttingAmbition]
    cells: dict[tuple[str, str], AmbitionApplication]

    def cell(
        self, big_thing: BigThing, ambition: CrossCuttingAmbition
    ) -> AmbitionApplication | None:
        return self.cells.get((big_thing.key, ambition.key))


@dataclass(frozen=True)
class BigThingDetail:
    big_thing: BigThing
    outcomes: list[Outcome]
    applications: list[AmbitionApplication]  # how each ambition applies, in ambition order
    predecessor_priorities: list[Priority]
    links: list[LinkView]


def vision_get(*, place: Place) -> Vision | None:
    return Vision.objects.filter(place=place).first()


def big_thing_list(*, place: Place) -> QuerySet[BigThing]:
    return (
        BigThing.objects.filter(place=place)
        .prefetch_related(Prefetch("outcomes", queryset=Outcome.objects.order_by("order", "key")))
        .order_by("order", "key")
    )


def big_thing_get(*, place: Place, key: str) -> BigThing:
    """The place's big thing with ``key``; raises BigThing.DoesNotExist (a 404 in views)."""
    return big_thing_list(place=place).get(key=key)


def big_thing_detail(*, place: Place, key: str) -> BigThingDetail:
    """Everything a big thing's page shows; raises BigThing.DoesNotExist."""
    big_thing = big_thing_get(place=place, key=key)
    applications = list(
        AmbitionApplication.objects.filter(big_thing=big_thing)
        .select_related("ambition")
        .order_by("ambition__order", "ambition__key")
    )
    priorities = list(
        Priority.objects.filter(place=place, big_things=big_thing)
        .select_related("pillar")
        .order_by("pillar__order", "order", "key")
    )
    return BigThingDetail(
        big_thing=big_thing,
        outcomes=list(big_thing.outcomes.all()),
        applications=applications,
        predecessor_priorities=priorities,
        links=link_list_for_item(item=big_thing),
    )


def outcome_list(*, place: Place, big_thing: BigThing | None = None) -> QuerySet[Outcome]:
    outcomes = Outcome.objects.filter(place=place).select_related("big_thing")
    if big_thing is not None:
        outcomes = outcomes.filter(big_thing=big_thing)
    return outcomes.order_by("big_thing__order", "order", "key")


def ambition_list(*, place: Place) -> QuerySet[CrossCuttingAmbition]:
    return (
        CrossCuttingAmbition.objects.filter(place=place)
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=AmbitionApplication.objects.select_related("big_thing").order_by(
                    "big_thing__order", "big_thing__key"
                ),
            )
        )
        .order_by("order", "key")
    )


def ambition_matrix(*, place: Place) -> AmbitionMatrix:
    big_things = list(BigThing.objects.filter(place=place).order_by("order", "key"))
    ambitions = list(ambition_list(place=place))
    cells = {
        (application.big_thing.key, ambition.key): application
        for ambition in ambitions
        for application in ambition.applications.all()
    }
    return AmbitionMatrix(big_things=big_things, ambitions=ambitions, cells=cells)


def predecessor_plan_get(*, place: Place) -> PredecessorPlan | None:
    return PredecessorPlan.objects.filter(place=place).first()


def pillar_list(*, place: Place) -> QuerySet[Pillar]:
    priorities = Priority.objects.order_by("order", "key").prefetch_related(
        Prefetch("big_things", queryset=BigThing.objects.order_by("order", "key"))
    )
    return (
        Pillar.objects.filter(place=place)
        .prefetch_related(Prefetch("priorities", queryset=priorities))
        .order_by("order", "key")
    )


def _link_views(links: QuerySet[Link]) -> list[LinkView]:
    views = []
    for link in links.prefetch_related("from_item", "to_item").order_by("order", "id"):
        if link.from_item is None or link.to_item is None:
            continue  # an end was deleted by a kind that does not cascade; never show half a link
        views.append(
            LinkView(
                source=ItemRef.of(link.from_item),
                target=ItemRef.of(link.to_item),
                type=link.type,
                type_label=link.get_type_display(),
                strength=link.strength,
                rationale=link.rationale,
                illustrative=link.illustrative,
            )
        )
    return views


def link_list(*, place: Place) -> list[LinkView]:
    """Every link of the place, in the order of the framework file."""
    return _link_views(Link.objects.filter(place=place))


def link_list_for_item(*, item: Model) -> list[LinkView]:
    """Links out of or into ``item`` (any linkable item), in file order."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(item)
    links = Link.objects.filter(place_id=item.place_id).filter(  # type: ignore[attr-defined]
        Q(from_type=content_type, from_id=item.pk) | Q(to_type=content_type, to_id=item.pk)
    )
    return _link_views(links)


def item_key_owner(*, place: Place, key: str, exclude: Model | None = None) -> ItemRef | None:
    """The item of ``place`` whose id is ``key`` (any kind), other than ``exclude``; or None."""
    for model in linkable_models().values():
        items = model.objects.filter(place=place, key=key)  # type: ignore[attr-defined]
        if exclude is not None and exclude.pk is not None and isinstance(exclude, model):
            items = items.exclude(pk=exclude.pk)
        item = items.first()
        if item is not None:
            return ItemRef.of(item)
    return None


def item_get(*, place: Place, key: str) -> ItemRef:
    """Any linkable item of the place by its key; raises LookupError if there is none."""
    for model in linkable_models().values():
        item = model.objects.filter(place=place, key=key).first()  # type: ignore[attr-defined]
        if item is not None:
            return ItemRef.of(item)
    raise LookupError(f"No item with id '{key}' in {place}.")


def framework_changed_latest(*, place: Place) -> datetime.datetime | None:
    """When the place's vision, big things, outcomes or ambitions last changed (open data)."""
    from django.db.models import Max

    found = [
        model.history.filter(place=place).aggregate(latest=Max("history_date"))["latest"]
        for model in (BigThing, Outcome, CrossCuttingAmbition)
    ]
    return max((f for f in found if f is not None), default=None)
