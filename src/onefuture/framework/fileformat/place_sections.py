"""The framework file's sections about the place itself: place, vision, areas, boundaries,
comparator groups."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
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
from onefuture.places.models import (
    AREA_TYPE_RANK,
    Area,
    AreaType,
    Boundary,
    BoundarySet,
    ComparatorGroup,
    Place,
)
from onefuture.places.selectors import boundary_set_list
from onefuture.places.services import (
    BoundaryFileError,
    boundary_features_check,
    boundary_file_read,
    boundary_set_load,
)
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
        # Declared with its type as the kind, so boundaries can check a ward's shape is a ward's.
        kind = area.get("type") if area.get("type") in AREA_TYPE_RANK else "area"
        ctx.declare("area", area.get("code"), kind, ("areas", i, "code"))


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


# --- boundaries ------------------------------------------------------------------------------

#: How many of a boundaries file's problems are listed; the rest are counted.
BOUNDARY_ERRORS_SHOWN = 20


def _boundary_path(base_dir: Path | None, file: str) -> tuple[Path | None, str]:
    """Where a boundaries file named in the framework file is, or None and why it cannot be used.

    Only paths inside the framework file's folder: the folder stays self-contained (copy it and
    the maps come too), and a framework file cannot read other files on the server.
    """
    if base_dir is None:
        return None, (
            "the framework was given as text, not as a file, so its boundaries file cannot be "
            "found: load the framework file itself (onefuture framework load FILE)"
        )
    relative = PurePosixPath(file)
    if relative.is_absolute() or ".." in relative.parts or "\\" in file or ":" in file:
        return None, (
            f"'{file}' must be a path inside the framework file's folder, written with '/' "
            "and without '..' (e.g. geo/wards.geojson)"
        )
    return base_dir / relative, ""


def _check_boundaries(ctx: CheckContext, value: Any) -> None:
    areas = {code: kind for code, (kind, _) in ctx.declared.get("area", {}).items()}
    first: dict[str, int] = {}
    for i, entry in as_list(value):
        area_type, file, code_property = (
            entry.get("area_type"),
            entry.get("file"),
            entry.get("code_property"),
        )
        if area_type in first:
            ctx.error(
                ("boundaries", i, "area_type"),
                f"{area_type} boundaries are already given at boundaries[{first[area_type]}]; "
                "give one file per type of area",
            )
            continue
        if not (
            area_type in AREA_TYPE_RANK
            and isinstance(file, str)
            and file
            and isinstance(code_property, str)
            and code_property
        ):
            continue  # the schema reports what is missing or malformed
        first[area_type] = i
        path, problem = _boundary_path(ctx.base_dir, file)
        if path is None:
            ctx.error(("boundaries", i, "file"), problem)
            continue
        try:
            collection = boundary_file_read(path=path)
        except BoundaryFileError as error:
            ctx.error(("boundaries", i, "file"), error.message)
            continue
        _, errors = boundary_features_check(
            collection=collection,
            code_property=code_property,
            area_type=area_type,
            areas=areas,
            place_name="this place",
        )
        for detail in errors[:BOUNDARY_ERRORS_SHOWN]:
            ctx.error(("boundaries", i, "file"), f"{file}: {detail}")
        if len(errors) > BOUNDARY_ERRORS_SHOWN:
            ctx.error(
                ("boundaries", i, "file"),
                f"{file}: ... and {len(errors) - BOUNDARY_ERRORS_SHOWN} more problems",
            )


def _load_boundaries(ctx: LoadContext, value: Any) -> None:
    kept = []
    for entry in value or []:
        path, problem = _boundary_path(ctx.base_dir, entry["file"])
        if path is None:  # the check refuses such a file; reached only if it was skipped
            raise BoundaryFileError(problem)
        report = boundary_set_load(
            place=ctx.place,
            area_type=entry["area_type"],
            collection=boundary_file_read(path=path),
            code_property=entry["code_property"],
            attribution=entry["attribution"],
            name=entry.get("name", ""),
            source=entry.get("source", ""),
            licence=entry.get("licence", ""),
            file=entry["file"],
            reason=ctx.reason,
        )
        sets = str(BoundarySet._meta.verbose_name_plural)
        shapes = str(Boundary._meta.verbose_name_plural)
        if report.set_created:
            ctx.counts[(sets, "created")] += 1
        elif report.set_updated:
            ctx.counts[(sets, "updated")] += 1
        for action in ("created", "updated", "deleted"):
            if getattr(report, action):
                ctx.counts[(shapes, action)] += getattr(report, action)
        kept.append(report.boundary_set.pk)
    ctx.delete_rest(BoundarySet.objects.filter(place=ctx.place), kept)


def _dump_boundaries(place: Place) -> list[dict[str, Any]]:
    out = []
    for boundary_set in boundary_set_list(place=place):
        row: dict[str, Any] = {
            "file": boundary_set.file,
            "area_type": boundary_set.area_type,
            "code_property": boundary_set.code_property,
        }
        put(row, "name", boundary_set.name)
        put(row, "source", boundary_set.source)
        put(row, "licence", boundary_set.licence)
        row["attribution"] = boundary_set.attribution
        out.append(row)
    return out


BOUNDARIES = Section(
    name="boundaries",
    order=25,
    schema=list_of(
        object_of(
            ["file", "area_type", "code_property", "attribution"],
            {
                "file": {
                    "type": "string",
                    "minLength": 1,
                    "description": "A GeoJSON FeatureCollection in WGS84 longitude/latitude, one "
                    "feature per area, relative to the framework file's folder, e.g. "
                    "geo/wards.geojson.",
                },
                "area_type": {"enum": [t.value for t in AreaType]},
                "code_property": {
                    "type": "string",
                    "minLength": 1,
                    "description": "The feature property holding each area's code, e.g. WD23CD.",
                },
                "name": {
                    **OPTIONAL_TEXT,
                    "description": "The boundaries and their vintage, e.g. Wards (May 2023).",
                },
                "source": {**OPTIONAL_TEXT, "description": "Who published them."},
                "licence": {**OPTIONAL_TEXT, "description": "e.g. Open Government Licence v3.0."},
                "attribution": {
                    **TEXT,
                    "description": "The words the licence requires on every map drawn from them.",
                },
            },
        )
    ),
    check=_check_boundaries,
    load=_load_boundaries,
    dump=_dump_boundaries,
    description="Area shapes for maps: a GeoJSON file per type of area, with its source, "
    "licence and the attribution shown under every map.",
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
