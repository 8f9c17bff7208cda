"""Reads for the public pages: each function gathers what one page shows, scoped by place.

Why a module of its own: the framework's selectors (``onefuture.framework.selectors``) return
the items; a page also needs them numbered, joined with their neighbours, and each link's ends
turned into something a reader can follow (a label in the place's own words and the page that
shows the item). Views stay free of ORM queries, and every read here goes through a selector that
filters by place — and a link whose end belongs to another place is dropped — so an item of one
place never reaches another place's pages.

Names follow ``<page or entity>_<noun>``: ``home_content``, ``big_thing_page``,
``ambition_page``, ``partner_groups``, ``partner_page``, ``links_overview``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from onefuture.framework import selectors as framework
from onefuture.framework.models import (
    AmbitionApplication,
    BigThing,
    CrossCuttingAmbition,
    Outcome,
    PredecessorPlan,
    Priority,
    Vision,
)
from onefuture.partners.models import Partner, PartnerType
from onefuture.partners.selectors import partner_get, partner_list
from onefuture.places.models import Place


@dataclass(frozen=True)
class PageItem:
    """A framework item as a page names it: a label and where a reader can find it.

    ``page`` is the URL name of the page that shows the item (``None`` when no page does),
    ``page_args`` its URL arguments and ``anchor`` the fragment on that page.
    """

    kind: str
    key: str
    title: str
    kind_label: str
    illustrative: bool
    page: str | None = None
    page_args: tuple[str, ...] = ()
    anchor: str = ""


@dataclass(frozen=True)
class LinkRow:
    """One link with both ends ready to show, and its strength in words."""

    source: PageItem
    target: PageItem
    type: str
    type_label: str
    strength: int
    strength_label: str
    rationale: str
    illustrative: bool


@dataclass(frozen=True)
class BigThingCard:
    big_thing: BigThing
    number: int


@dataclass(frozen=True)
class HomeContent:
    vision: Vision | None
    big_things: list[BigThingCard]
    ambitions: list[CrossCuttingAmbition]


@dataclass(frozen=True)
class BigThingPage:
    big_thing: BigThing
    number: int
    count: int
    outcomes: list[Outcome]
    applications: list[AmbitionApplication]
    links: list[LinkRow]
    priorities: list[Priority]
    predecessor_plan: PredecessorPlan | None
    previous: BigThing | None
    next: BigThing | None


@dataclass(frozen=True)
class AmbitionPage:
    ambition: CrossCuttingAmbition
    applications: list[AmbitionApplication]
    links: list[LinkRow]


@dataclass(frozen=True)
class PartnerGroup:
    type: str
    label: str
    partners: list[Partner]


@dataclass(frozen=True)
class MatrixRow:
    big_thing: BigThing
    cells: list[AmbitionApplication | None]


@dataclass(frozen=True)
class LinksOverview:
    big_things: list[BigThing]
    ambitions: list[CrossCuttingAmbition]
    matrix: list[MatrixRow]
    links: list[LinkRow]
    #: What the network view draws: every big thing in order, then any other item a link names.
    nodes: list[PageItem]


def strength_label(strength: int) -> str:
    """Strength in words, so the number is never the only cue: ``+2: moderately reinforcing``."""
    if strength == 0:
        return "0: neutral"
    size = {1: "slightly", 2: "moderately", 3: "strongly"}[min(abs(strength), 3)]
    direction = "reinforcing" if strength > 0 else "working against"
    return f"{strength:+d}: {size} {direction}".replace("-", "−")


def _kind_label(place: Place, kind: str) -> str:
    terms = place.terms
    if kind in terms:
        return terms[kind]["singular"].capitalize()
    return kind.replace("_", " ").capitalize()


def _page_item(place: Place, ref: framework.ItemRef) -> PageItem:
    """Where the public site shows an item: its own page, or an anchor on another page."""
    item = ref.item
    page: str | None = None
    page_args: tuple[str, ...] = ()
    anchor = ""
    if isinstance(item, BigThing):
        page, page_args = "big-thing", (ref.key,)
    elif isinstance(item, CrossCuttingAmbition):
        page, page_args = "cross-cutting-ambition", (ref.key,)
    elif isinstance(item, Outcome):
        page, page_args, anchor = "big-thing", (item.big_thing.key,), f"outcome-{ref.key}"
    elif isinstance(item, Partner):
        page, anchor = "partners", f"partner-{ref.key}"
    return PageItem(
        kind=ref.kind,
        key=ref.key,
        title=ref.title,
        kind_label=_kind_label(place, ref.kind),
        illustrative=ref.illustrative,
        page=page,
        page_args=page_args,
        anchor=anchor,
    )


def _link_rows(place: Place, links: list[framework.LinkView]) -> list[LinkRow]:
    rows = []
    for link in links:
        ends = (link.source.item, link.target.item)
        if any(getattr(end, "place_id", None) != place.pk for end in ends):
            continue  # never show an item of another place, even through a malformed link
        rows.append(
            LinkRow(
                source=_page_item(place, link.source),
                target=_page_item(place, link.target),
                type=link.type,
                type_label=link.type_label,
                strength=link.strength,
                strength_label=strength_label(link.strength),
                rationale=link.rationale,
                illustrative=link.illustrative,
            )
        )
    return rows


def home_content(*, place: Place) -> HomeContent:
    """The home page: the vision, the big things in order and the cross-cutting ambitions."""
    big_things = list(framework.big_thing_list(place=place))
    return HomeContent(
        vision=framework.vision_get(place=place),
        big_things=[BigThingCard(b, number) for number, b in enumerate(big_things, start=1)],
        ambitions=list(framework.ambition_list(place=place)),
    )


def big_thing_page(*, place: Place, key: str) -> BigThingPage:
    """A big thing with everything hung on it and its neighbours; raises BigThing.DoesNotExist."""
    order = list(BigThing.objects.filter(place=place).order_by("order", "key"))
    position = next((i for i, b in enumerate(order) if b.key == key), None)
    if position is None:
        raise BigThing.DoesNotExist(f"No big thing '{key}' in {place.name}.")
    detail = framework.big_thing_detail(place=place, key=key)
    return BigThingPage(
        big_thing=detail.big_thing,
        number=position + 1,
        count=len(order),
        outcomes=detail.outcomes,
        applications=detail.applications,
        links=_link_rows(place, detail.links),
        priorities=detail.predecessor_priorities,
        predecessor_plan=(
            framework.predecessor_plan_get(place=place) if detail.predecessor_priorities else None
        ),
        previous=order[position - 1] if position > 0 else None,
        next=order[position + 1] if position + 1 < len(order) else None,
    )


def ambition_page(*, place: Place, key: str) -> AmbitionPage:
    """A cross-cutting ambition and how it applies to each big thing; raises DoesNotExist."""
    ambition = framework.ambition_list(place=place).get(key=key)
    return AmbitionPage(
        ambition=ambition,
        applications=list(ambition.applications.all()),
        links=_link_rows(place, framework.link_list_for_item(item=ambition)),
    )


def partner_groups(*, place: Place) -> list[PartnerGroup]:
    """The place's partners grouped by type, in the type list's order; empty groups left out."""
    by_type: dict[str, list[Partner]] = defaultdict(list)
    for partner in partner_list(place=place):
        by_type[partner.type].append(partner)
    return [
        PartnerGroup(type=t.value, label=t.label, partners=by_type[t.value])
        for t in PartnerType
        if by_type.get(t.value)
    ]


@dataclass(frozen=True)
class PartnerPage:
    """A partner's own page: the partner, its type in words, and the links that name it."""

    partner: Partner
    type_label: str
    links: list[LinkRow]


def partner_page(*, place: Place, key: str) -> PartnerPage:
    """One partner of the place with its links; raises Partner.DoesNotExist."""
    partner = partner_get(place=place, key=key)
    return PartnerPage(
        partner=partner,
        type_label=PartnerType(partner.type).label if partner.type in PartnerType.values else "",
        links=_link_rows(place, framework.link_list_for_item(item=partner)),
    )


def links_overview(*, place: Place) -> LinksOverview:
    """The matrix of big things by ambitions, and every link of the place for the network view."""
    matrix = framework.ambition_matrix(place=place)
    links = _link_rows(place, framework.link_list(place=place))
    nodes: dict[tuple[str, str], PageItem] = {}
    for big_thing in matrix.big_things:
        node = _page_item(place, framework.ItemRef.of(big_thing))
        nodes[(node.kind, node.key)] = node
    for row in links:
        for end in (row.source, row.target):
            nodes.setdefault((end.kind, end.key), end)
    return LinksOverview(
        big_things=matrix.big_things,
        ambitions=matrix.ambitions,
        matrix=[
            MatrixRow(big_thing=b, cells=[matrix.cell(b, a) for a in matrix.ambitions])
            for b in matrix.big_things
        ],
        links=links,
        nodes=list(nodes.values()),
    )
