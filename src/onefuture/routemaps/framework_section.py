"""The plan's sections of the framework file: ``horizons``, ``routemaps`` and ``delivery_plans``.

Registered from ``routemaps.registration.register_plan`` with the framework file's section
registry, so ``onefuture framework load|dump|check`` carry them like any section: all or
nothing, errors by 0-based path, what the file leaves out deleted, dumped back byte for byte.

::

    horizons:
      - id: now
        title: 2024 to 2027
        start_year: 2024
        end_year: 2027
    routemaps:
      - big_thing: clean-green-transport       # one routemap per big thing
        summary: How Stockport gets clean, green transport.
        milestones:                            # nested: a milestone sits on one routemap
          - id: interchange-opens
            title: Stockport Interchange opens
            start: "2021-01-11"                # dates as YYYY-MM-DD
            due: "2025-03-31"
            status: complete                   # the planned status (updates report the rest)
            weight: 1                          # in the roll-up; 1 unless set
            lead_partners: [stockport-council, tfgm]
            lead_officer: Director of Place
            depends_on: [another-milestone]    # any routemap's; cycles are refused
            measures: [a-measure-id]
            ambitions: [environmental-sustainability]
            source: Stockport Council, Interchange project pages
            source_url: https://...
            illustrative: false
    delivery_plans:
      - id: health-and-wellbeing-strategy
        title: Stockport Health and Wellbeing Strategy 2024 to 2029
        start_year: 2024
        end_year: 2029
        lead_partner: stockport-council
        big_things: [best-health-and-care]
        milestones: [a-milestone-id]           # by reference: they stay on their routemaps

A routemap's ``id`` defaults to ``<big thing id>-routemap`` (written only when it differs).
Milestones nest under their routemap because that is how an officer reads a routemap; delivery
plans list theirs by id, since each also sits on the routemap it serves (docs/adr/0023).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from onefuture.framework.fileformat import ITEMS, CheckContext, LoadContext, Section, as_list
from onefuture.framework.fileformat.parts import (
    ID,
    ILLUSTRATIVE,
    OPTIONAL_TEXT,
    TEXT,
    YEAR,
    list_of,
    object_of,
    put,
)
from onefuture.places.models import Place
from onefuture.routemaps.models import (
    DeliveryPlan,
    Horizon,
    Milestone,
    MilestoneStatus,
    Routemap,
)

MILESTONE = Milestone.kind
ROUTEMAP = Routemap.kind
DELIVERY_PLAN = DeliveryPlan.kind
#: Namespaces of the check: horizon ids, and each milestone's big thing (for delivery plans).
HORIZONS = "horizon"
_MILESTONE_BIG_THING = "routemaps: milestone big thing"

DATE = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "description": 'A date as YYYY-MM-DD (quote it: "2025-03-31").',
}
URL = {"type": "string", "pattern": "^https?://[^\\s]+$"}
IDS = list_of(ID, uniqueItems=True)

_HORIZON = object_of(
    ["id", "title", "start_year", "end_year"],
    {
        "id": ID,
        "title": TEXT,
        "start_year": YEAR,
        "end_year": YEAR,
        "description": OPTIONAL_TEXT,
    },
)

_MILESTONE = object_of(
    ["id", "title", "due"],
    {
        "id": ID,
        "title": TEXT,
        "description": OPTIONAL_TEXT,
        "start": DATE,
        "due": DATE,
        "status": {"enum": list(MilestoneStatus.values)},
        "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 9999},
        "lead_partners": IDS,
        "lead_officer": OPTIONAL_TEXT,
        "depends_on": IDS,
        "measures": IDS,
        "ambitions": IDS,
        "source": OPTIONAL_TEXT,
        "source_url": URL,
        "illustrative": ILLUSTRATIVE,
    },
)

_ROUTEMAP = object_of(
    ["big_thing"],
    {
        "big_thing": ID,
        "id": ID,
        "title": OPTIONAL_TEXT,
        "summary": OPTIONAL_TEXT,
        "illustrative": ILLUSTRATIVE,
        "milestones": list_of(_MILESTONE),
    },
)

_DELIVERY_PLAN = object_of(
    ["id", "title", "start_year", "end_year"],
    {
        "id": ID,
        "title": TEXT,
        "summary": OPTIONAL_TEXT,
        "start_year": YEAR,
        "end_year": YEAR,
        "lead_partner": ID,
        "big_things": IDS,
        "milestones": IDS,
        "url": URL,
        "source": OPTIONAL_TEXT,
        "illustrative": ILLUSTRATIVE,
    },
)


def _routemap_key(entry: dict[str, Any]) -> Any:
    return entry.get("id") or f"{entry.get('big_thing')}-routemap"


def _date(value: Any) -> dt.date | None:
    """The date a well-formed ``YYYY-MM-DD`` names, or None (the schema reports the form)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _milestones(value: Any):
    """``(routemap index, routemap, milestone index, milestone)`` for every milestone."""
    for i, routemap in as_list(value):
        for j, milestone in as_list(routemap.get("milestones")):
            yield i, routemap, j, milestone


# ---- horizons -------------------------------------------------------------------------------


def _declare_horizons(ctx: CheckContext, value: Any) -> None:
    for i, horizon in as_list(value):
        ctx.declare(HORIZONS, horizon.get("id"), "horizon", ("horizons", i, "id"))


def _check_horizons(ctx: CheckContext, value: Any) -> None:
    spans: list[tuple[int, int, int]] = []
    for i, horizon in as_list(value):
        start, end = horizon.get("start_year"), horizon.get("end_year")
        if not (isinstance(start, int) and isinstance(end, int)):
            continue
        if end < start:
            ctx.error(("horizons", i, "end_year"), f"ends in {end}, before it starts ({start})")
            continue
        for other, (s, e, _i) in enumerate(spans):
            if start <= e and s <= end:
                ctx.error(
                    ("horizons", i),
                    f"{start}–{end} overlaps horizons[{other}] ({s}–{e}); "
                    "horizons must not share a year",
                )
        spans.append((start, end, i))


def _load_horizons(ctx: LoadContext, value: Any) -> None:
    from onefuture.routemaps.services.plan import HorizonDefinition, horizons_upsert

    horizons_upsert(
        ctx=ctx,
        definitions=[
            HorizonDefinition(
                key=h["id"],
                title=h["title"],
                start_year=h["start_year"],
                end_year=h["end_year"],
                description=h.get("description", ""),
            )
            for h in value or []
        ],
    )


def _dump_horizons(place: Place) -> list[dict[str, Any]]:
    out = []
    for h in Horizon.objects.filter(place=place).order_by("order", "start_year"):
        row: dict[str, Any] = {
            "id": h.key,
            "title": h.title,
            "start_year": h.start_year,
            "end_year": h.end_year,
        }
        put(row, "description", h.description)
        out.append(row)
    return out


# ---- routemaps ------------------------------------------------------------------------------


def _declare_routemaps(ctx: CheckContext, value: Any) -> None:
    for i, routemap in as_list(value):
        path = ("routemaps", i, "id") if "id" in routemap else ("routemaps", i, "big_thing")
        if isinstance(routemap.get("big_thing"), str) or "id" in routemap:
            ctx.declare(ITEMS, _routemap_key(routemap), ROUTEMAP, path)
    for i, routemap, j, milestone in _milestones(value):
        key = milestone.get("id")
        ctx.declare(ITEMS, key, MILESTONE, ("routemaps", i, "milestones", j, "id"))
        if isinstance(key, str):
            big_thing = routemap.get("big_thing")
            ctx.declared.setdefault(_MILESTONE_BIG_THING, {})[key] = (str(big_thing), ())


def _check_routemaps(ctx: CheckContext, value: Any) -> None:
    served: dict[str, int] = {}
    for i, routemap in as_list(value):
        big_thing = routemap.get("big_thing")
        ctx.require(ITEMS, big_thing, ("routemaps", i, "big_thing"), kinds=("big_thing",))
        if isinstance(big_thing, str):
            if big_thing in served:
                ctx.error(
                    ("routemaps", i, "big_thing"),
                    f"'{big_thing}' already has a routemap (routemaps[{served[big_thing]}]); "
                    "each big thing has one",
                )
            else:
                served[big_thing] = i
    years = _horizon_years(ctx)
    graph: dict[str, list[str]] = {}
    where: dict[str, tuple[str | int, ...]] = {}
    for i, _routemap, j, milestone in _milestones(value):
        path = ("routemaps", i, "milestones", j)
        key = milestone.get("id")
        for name, kinds in (
            ("lead_partners", ("partner",)),
            ("depends_on", (MILESTONE,)),
            ("measures", ("measure",)),
            ("ambitions", ("cross_cutting_ambition",)),
        ):
            for k, ref in enumerate(milestone.get(name) or []):
                ctx.require(ITEMS, ref, (*path, name, k), kinds=kinds)
        for name in ("start", "due"):
            text = milestone.get(name)
            well_formed = isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)
            if well_formed and _date(text) is None:
                ctx.error((*path, name), f"'{text}' is not a date")
        start, due = _date(milestone.get("start")), _date(milestone.get("due"))
        if start and due and start > due:
            ctx.error((*path, "start"), f"starts on {start.isoformat()}, after it is due ({due})")
        if due and years and not any(s <= due.year <= e for s, e in years):
            spans = ", ".join(f"{s}–{e}" for s, e in years)
            ctx.error((*path, "due"), f"is due in {due.year}, outside every horizon ({spans})")
        if isinstance(key, str):
            where[key] = path
            deps = [d for d in milestone.get("depends_on") or [] if isinstance(d, str)]
            if key in deps:
                ctx.error(
                    (*path, "depends_on", deps.index(key)), f"'{key}' cannot depend on itself"
                )
            graph[key] = [d for d in deps if d != key]
    for loop in _cycles(graph):
        ctx.error(
            (*where[loop[0]], "depends_on"),
            "dependencies go round in a loop: " + " → ".join([*loop, loop[0]]),
        )


def _horizon_years(ctx: CheckContext) -> list[tuple[int, int]]:
    return [
        (int(s), int(e))
        for s, e in (kind.split("..") for kind, _p in ctx.declared.get(_HORIZON_YEARS, {}).values())
    ]


_HORIZON_YEARS = "routemaps: horizon years"


def _declare_horizon_years(ctx: CheckContext, value: Any) -> None:
    for i, horizon in as_list(value):
        start, end = horizon.get("start_year"), horizon.get("end_year")
        if isinstance(start, int) and isinstance(end, int):
            ctx.declared.setdefault(_HORIZON_YEARS, {})[str(i)] = (f"{start}..{end}", ())


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each dependency loop once, starting from its first milestone in file order."""
    loops: list[list[str]] = []
    seen_loops: set[frozenset[str]] = set()
    done: set[str] = set()
    for start in graph:
        if start in done:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        on_path: list[str] = [start]
        while stack:
            node, index = stack[-1]
            edges = [d for d in graph.get(node, []) if d in graph]
            if index < len(edges):
                stack[-1] = (node, index + 1)
                nxt = edges[index]
                if nxt in on_path:
                    loop = on_path[on_path.index(nxt) :]
                    members = frozenset(loop)
                    if members not in seen_loops:
                        seen_loops.add(members)
                        first = min(loop, key=list(graph).index)
                        at = loop.index(first)
                        loops.append(loop[at:] + loop[:at])
                elif nxt not in done:
                    stack.append((nxt, 0))
                    on_path.append(nxt)
            else:
                stack.pop()
                on_path.pop()
                done.add(node)
    return loops


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def _load_routemaps(ctx: LoadContext, value: Any) -> None:
    from onefuture.routemaps.services.plan import (
        MilestoneDefinition,
        RoutemapDefinition,
        routemaps_upsert,
    )

    routemaps_upsert(
        ctx=ctx,
        definitions=[
            RoutemapDefinition(
                key=_routemap_key(r),
                big_thing=r["big_thing"],
                title=r.get("title", ""),
                summary=r.get("summary", ""),
                illustrative=r.get("illustrative", False),
                milestones=[
                    MilestoneDefinition(
                        key=m["id"],
                        title=m["title"],
                        description=m.get("description", ""),
                        start_date=_date(m.get("start")),
                        due_date=_date(m["due"]),
                        status=m.get("status", MilestoneStatus.NOT_STARTED),
                        weight=_decimal(m.get("weight", 1)),
                        lead_partners=m.get("lead_partners", []),
                        lead_officer=m.get("lead_officer", ""),
                        depends_on=m.get("depends_on", []),
                        measures=m.get("measures", []),
                        ambitions=m.get("ambitions", []),
                        source=m.get("source", ""),
                        source_url=m.get("source_url", ""),
                        illustrative=m.get("illustrative", False),
                    )
                    for m in r.get("milestones") or []
                ],
            )
            for r in value or []
        ],
    )


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _keys(rows) -> list[str]:
    return [r.key for r in rows]


def _dump_routemaps(place: Place) -> list[dict[str, Any]]:
    milestones: dict[int, list[Milestone]] = {}
    queryset = (
        Milestone.objects.filter(place=place)
        .prefetch_related("lead_partners", "depends_on", "measures", "ambitions")
        .order_by("order", "id")
    )
    for m in queryset:
        milestones.setdefault(m.routemap_id, []).append(m)
    out = []
    routemaps = (
        Routemap.objects.filter(place=place)
        .select_related("big_thing")
        .order_by("big_thing__order", "key")
    )
    for r in routemaps:
        row: dict[str, Any] = {"big_thing": r.big_thing.key}
        put(row, "id", r.key, f"{r.big_thing.key}-routemap")
        put(row, "title", r.title)
        put(row, "summary", r.summary)
        put(row, "illustrative", r.illustrative, False)
        entries = []
        for m in milestones.get(r.pk, []):
            entry: dict[str, Any] = {"id": m.key, "title": m.title}
            put(entry, "description", m.description)
            put(entry, "start", m.start_date.isoformat() if m.start_date else None)
            entry["due"] = m.due_date.isoformat()
            put(entry, "status", m.status, MilestoneStatus.NOT_STARTED)
            put(entry, "weight", _number(m.weight), 1)
            put(entry, "lead_partners", _keys(sorted(m.lead_partners.all(), key=_order)), [])
            put(entry, "lead_officer", m.lead_officer)
            put(entry, "depends_on", sorted(_keys(m.depends_on.all())), [])
            put(entry, "measures", sorted(_keys(m.measures.all())), [])
            put(entry, "ambitions", _keys(sorted(m.ambitions.all(), key=_order)), [])
            put(entry, "source", m.source)
            put(entry, "source_url", m.source_url)
            put(entry, "illustrative", m.illustrative, False)
            entries.append(entry)
        put(row, "milestones", entries, [])
        out.append(row)
    return out


def _order(item: Any) -> tuple[int, str]:
    return (item.order, item.key)


# ---- delivery plans -------------------------------------------------------------------------


def _declare_delivery_plans(ctx: CheckContext, value: Any) -> None:
    for i, plan in as_list(value):
        ctx.declare(ITEMS, plan.get("id"), DELIVERY_PLAN, ("delivery_plans", i, "id"))


def _check_delivery_plans(ctx: CheckContext, value: Any) -> None:
    big_thing_of = ctx.declared.get(_MILESTONE_BIG_THING, {})
    on_plan: dict[str, str] = {}
    for i, plan in as_list(value):
        path = ("delivery_plans", i)
        start, end = plan.get("start_year"), plan.get("end_year")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            ctx.error((*path, "end_year"), f"ends in {end}, before it starts ({start})")
        ctx.require(ITEMS, plan.get("lead_partner"), (*path, "lead_partner"), kinds=("partner",))
        serves = [b for b in plan.get("big_things") or [] if isinstance(b, str)]
        for k, ref in enumerate(plan.get("big_things") or []):
            ctx.require(ITEMS, ref, (*path, "big_things", k), kinds=("big_thing",))
        for k, ref in enumerate(plan.get("milestones") or []):
            ctx.require(ITEMS, ref, (*path, "milestones", k), kinds=(MILESTONE,))
            if not isinstance(ref, str) or ctx.kind_of(ITEMS, ref) != MILESTONE:
                continue
            if ref in on_plan:
                ctx.error(
                    (*path, "milestones", k),
                    f"'{ref}' is already on {on_plan[ref]}; a milestone belongs to one "
                    "delivery plan",
                )
            on_plan.setdefault(ref, f"delivery_plans[{i}]")
            big_thing = big_thing_of.get(ref, ("", ()))[0]
            if big_thing and big_thing not in serves:
                listed = ", ".join(serves) or "none"
                ctx.error(
                    (*path, "milestones", k),
                    f"'{ref}' is on the routemap of '{big_thing}', a big thing this plan does "
                    f"not serve (its big_things: {listed})",
                )


def _load_delivery_plans(ctx: LoadContext, value: Any) -> None:
    from onefuture.routemaps.services.plan import DeliveryPlanDefinition, delivery_plans_upsert

    delivery_plans_upsert(
        ctx=ctx,
        definitions=[
            DeliveryPlanDefinition(
                key=p["id"],
                title=p["title"],
                summary=p.get("summary", ""),
                start_year=p["start_year"],
                end_year=p["end_year"],
                lead_partner=p.get("lead_partner"),
                big_things=p.get("big_things", []),
                milestones=p.get("milestones", []),
                url=p.get("url", ""),
                source=p.get("source", ""),
                illustrative=p.get("illustrative", False),
            )
            for p in value or []
        ],
    )


def _dump_delivery_plans(place: Place) -> list[dict[str, Any]]:
    out = []
    plans = (
        DeliveryPlan.objects.filter(place=place)
        .select_related("lead_partner")
        .prefetch_related("big_things", "milestones")
        .order_by("order", "id")
    )
    for p in plans:
        row: dict[str, Any] = {"id": p.key, "title": p.title}
        put(row, "summary", p.summary)
        row["start_year"] = p.start_year
        row["end_year"] = p.end_year
        put(row, "lead_partner", p.lead_partner.key if p.lead_partner else None)
        put(row, "big_things", _keys(sorted(p.big_things.all(), key=_order)), [])
        ordered = sorted(
            p.milestones.all(),
            key=lambda m: (m.routemap.big_thing.order, m.order),
        )
        put(row, "milestones", _keys(ordered), [])
        put(row, "url", p.url)
        put(row, "source", p.source)
        put(row, "illustrative", p.illustrative, False)
        out.append(row)
    return out


def _declare_horizons_and_years(ctx: CheckContext, value: Any) -> None:
    _declare_horizons(ctx, value)
    _declare_horizon_years(ctx, value)


HORIZONS_SECTION = Section(
    name="horizons",
    order=82,
    schema=list_of(_HORIZON),
    declare=_declare_horizons_and_years,
    check=_check_horizons,
    load=_load_horizons,
    dump=_dump_horizons,
    description="The stretches of the vision's timeline routemaps are drawn in (id, title, "
    "start and end year); no two share a year.",
)

ROUTEMAPS_SECTION = Section(
    name="routemaps",
    order=84,
    schema=list_of(_ROUTEMAP),
    declare=_declare_routemaps,
    check=_check_routemaps,
    load=_load_routemaps,
    dump=_dump_routemaps,
    description="One routemap per big thing: its summary and dated milestones (leads, "
    "dependencies, measures, ambitions, planned status, weight, source).",
)

DELIVERY_PLANS_SECTION = Section(
    name="delivery_plans",
    order=86,
    schema=list_of(_DELIVERY_PLAN),
    declare=_declare_delivery_plans,
    check=_check_delivery_plans,
    load=_load_delivery_plans,
    dump=_dump_delivery_plans,
    description="Shorter strategies that deliver the vision (period, lead partner, big things) "
    "and the routemap milestones each holds.",
)

PLAN_SECTIONS = (HORIZONS_SECTION, ROUTEMAPS_SECTION, DELIVERY_PLANS_SECTION)
