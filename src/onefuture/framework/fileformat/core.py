"""The framework file's own sections: place, vision, areas, comparator groups, big things,
cross-cutting ambitions, the previous plan, and links.

Each section replaces what the place had: items are matched by their stable id (areas by code,
ambition applications by ambition and big thing, links by their two ends and type); matched
items are updated only where a field differs; items missing from the file are deleted.
Lists keep the file's order (an ``order`` field), except areas and comparator groups, which
have no natural order and are written sorted by type and code, and by id.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from onefuture.framework.fileformat.registry import (
    ITEMS,
    CheckContext,
    LoadContext,
    Section,
    as_list,
)
from onefuture.framework.fileformat.yamltext import FlowMapping
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
    Vision,
)
from onefuture.places.models import AREA_TYPE_RANK, Area, AreaType, ComparatorGroup, Place
from onefuture.places.terminology import TERM_FORMS, TERM_KEYS

ID = {"$ref": "#/$defs/id"}
TEXT = {"$ref": "#/$defs/text"}
OPTIONAL_TEXT = {"$ref": "#/$defs/optional_text"}
YEAR = {"$ref": "#/$defs/year"}
ILLUSTRATIVE = {"$ref": "#/$defs/illustrative"}
AREA_CODE = {"$ref": "#/$defs/area_code"}


def _object(required: list[str], properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
        **extra,
    }


def _list_of(item: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": item, **extra}


def _put(out: dict[str, Any], name: str, value: Any, default: Any = "") -> None:
    """Add ``name: value`` to a dumped mapping unless it is the default (keeps files short)."""
    if value != default and value is not None:
        out[name] = value


# --- place -----------------------------------------------------------------------------------

PLACE_SCHEMA = _object(
    ["slug", "name"],
    {
        "slug": {
            "type": "string",
            "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$",
            "maxLength": 50,
            "description": "The place's id in URLs and on the command line, e.g. stockport.",
        },
        "name": TEXT,
        "description": OPTIONAL_TEXT,
        "logo": {
            **OPTIONAL_TEXT,
            "description": "Path of a logo under the static files, e.g. places/stockport.svg.",
        },
        "terminology": _object(
            [],
            {
                key: _object(
                    [],
                    {form: {"type": "string", "minLength": 1} for form in TERM_FORMS},
                )
                for key in TERM_KEYS
            },
            description="The place's own words for concepts, e.g. big_thing: "
            "{singular: mission, plural: missions}.",
        ),
    },
)


def _load_place(ctx: LoadContext, value: Any) -> None:
    # The place itself was created or matched by the loader (it needs the slug first);
    # here the other fields are brought up to date.
    ctx.upsert(
        Place,
        {"pk": ctx.place.pk},
        {
            "name": value["name"],
            "description": value.get("description", ""),
            "logo": value.get("logo", ""),
            "terminology": value.get("terminology", {}),
        },
    )
    ctx.place.refresh_from_db()


def _dump_place(place: Place) -> dict[str, Any]:
    out: dict[str, Any] = {"slug": place.slug, "name": place.name}
    _put(out, "description", place.description)
    _put(out, "logo", place.logo)
    if place.terminology:
        # In the fixed order of TERM_KEYS: PostgreSQL's jsonb does not keep the file's order.
        out["terminology"] = {
            key: {
                form: place.terminology[key][form]
                for form in TERM_FORMS
                if form in place.terminology[key]
            }
            for key in TERM_KEYS
            if isinstance(place.terminology.get(key), dict)
        }
    return out


PLACE = Section(
    name="place",
    order=0,
    required=True,
    schema=PLACE_SCHEMA,
    load=_load_place,
    dump=_dump_place,
    description="The place: slug, name, description, logo and its own words for concepts.",
)


# --- vision ----------------------------------------------------------------------------------


def _check_vision(ctx: CheckContext, value: Any) -> None:
    if not isinstance(value, dict):
        return
    start, horizon = value.get("start_year"), value.get("horizon_year")
    if isinstance(start, int) and isinstance(horizon, int) and horizon < start:
        ctx.error(
            ("vision", "horizon_year"),
            f"must not be before start_year ({horizon} is before {start})",
        )


def _load_vision(ctx: LoadContext, value: Any) -> None:
    if value is None:
        ctx.delete_rest(Vision.objects.filter(place=ctx.place), [])
        return
    ctx.upsert(
        Vision,
        {"place": ctx.place},
        {
            "title": value["title"],
            "statement": value["statement"],
            "start_year": value["start_year"],
            "horizon_year": value["horizon_year"],
            "illustrative": value.get("illustrative", False),
        },
    )


def _dump_vision(place: Place) -> dict[str, Any] | None:
    vision = Vision.objects.filter(place=place).first()
    if vision is None:
        return None
    out = {
        "title": vision.title,
        "statement": vision.statement,
        "start_year": vision.start_year,
        "horizon_year": vision.horizon_year,
    }
    _put(out, "illustrative", vision.illustrative, False)
    return out


VISION = Section(
    name="vision",
    order=10,
    schema=_object(
        ["title", "statement", "start_year", "horizon_year"],
        {
            "title": TEXT,
            "statement": TEXT,
            "start_year": YEAR,
            "horizon_year": YEAR,
            "illustrative": ILLUSTRATIVE,
        },
    ),
    check=_check_vision,
    load=_load_vision,
    dump=_dump_vision,
    description="The long-term statement, its start year and horizon year.",
)


# --- areas -----------------------------------------------------------------------------------


def _declare_areas(ctx: CheckContext, value: Any) -> None:
    for i, area in as_list(value):
        ctx.declare("area", area.get("code"), "area", ("areas", i, "code"))


def _check_areas(ctx: CheckContext, value: Any) -> None:
    parents = {
        area["code"]: area.get("parent")
        for _, area in as_list(value)
        if isinstance(area.get("code"), str)
    }
    types = {area["code"]: area.get("type") for _, area in as_list(value) if "code" in area}
    for i, area in as_list(value):
        parent, code = area.get("parent"), area.get("code")
        if parent is None:
            continue
        if parent == code:
            ctx.error(("areas", i, "parent"), f"area '{code}' cannot be its own parent")
            continue
        ctx.require("area", parent, ("areas", i, "parent"), what="area code")
        child_rank = AREA_TYPE_RANK.get(types.get(code))  # type: ignore[arg-type]
        parent_rank = AREA_TYPE_RANK.get(types.get(parent))  # type: ignore[arg-type]
        if child_rank is not None and parent_rank is not None and parent_rank >= child_rank:
            ctx.error(
                ("areas", i, "parent"),
                f"the parent of a {types[code]} must be a broader type of area, "
                f"but '{parent}' is a {types[parent]}",
            )
        # A chain of parents must end: a cycle would make "all wards of England" loop forever.
        seen, node = {code}, parent
        while node in parents and parents[node] is not None:
            if node in seen:
                ctx.error(("areas", i, "parent"), f"area '{code}' is inside itself (a cycle)")
                break
            seen.add(node)
            node = parents[node]


def _load_areas(ctx: LoadContext, value: Any) -> None:
    rows = list(value or [])
    existing = {a.code: a for a in Area.objects.filter(place=ctx.place)}
    # Broadest type first: a parent is always of a broader type (the check says so), so it is
    # in ctx.areas before its children are written, and each new area is written once, in bulk
    # (a national file has tens of thousands of small areas).
    for rank in sorted({AREA_TYPE_RANK[row["type"]] for row in rows}):
        new = []
        for area in (row for row in rows if AREA_TYPE_RANK[row["type"]] == rank):
            values = {
                "name": area["name"],
                "type": area["type"],
                "deprivation_decile": area.get("deprivation_decile"),
                "parent": ctx.areas[area["parent"]] if area.get("parent") else None,
            }
            found = existing.get(area["code"])
            if found is None:
                new.append(Area(place=ctx.place, code=area["code"], **values))
            else:
                lookup = {"place": ctx.place, "code": area["code"]}
                ctx.areas[area["code"]] = ctx.upsert(Area, lookup, values, found=found)
        for obj in ctx.create_many(Area, new):
            ctx.areas[obj.code] = obj
    ctx.delete_rest(Area.objects.filter(place=ctx.place), [a.pk for a in ctx.areas.values()])


def _dump_areas(place: Place) -> list[dict[str, Any]]:
    areas = sorted(
        Area.objects.filter(place=place).select_related("parent"),
        key=lambda a: (AREA_TYPE_RANK[a.type], a.code),
    )
    out = []
    for area in areas:
        row = FlowMapping(code=area.code, name=area.name, type=area.type)
        _put(row, "parent", area.parent.code if area.parent else None)
        _put(row, "deprivation_decile", area.deprivation_decile)
        out.append(row)
    return out


AREAS = Section(
    name="areas",
    order=20,
    schema=_list_of(
        _object(
            ["code", "name", "type"],
            {
                "code": AREA_CODE,
                "name": TEXT,
                "type": {"enum": [t.value for t in AreaType]},
                "parent": AREA_CODE,
                "deprivation_decile": {"type": "integer", "minimum": 1, "maximum": 10},
            },
        )
    ),
    declare=_declare_areas,
    check=_check_areas,
    load=_load_areas,
    dump=_dump_areas,
    description="Geographies with official codes: country, region, local authority, ward, "
    "small area; each may name its parent and a deprivation decile.",
)


# --- comparator groups -----------------------------------------------------------------------


def _declare_groups(ctx: CheckContext, value: Any) -> None:
    for i, group in as_list(value):
        ctx.declare("comparator group", group.get("id"), "group", ("comparator_groups", i, "id"))


def _check_groups(ctx: CheckContext, value: Any) -> None:
    for i, group in as_list(value):
        ctx.require(
            "area", group.get("subject"), ("comparator_groups", i, "subject"), what="area code"
        )
        areas = group.get("areas")
        for j, code in enumerate(areas if isinstance(areas, list) else []):
            ctx.require("area", code, ("comparator_groups", i, "areas", j), what="area code")


def _load_groups(ctx: LoadContext, value: Any) -> None:
    kept = []
    for group in value or []:
        subject = ctx.areas[group["subject"]] if group.get("subject") else None
        obj = ctx.upsert(
            ComparatorGroup,
            {"place": ctx.place, "slug": group["id"]},
            {
                "name": group["name"],
                "description": group.get("description", ""),
                "subject": subject,
            },
        )
        ctx.set_many(obj, "areas", [ctx.areas[code] for code in group.get("areas", [])])
        kept.append(obj.pk)
    ctx.delete_rest(ComparatorGroup.objects.filter(place=ctx.place), kept)


def _dump_groups(place: Place) -> list[dict[str, Any]]:
    out = []
    groups = ComparatorGroup.objects.filter(place=place).select_related("subject")
    for group in groups.prefetch_related("areas").order_by("slug"):
        row: dict[str, Any] = {"id": group.slug, "name": group.name}
        _put(row, "description", group.description)
        _put(row, "subject", group.subject.code if group.subject else None)
        _put(row, "areas", sorted(a.code for a in group.areas.all()), [])
        out.append(row)
    return out


COMPARATOR_GROUPS = Section(
    name="comparator_groups",
    order=30,
    schema=_list_of(
        _object(
            ["id", "name"],
            {
                "id": ID,
                "name": TEXT,
                "description": OPTIONAL_TEXT,
                "subject": AREA_CODE,
                "areas": _list_of(AREA_CODE, uniqueItems=True),
            },
        )
    ),
    declare=_declare_groups,
    check=_check_groups,
    load=_load_groups,
    dump=_dump_groups,
    description="Named sets of areas to compare with (e.g. CIPFA nearest neighbours), by code.",
)


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
        _put(row, "summary", big_thing.summary)
        _put(row, "summary_illustrative", big_thing.summary_illustrative, False)
        _put(row, "illustrative", big_thing.illustrative, False)
        outcomes = []
        for outcome in big_thing.outcomes.order_by("order", "key"):
            o: dict[str, Any] = {"id": outcome.key, "statement": outcome.statement}
            _put(o, "illustrative", outcome.illustrative, False)
            outcomes.append(o)
        _put(row, "outcomes", outcomes, [])
        out.append(row)
    return out


BIG_THINGS = Section(
    name="big_things",
    order=50,
    schema=_list_of(
        _object(
            ["id", "title"],
            {
                "id": ID,
                "title": TEXT,
                "summary": OPTIONAL_TEXT,
                "summary_illustrative": ILLUSTRATIVE,
                "illustrative": ILLUSTRATIVE,
                "outcomes": _list_of(
                    _object(
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
        _put(row, "summary", ambition.summary)
        _put(row, "illustrative", ambition.illustrative, False)
        applications = []
        for application in ambition.applications.select_related("big_thing").order_by(
            "big_thing__order", "big_thing__key"
        ):
            a: dict[str, Any] = {"big_thing": application.big_thing.key, "how": application.how}
            _put(a, "illustrative", application.illustrative, False)
            applications.append(a)
        _put(row, "applies_to", applications, [])
        out.append(row)
    return out


CROSS_CUTTING_AMBITIONS = Section(
    name="cross_cutting_ambitions",
    order=60,
    schema=_list_of(
        _object(
            ["id", "title"],
            {
                "id": ID,
                "title": TEXT,
                "summary": OPTIONAL_TEXT,
                "illustrative": ILLUSTRATIVE,
                "applies_to": _list_of(
                    _object(
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
    _put(out, "start_year", plan.start_year)
    _put(out, "horizon_year", plan.horizon_year)
    _put(out, "summary", plan.summary)
    pillars = []
    for pillar in plan.pillars.order_by("order", "key"):
        row: dict[str, Any] = {"id": pillar.key, "title": pillar.title}
        _put(row, "focus", pillar.focus)
        _put(row, "illustrative", pillar.illustrative, False)
        priorities = []
        for priority in pillar.priorities.order_by("order", "key"):
            p: dict[str, Any] = {"id": priority.key, "title": priority.title}
            _put(p, "focus", priority.focus)
            _put(p, "illustrative", priority.illustrative, False)
            keys = [bt.key for bt in priority.big_things.order_by("order", "key")]
            _put(p, "big_things", keys, [])
            priorities.append(p)
        _put(row, "priorities", priorities, [])
        pillars.append(row)
    _put(out, "pillars", pillars, [])
    return out


PREDECESSOR = Section(
    name="predecessor",
    order=70,
    schema=_object(
        ["title"],
        {
            "title": TEXT,
            "start_year": YEAR,
            "horizon_year": YEAR,
            "summary": OPTIONAL_TEXT,
            "pillars": _list_of(
                _object(
                    ["id", "title"],
                    {
                        "id": ID,
                        "title": TEXT,
                        "focus": OPTIONAL_TEXT,
                        "illustrative": ILLUSTRATIVE,
                        "priorities": _list_of(
                            _object(
                                ["id", "title"],
                                {
                                    "id": ID,
                                    "title": TEXT,
                                    "focus": OPTIONAL_TEXT,
                                    "illustrative": ILLUSTRATIVE,
                                    "big_things": _list_of(ID, uniqueItems=True),
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
    seen: dict[tuple[Any, Any, Any], int] = {}
    for i, link in as_list(value):
        source, target, type_ = link.get("from"), link.get("to"), link.get("type")
        ctx.require(ITEMS, source, ("links", i, "from"))
        ctx.require(ITEMS, target, ("links", i, "to"))
        if isinstance(source, str) and source == target:
            ctx.error(("links", i, "to"), f"a link cannot join '{source}' to itself")
        triple = (source, target, type_)
        if all(isinstance(x, str) for x in triple):
            if triple in seen:
                ctx.error(
                    ("links", i),
                    f"repeats links[{seen[triple]}] ({source} {type_} {target}); "
                    "give each pair of items one link of each type",
                )
            else:
                seen[triple] = i


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
        _put(row, "rationale", link.rationale)
        _put(row, "illustrative", link.illustrative, False)
        out.append(row)
    return out


LINKS = Section(
    name="links",
    order=1000,
    schema=_list_of(
        _object(
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

CORE_SECTIONS = (
    PLACE,
    VISION,
    AREAS,
    COMPARATOR_GROUPS,
    BIG_THINGS,
    CROSS_CUTTING_AMBITIONS,
    PREDECESSOR,
    LINKS,
)
