"""Reads of the plan: horizons, routemaps, milestones and delivery plans, always by place.

Two rules live here and nowhere else:

- **Current status**: a milestone's status is its newest *published* update's status
  (:class:`~onefuture.routemaps.models.UpdateState` ``published``), else the planned ``status``
  from the framework file (:func:`milestone_current_status`, :func:`milestone_current_statuses`).
- **Named leads**: a partner is *named* as a milestone's lead only once it has a commitment to
  that milestone the council agreed (agreed, delivering or delivered); the other partners the
  plan asks to lead are only *proposed* (:func:`milestone_leads`, :func:`milestone_leads_bulk`).
  Pages and the API show named leads as leads, and proposed ones, if at all, as "invited to lead".

Every list reads a fixed number of queries whatever its length (the bulk forms).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from onefuture.core.errors import NotFound
from onefuture.framework.models import BigThing
from onefuture.partners.models import Partner
from onefuture.places.models import Place
from onefuture.routemaps.models import (
    AGREED_STATUSES,
    Commitment,
    DeliveryPlan,
    Horizon,
    Milestone,
    Routemap,
    Update,
    UpdateState,
)
from onefuture.routemaps.rollup import Rollup, rollup
from onefuture.routemaps.vocabulary import MILESTONE_STATUS, StatusWords


@dataclass(frozen=True)
class CurrentStatus:
    """A milestone's current status and where it comes from."""

    status: str
    #: The published update it comes from, or ``None`` when it is the planned status.
    update_id: int | None = None
    published_at: dt.datetime | None = None

    @property
    def words(self) -> StatusWords:
        return MILESTONE_STATUS[self.status]

    @property
    def reported(self) -> bool:
        """Whether a published update set it (else it is the plan's status)."""
        return self.update_id is not None


@dataclass(frozen=True)
class MilestoneRow:
    """One milestone as a list shows it: the model, its current status, its leads, horizon."""

    milestone: Milestone
    current: CurrentStatus
    named_leads: tuple[Partner, ...]
    proposed_leads: tuple[Partner, ...]
    horizon: Horizon | None

    @property
    def status(self) -> str:
        return self.current.status

    @property
    def status_words(self) -> StatusWords:
        return self.current.words


@dataclass(frozen=True)
class RoutemapSummary:
    """A routemap with its milestones (in due-date order) and their roll-up."""

    routemap: Routemap
    big_thing: BigThing
    milestones: tuple[MilestoneRow, ...]
    rollup: Rollup


@dataclass(frozen=True)
class RoutemapDetail(RoutemapSummary):
    """A routemap page's reads: the summary plus the place's horizons."""

    horizons: tuple[Horizon, ...] = ()

    def by_horizon(self) -> list[tuple[Horizon | None, list[MilestoneRow]]]:
        """Milestones grouped by horizon, in horizon order (``None``: outside every horizon)."""
        groups: list[tuple[Horizon | None, list[MilestoneRow]]] = [
            (h, [r for r in self.milestones if r.horizon == h]) for h in self.horizons
        ]
        outside = [r for r in self.milestones if r.horizon is None]
        if outside:
            groups.append((None, outside))
        return groups


@dataclass(frozen=True)
class MilestoneDetail:
    """A milestone page's reads: the row, its dependencies both ways and what it links to."""

    row: MilestoneRow
    routemap: Routemap
    big_thing: BigThing
    delivery_plan: DeliveryPlan | None
    depends_on: tuple[MilestoneRow, ...]
    needed_by: tuple[MilestoneRow, ...]
    measures: tuple
    ambitions: tuple

    @property
    def milestone(self) -> Milestone:
        return self.row.milestone


@dataclass(frozen=True)
class DeliveryPlanSummary:
    """A delivery plan, the big things it serves, its milestones and their roll-up."""

    plan: DeliveryPlan
    big_things: tuple[BigThing, ...]
    milestones: tuple[MilestoneRow, ...]
    rollup: Rollup


# ---- the two rules -----------------------------------------------------------------------


def milestone_current_statuses(milestones: Iterable[Milestone]) -> dict[int, CurrentStatus]:
    """Each milestone's current status by id, in one query (see the module's rule)."""
    milestones = list(milestones)
    result = {m.pk: CurrentStatus(m.status) for m in milestones}
    if not milestones:
        return result
    published = (
        Update.objects.filter(milestone__in=[m.pk for m in milestones], state=UpdateState.PUBLISHED)
        .order_by("milestone_id", "-published_at", "-id")
        .values_list("milestone_id", "id", "status", "published_at")
    )
    seen: set[int] = set()
    for milestone_id, update_id, status, published_at in published:
        if milestone_id in seen:
            continue
        seen.add(milestone_id)
        result[milestone_id] = CurrentStatus(status, update_id, published_at)
    return result


def milestone_current_status(milestone: Milestone) -> CurrentStatus:
    """One milestone's current status: its newest published update's, else the planned one."""
    return milestone_current_statuses([milestone])[milestone.pk]


def milestone_leads_bulk(
    milestones: Iterable[Milestone],
) -> dict[int, tuple[tuple[Partner, ...], tuple[Partner, ...]]]:
    """``{milestone id: (named, proposed)}`` in two queries (see the module's rule).

    ``named``: partners with an agreed, delivering or delivered commitment to the milestone
    (the plan's lead partners first, in their order, then any other partner the council agreed
    should lead it). ``proposed``: the plan's lead partners not (yet) agreed.
    """
    milestones = list(milestones)
    ids = [m.pk for m in milestones]
    planned: dict[int, list[Partner]] = {i: [] for i in ids}
    through = Milestone.lead_partners.through
    links = through.objects.filter(milestone_id__in=ids).select_related("partner")
    for link in sorted(links, key=lambda r: (r.partner.order, r.partner.name)):
        planned[link.milestone_id].append(link.partner)
    agreed: dict[int, list[Partner]] = {i: [] for i in ids}
    commitments = (
        Commitment.objects.filter(milestone_id__in=ids, status__in=AGREED_STATUSES)
        .select_related("partner")
        .order_by("partner__order", "partner__name", "id")
    )
    for c in commitments:
        if c.partner not in agreed[c.milestone_id]:
            agreed[c.milestone_id].append(c.partner)
    result = {}
    for i in ids:
        named = [p for p in planned[i] if p in agreed[i]]
        named += [p for p in agreed[i] if p not in named]
        proposed = [p for p in planned[i] if p not in agreed[i]]
        result[i] = (tuple(named), tuple(proposed))
    return result


def milestone_leads(milestone: Milestone) -> tuple[tuple[Partner, ...], tuple[Partner, ...]]:
    """``(named, proposed)`` lead partners of one milestone."""
    return milestone_leads_bulk([milestone])[milestone.pk]


# ---- lists and details -------------------------------------------------------------------


def horizon_list(*, place: Place) -> list[Horizon]:
    """The place's horizons, in time order."""
    return list(Horizon.objects.filter(place=place).order_by("start_year", "order"))


def horizon_for(day: dt.date, horizons: Sequence[Horizon]) -> Horizon | None:
    """The horizon a date falls in (by year), or ``None``."""
    for h in horizons:
        if h.start_year <= day.year <= h.end_year:
            return h
    return None


def milestone_rows(
    milestones: Iterable[Milestone], *, horizons: Sequence[Horizon]
) -> list[MilestoneRow]:
    """Rows for these milestones: current status and leads read in bulk."""
    milestones = list(milestones)
    statuses = milestone_current_statuses(milestones)
    leads = milestone_leads_bulk(milestones)
    return [
        MilestoneRow(
            milestone=m,
            current=statuses[m.pk],
            named_leads=leads[m.pk][0],
            proposed_leads=leads[m.pk][1],
            horizon=horizon_for(m.due_date, horizons),
        )
        for m in milestones
    ]


def _rollup(rows: Iterable[MilestoneRow]) -> Rollup:
    return rollup((r.status, r.milestone.weight) for r in rows)


def _milestones(place: Place):
    return (
        Milestone.objects.filter(place=place)
        .select_related("routemap", "routemap__big_thing", "delivery_plan")
        .order_by("due_date", "order", "key")
    )


def routemap_list(*, place: Place) -> list[RoutemapSummary]:
    """Every routemap of the place (big thing order) with its milestones and roll-up."""
    routemaps = list(
        Routemap.objects.filter(place=place)
        .select_related("big_thing")
        .order_by("big_thing__order", "key")
    )
    rows = milestone_rows(_milestones(place), horizons=horizon_list(place=place))
    return [
        RoutemapSummary(
            routemap=r,
            big_thing=r.big_thing,
            milestones=tuple(m for m in rows if m.milestone.routemap_id == r.pk),
            rollup=_rollup(m for m in rows if m.milestone.routemap_id == r.pk),
        )
        for r in routemaps
    ]


def plan_rollup(*, place: Place) -> Rollup:
    """The roll-up of every milestone of the place (the plan on a page)."""
    rows = milestone_rows(_milestones(place), horizons=())
    return _rollup(rows)


def routemap_detail(*, place: Place, big_thing_key: str) -> RoutemapDetail:
    """The routemap of one big thing (``NotFound`` if the big thing has none in this place)."""
    routemap = (
        Routemap.objects.filter(place=place, big_thing__key=big_thing_key)
        .select_related("big_thing")
        .first()
    )
    if routemap is None:
        raise NotFound(f"There is no routemap for the big thing {big_thing_key!r}.")
    horizons = horizon_list(place=place)
    rows = tuple(milestone_rows(_milestones(place).filter(routemap=routemap), horizons=horizons))
    return RoutemapDetail(
        routemap=routemap,
        big_thing=routemap.big_thing,
        milestones=rows,
        rollup=_rollup(rows),
        horizons=tuple(horizons),
    )


def big_thing_rollup(*, big_thing: BigThing) -> RoutemapSummary | None:
    """A big thing's routemap summary (for its page's panel), or ``None`` if it has none."""
    routemap = Routemap.objects.filter(big_thing=big_thing).select_related("big_thing").first()
    if routemap is None:
        return None
    horizons = horizon_list(place=routemap.place)
    rows = tuple(
        milestone_rows(_milestones(routemap.place).filter(routemap=routemap), horizons=horizons)
    )
    return RoutemapSummary(
        routemap=routemap, big_thing=big_thing, milestones=rows, rollup=_rollup(rows)
    )


def milestone_detail(*, place: Place, key: str) -> MilestoneDetail:
    """One milestone with its dependencies both ways, measures and ambitions (``NotFound``)."""
    milestone = (
        _milestones(place)
        .prefetch_related(
            "measures",
            "ambitions",
            Prefetch("depends_on", queryset=Milestone.objects.order_by("due_date", "key")),
            Prefetch("needed_by", queryset=Milestone.objects.order_by("due_date", "key")),
        )
        .filter(key=key)
        .first()
    )
    if milestone is None:
        raise NotFound(f"There is no milestone {key!r}.")
    horizons = horizon_list(place=place)
    before = list(milestone.depends_on.all())
    after = list(milestone.needed_by.all())
    rows = milestone_rows([milestone, *before, *after], horizons=horizons)
    return MilestoneDetail(
        row=rows[0],
        routemap=milestone.routemap,
        big_thing=milestone.routemap.big_thing,
        delivery_plan=milestone.delivery_plan,
        depends_on=tuple(rows[1 : 1 + len(before)]),
        needed_by=tuple(rows[1 + len(before) :]),
        measures=tuple(milestone.measures.all()),
        ambitions=tuple(milestone.ambitions.all()),
    )


def milestone_get(*, place: Place, key: str) -> Milestone:
    """The milestone model itself (``NotFound``), for services and forms."""
    milestone = Milestone.objects.filter(place=place, key=key).select_related("routemap").first()
    if milestone is None:
        raise NotFound(f"There is no milestone {key!r}.")
    return milestone


def delivery_plan_list(*, place: Place) -> list[DeliveryPlanSummary]:
    """Every delivery plan of the place with its milestones and their roll-up."""
    plans = list(
        DeliveryPlan.objects.filter(place=place)
        .select_related("lead_partner")
        .prefetch_related("big_things")
        .order_by("order", "start_year", "title")
    )
    rows = milestone_rows(
        _milestones(place).filter(delivery_plan__isnull=False), horizons=horizon_list(place=place)
    )
    result = []
    for plan in plans:
        mine = tuple(r for r in rows if r.milestone.delivery_plan_id == plan.pk)
        result.append(
            DeliveryPlanSummary(
                plan=plan,
                big_things=tuple(plan.big_things.all()),
                milestones=mine,
                rollup=_rollup(mine),
            )
        )
    return result


def delivery_plan_detail(*, place: Place, key: str) -> DeliveryPlanSummary:
    """One delivery plan (``NotFound``)."""
    for summary in delivery_plan_list(place=place):
        if summary.plan.key == key:
            return summary
    raise NotFound(f"There is no delivery plan {key!r}.")
