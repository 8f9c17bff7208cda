"""The framework file's sections about the place itself: place, vision, areas, comparator groups."""

from __future__ import annotations

from typing import Any

from onefuture.framework.fileformat.parts import (
    AREA_CODE,
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
    CheckContext,
    LoadContext,
    Section,
    as_list,
)
from onefuture.framework.fileformat.yamltext import FlowMapping
from onefuture.framework.models import (
    Vision,
)
from onefuture.places.models import AREA_TYPE_RANK, Area, AreaType, ComparatorGroup, Place
from onefuture.places.terminology import TERM_FORMS, TERM_KEYS

# --- place -----------------------------------------------------------------------------------

PLACE_SCHEMA = object_of(
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
        "terminology": object_of(
            [],
            {
                key: object_of(
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
    put(out, "description", place.description)
    put(out, "logo", place.logo)
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
    put(out, "illustrative", vision.illustrative, False)
    return out


VISION = Section(
    name="vision",
    order=10,
    schema=object_of(
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
        put(row, "parent", area.parent.code if area.parent else None)
        put(row, "deprivation_decile", area.deprivation_decile)
        out.append(row)
    return out


AREAS = Section(
    name="areas",
    order=20,
    schema=list_of(
        object_of(
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
        put(row, "description", group.description)
        put(row, "subject", group.subject.code if group.subject else None)
        put(row, "areas", sorted(a.code for a in group.areas.all()), [])
        out.append(row)
    return out


COMPARATOR_GROUPS = Section(
    name="comparator_groups",
    order=30,
    schema=list_of(
        object_of(
            ["id", "name"],
            {
                "id": ID,
                "name": TEXT,
                "description": OPTIONAL_TEXT,
                "subject": AREA_CODE,
                "areas": list_of(AREA_CODE, uniqueItems=True),
            },
        )
    ),
    declare=_declare_groups,
    check=_check_groups,
    load=_load_groups,
    dump=_dump_groups,
    description="Named sets of areas to compare with (e.g. CIPFA nearest neighbours), by code.",
)
