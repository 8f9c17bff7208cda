"""The framework file's sections of linkable items: big things and outcomes, cross-cutting
ambitions, the previous plan's pillars and priorities, and the links between items."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

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
from onefuture.framework.fileformat.registry import (
    ITEMS,
    CheckContext,
    LoadContext,
    Section,
    as_list,
)
from onefuture.framework.models import (
    AmbitionApplication,
    BigThing,
    CrossCuttingAmbition,
    Link,
    LinkType,
    Outcome,
    Pillar,
    PredecessorPlan,
    Priority,
)
from onefuture.places.models import Place

# --- big things and outcomes -----------------------------------------------------------------


def _declare_big_things(ctx: CheckContext, value: Any) -> None:
    for i, big_thing in as_list(value):
        ctx.declare(ITEMS, big_thing.get("id"), "big_thing", ("big_things", i, "id"))
        for j, outcome in as_list(big_thing.get("outcomes")):
            path = ("big_things", i, "outcomes", j, "id")
            ctx.declare(ITEMS, outcome.get("id"), "outcome", path)


def _load_big_things(ctx: LoadContext, value: Any) -> None:
    kept_big_things, kept_outcomes = [], []
    for order, item in enumerate(value or [], start=1):
        big_thing = ctx.upsert(
            BigThing,
            {"place": ctx.place, "key": item["id"]},
            {
                "order": order,
                "title": item["title"],
                "summary": item.get("summary", ""),
                "summary_illustrative": item.get("summary_illustrative", False),
                "illustrative": item.get("illustrative", False),
            },
        )
        ctx.remember(big_thing)
        kept_big_things.append(big_thing.pk)
        for outcome_order, outcome in enumerate(item.get("outcomes", []), start=1):
            obj = ctx.upsert(
                Outcome,
                {"place": ctx.place, "key": outcome["id"]},
                {
                    "big_thing": big_thing,
                    "order": outcome_order,
                    "statement": outcome["statement"],
                    "illustrative": outcome.get("illustrative", False),
                },
            )
            ctx.remember(obj)
            kept_outcomes.append(obj.pk)
    ctx.delete_rest(Outcome.objects.filter(place=ctx.place), kept_outcomes)
    ctx.delete_rest(BigThing.objects.filter(place=ctx.place), kept_big_things)


def _dump_big_things(place: Place) -> list[dict[str, Any]]:
    out = []
    for big_thing in BigThing.objects.filter(place=place).order_by("order", "key"):
        row: dict[str, Any] = {"id": big_thing.key, "title": big_thing.title}
        put(row, "summary", big_thing.summary)
        put(row, "summary_illustrative", big_thing.summary_illustrative, False)
        put(row, "illustrative", big_thing.illustrative, False)
        outcomes = []
        for outcome in big_thing.outcomes.order_by("order", "key"):
            o: dict[str, Any] = {"id": outcome.key, "statement": outcome.statement}
            put(o, "illustrative", outcome.illustrative, False)
            outcomes.append(o)
        put(row, "outcomes", outcomes, [])
        out.append(row)
    return out


BIG_THINGS = Section(
    name="big_things",
    order=50,
    schema=list_of(
        object_of(
            ["id", "title"],
            {
                "id": ID,
                "title": TEXT,
                "summary": OPTIONAL_TEXT,
                "summary_illustrative": ILLUSTRATIVE,
                "illustrative": ILLUSTRATIVE,
                "outcomes": list_of(
                    object_of(
                        ["id", "statement"],
                        {"id": ID, "statement": TEXT, "illustrative": ILLUSTRATIVE},
                    )
                ),
            },
        )
    ),
    declare=_declare_big_things,
    load=_load_big_things,
    dump=_dump_big_things,
    description="The long-term priorities in order, each with its outcome statements.",
)


# --- cross-cutting ambitions -----------------------------------------------------------------


def _declare_ambitions(ctx: CheckContext, value: Any) -> None:
    for i, ambition in as_list(value):
        path = ("cross_cutting_ambitions", i, "id")
        ctx.declare(ITEMS, ambition.get("id"), "cross_cutting_ambition", path)


def _check_ambitions(ctx: CheckContext, value: Any) -> None:
    for i, ambition in as_list(value):
        seen: set[str] = set()
        for j, application in as_list(ambition.get("applies_to")):
            path = ("cross_cutting_ambitions", i, "applies_to", j, "big_thing")
            key = application.get("big_thing")
            ctx.require(ITEMS, key, path, kinds=("big_thing",))
            if isinstance(key, str) and key in seen:
                ctx.error(path, f"says twice how this ambition applies to '{key}'")
            seen.add(key)  # type: ignore[arg-type]


def _load_ambitions(ctx: LoadContext, value: Any) -> None:
    kept, kept_applications = [], []
    for order, item in enumerate(value or [], start=1):
        ambition = ctx.upsert(
            CrossCuttingAmbition,
            {"place": ctx.place, "key": item["id"]},
            {
                "order": order,
                "title": item["title"],
                "summary": item.get("summary", ""),
                "illustrative": item.get("illustrative", False),
            },
        )
        ctx.remember(ambition)
        kept.append(ambition.pk)
        for application in item.get("applies_to", []):
            obj = ctx.upsert(
                AmbitionApplication,
                {"ambition": ambition, "big_thing": ctx.items[application["big_thing"]]},
                {
                    "how": application["how"],
                    "illustrative": application.get("illustrative", False),
                },
            )
            kept_applications.append(obj.pk)
    ctx.delete_rest(
        AmbitionApplication.objects.filter(ambition__place=ctx.place), kept_applications
    )
    ctx.delete_rest(CrossCuttingAmbition.objects.filter(place=ctx.place), kept)


def _dump_ambitions(place: Place) -> list[dict[str, Any]]:
    out = []
    for ambition in CrossCuttingAmbition.objects.filter(place=place).order_by("order", "key"):
        row: dict[str, Any] = {"id": ambition.key, "title": ambition.title}
        put(row, "summary", ambition.summary)
        put(row, "illustrative", ambition.illustrative, False)
        applications = []
        for application in ambition.applications.select_related("big_thing").order_by(
            "big_thing__order", "big_thing__key"
        ):
            a: dict[str, Any] = {"big_thing": application.big_thing.key, "how": application.how}
            put(a, "illustrative", application.illustrative, False)
            applications.append(a)
        put(row, "applies_to", applications, [])
        out.append(row)
    return out


CROSS_CUTTING_AMBITIONS = Section(
    name="cross_cutting_ambitions",
    order=60,
    schema=list_of(
        object_of(
            ["id", "title"],
            {
                "id": ID,
                "title": TEXT,
                "summary": OPTIONAL_TEXT,
                "illustrative": ILLUSTRATIVE,
                "applies_to": list_of(
                    object_of(
                        ["big_thing", "how"],
                        {"big_thing": ID, "how": TEXT, "illustrative": ILLUSTRATIVE},
                    )
                ),
            },
        )
    ),
    declare=_declare_ambitions,
    check=_check_ambitions,
    load=_load_ambitions,
    dump=_dump_ambitions,
    description="Lenses that run through every big thing, and how each applies to each.",
)


# --- the previous plan: pillars and priorities -----------------------------------------------


def _declare_predecessor(ctx: CheckContext, value: Any) -> None:
    if not isinstance(value, dict):
        return
    for i, pillar in as_list(value.get("pillars")):
        ctx.declare(ITEMS, pillar.get("id"), "pillar", ("predecessor", "pillars", i, "id"))
        for j, priority in as_list(pillar.get("priorities")):
            path = ("predecessor", "pillars", i, "priorities", j, "id")
            ctx.declare(ITEMS, priority.get("id"), "priority", path)


def _check_predecessor(ctx: CheckContext, value: Any) -> None:
    if not isinstance(value, dict):
        return
    start, horizon = value.get("start_year"), value.get("horizon_year")
    if isinstance(start, int) and isinstance(horizon, int) and horizon < start:
        ctx.error(("predecessor", "horizon_year"), f"must not be before start_year ({start})")
    for i, pillar in as_list(value.get("pillars")):
        for j, priority in as_list(pillar.get("priorities")):
            keys = priority.get("big_things")
            for k, key in enumerate(keys if isinstance(keys, list) else []):
                path = ("predecessor", "pillars", i, "priorities", j, "big_things", k)
                ctx.require(ITEMS, key, path, kinds=("big_thing",))


def _load_predecessor(ctx: LoadContext, value: Any) -> None:
    if value is None:
        ctx.delete_rest(PredecessorPlan.objects.filter(place=ctx.place), [])
        return
    plan = ctx.upsert(
        PredecessorPlan,
        {"place": ctx.place},
        {
            "title": value["title"],
            "start_year": value.get("start_year"),
            "horizon_year": value.get("horizon_year"),
            "summary": value.get("summary", ""),
        },
    )
    kept_pillars, kept_priorities = [], []
    for order, item in enumerate(value.get("pillars", []), start=1):
        pillar = ctx.upsert(
            Pillar,
            {"place": ctx.place, "key": item["id"]},
            {
                "plan": plan,
                "order": order,
                "title": item["title"],
                "focus": item.get("focus", ""),
                "illustrative": item.get("illustrative", False),
            },
        )
        ctx.remember(pillar)
        kept_pillars.append(pillar.pk)
        for priority_order, p in enumerate(item.get("priorities", []), start=1):
            priority = ctx.upsert(
                Priority,
                {"place": ctx.place, "key": p["id"]},
                {
                    "pillar": pillar,
                    "order": priority_order,
                    "title": p["title"],
                    "focus": p.get("focus", ""),
                    "illustrative": p.get("illustrative", False),
                },
            )
            ctx.set_many(priority, "big_things", [ctx.items[k] for k in p.get("big_things", [])])
            ctx.remember(priority)
            kept_priorities.append(priority.pk)
    ctx.delete_rest(Priority.objects.filter(place=ctx.place), kept_priorities)
    ctx.delete_rest(Pillar.objects.filter(place=ctx.place), kept_pillars)


def _dump_predecessor(place: Place) -> dict[str, Any] | None:
    plan = PredecessorPlan.objects.filter(place=place).first()
    if plan is None:
        return None
    out: dict[str, Any] = {"title": plan.title}
    put(out, "start_year", plan.start_year)
    put(out, "horizon_year", plan.horizon_year)
    put(out, "summary", plan.summary)
    pillars = []
    for pillar in plan.pillars.order_by("order", "key"):
        row: dict[str, Any] = {"id": pillar.key, "title": pillar.title}
        put(row, "focus", pillar.focus)
        put(row, "illustrative", pillar.illustrative, False)
        priorities = []
        for priority in pillar.priorities.order_by("order", "key"):
            p: dict[str, Any] = {"id": priority.key, "title": priority.title}
            put(p, "focus", priority.focus)
            put(p, "illustrative", priority.illustrative, False)
            keys = [bt.key for bt in priority.big_things.order_by("order", "key")]
            put(p, "big_things", keys, [])
            priorities.append(p)
        put(row, "priorities", priorities, [])
        pillars.append(row)
    put(out, "pillars", pillars, [])
    return out


PREDECESSOR = Section(
    name="predecessor",
    order=70,
    schema=object_of(
        ["title"],
        {
            "title": TEXT,
            "start_year": YEAR,
            "horizon_year": YEAR,
            "summary": OPTIONAL_TEXT,
            "pillars": list_of(
                object_of(
                    ["id", "title"],
                    {
                        "id": ID,
                        "title": TEXT,
                        "focus": OPTIONAL_TEXT,
                        "illustrative": ILLUSTRATIVE,
                        "priorities": list_of(
                            object_of(
                                ["id", "title"],
                                {
                                    "id": ID,
                                    "title": TEXT,
                                    "focus": OPTIONAL_TEXT,
                                    "illustrative": ILLUSTRATIVE,
                                    "big_things": list_of(ID, uniqueItems=True),
                                },
                            )
                        ),
                    },
                )
            ),
        },
        description="The plan the vision succeeds, its pillars and priorities, each priority "
        "mapped to the big things that carry it forward.",
    ),
    declare=_declare_predecessor,
    check=_check_predecessor,
    load=_load_predecessor,
    dump=_dump_predecessor,
    description="The previous plan: pillars, priorities and the big things each maps to.",
)


# --- links -----------------------------------------------------------------------------------


def _check_links(ctx: CheckContext, value: Any) -> None:
    """The link rules of :func:`onefuture.framework.services.link_validate`, which the admin
    applies too; a malformed entry is left to the schema."""
    from onefuture.framework.services import link_validate

    known = ctx.declared.get(ITEMS, {})
    taken: dict[tuple[str, str, str], str] = {}
    for i, link in as_list(value):
        source, target, type_ = link.get("from"), link.get("to"), link.get("type")
        if not (isinstance(source, str) and source and isinstance(target, str) and target):
            continue
        type_ = type_ if isinstance(type_, str) else ""
        for problem in link_validate(
            source=source, target=target, type=type_, known=known, taken=taken
        ):
            path = ("links", i, problem.field) if problem.field else ("links", i)
            ctx.error(path, problem.message)
        if type_:
            taken.setdefault((source, target, type_), f"links[{i}]")


def _load_links(ctx: LoadContext, value: Any) -> None:
    kept = []
    for order, link in enumerate(value or [], start=1):
        source, target = ctx.items[link["from"]], ctx.items[link["to"]]
        obj = ctx.upsert(
            Link,
            {
                "place": ctx.place,
                "from_type": ContentType.objects.get_for_model(source),
                "from_id": source.pk,
                "to_type": ContentType.objects.get_for_model(target),
                "to_id": target.pk,
                "type": link["type"],
            },
            {
                "strength": link["strength"],
                "rationale": link.get("rationale", ""),
                "illustrative": link.get("illustrative", False),
                "order": order,
            },
        )
        kept.append(obj.pk)
    ctx.delete_rest(Link.objects.filter(place=ctx.place), kept)


def _dump_links(place: Place) -> list[dict[str, Any]]:
    out = []
    links = Link.objects.filter(place=place).prefetch_related("from_item", "to_item")
    for link in links.order_by("order", "id"):
        if link.from_item is None or link.to_item is None:
            continue
        row: dict[str, Any] = {
            "from": link.from_item.key,
            "to": link.to_item.key,
            "type": link.type,
            "strength": link.strength,
        }
        put(row, "rationale", link.rationale)
        put(row, "illustrative", link.illustrative, False)
        out.append(row)
    return out


LINKS = Section(
    name="links",
    order=1000,
    schema=list_of(
        object_of(
            ["from", "to", "type", "strength"],
            {
                "from": ID,
                "to": ID,
                "type": {"enum": [t.value for t in LinkType]},
                "strength": {
                    "type": "integer",
                    "minimum": -3,
                    "maximum": 3,
                    "description": "-3 strongly works against ... +3 strongly reinforces.",
                },
                "rationale": OPTIONAL_TEXT,
                "illustrative": ILLUSTRATIVE,
            },
        )
    ),
    check=_check_links,
    load=_load_links,
    dump=_dump_links,
    description="Typed relations between any two items, by id: from, to, type, strength, "
    "rationale.",
)
