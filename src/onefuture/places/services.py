"""Writes about places: loading or replacing a place's boundaries for one type of area.

Boundaries arrive as a GeoJSON FeatureCollection in WGS84 longitude/latitude (what ONS Open
Geography, OS and most councils' GIS export), one feature per area, the area's code in one of the
feature's properties (``WD23CD`` in ONS ward files). Two front ends write them, both through
:func:`boundary_set_load`: the framework file's ``boundaries:`` section and
``onefuture data boundaries FILE``. Either way the file lands whole or not at all, and every
problem is reported by feature index and property (``features[3].properties.WD23CD``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.places.models import Area, AreaType, Boundary, BoundarySet, Place

#: The shapes an area can have; points and lines are not boundaries.
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


class BoundaryFileError(ApplicationError):
    """A boundaries file that cannot be loaded; ``errors`` names each feature and property."""


@dataclass
class BoundaryLoadReport:
    """What a load did to one boundary set: rows created, updated, deleted; areas left out."""

    boundary_set: BoundarySet
    set_created: bool = False
    #: The set's own fields that changed (name, licence, attribution, file ...).
    set_changed: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    deleted: int = 0
    #: Codes of the place's areas of this type that the file has no feature for (allowed: the
    #: map draws the areas it has shapes for).
    missing: list[str] = field(default_factory=list)

    @property
    def set_updated(self) -> bool:
        return bool(self.set_changed)

    @property
    def changed(self) -> bool:
        return self.set_created or self.set_updated or bool(self.created + self.updated)


def boundary_file_read(*, path: Path) -> Any:
    """The parsed JSON of a boundaries file; raises BoundaryFileError saying why it cannot."""
    try:
        with path.open("rb") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise BoundaryFileError(f"{path}: file not found.") from None
    except IsADirectoryError:
        raise BoundaryFileError(f"{path} is a folder, not a GeoJSON file.") from None
    except UnicodeDecodeError as error:
        raise BoundaryFileError(
            f"{path} is not UTF-8 text (byte {error.start} cannot be read): "
            "export it as GeoJSON in UTF-8."
        ) from None
    except json.JSONDecodeError as error:
        raise BoundaryFileError(
            f"{path} is not GeoJSON: line {error.lineno}, column {error.colno}: {error.msg}. "
            "Export the boundaries as GeoJSON (a FeatureCollection in WGS84)."
        ) from None
    except OSError as error:
        raise BoundaryFileError(f"cannot read {path}: {error.strerror}.") from None


def boundary_features_check(
    *,
    collection: Any,
    code_property: str,
    area_type: str,
    areas: Mapping[str, str],
    place_name: str,
) -> tuple[dict[str, dict[str, Any]], list[ErrorDetail]]:
    """Each feature's geometry by area code, and every problem found, by feature and property.

    ``areas`` maps each of the place's area codes to its type (from the database, or from the
    framework file being checked). A feature must name, in ``code_property``, an area of the
    place of ``area_type``, once; its geometry must be a Polygon or MultiPolygon in longitude
    and latitude. The place's areas the file leaves out are not an error.
    """
    errors: list[ErrorDetail] = []

    def error(where: str, message: str) -> None:
        errors.append(ErrorDetail(field=where, message=message))

    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        found = (
            f"its type is '{collection.get('type')}'"
            if isinstance(collection, dict)
            else f"its top level is {_json_kind(collection)}"
        )
        error("type", f"must be a GeoJSON FeatureCollection, but {found}")
        return {}, errors
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        error("features", "must be a list of at least one feature")
        return {}, errors
    kind = AreaType(area_type).label.lower()
    shapes: dict[str, dict[str, Any]] = {}
    first_seen: dict[str, int] = {}
    for i, feature in enumerate(features):
        where = f"features[{i}]"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            error(where, "must be a GeoJSON Feature (with type, properties and geometry)")
            continue
        properties = feature.get("properties")
        code = properties.get(code_property) if isinstance(properties, dict) else None
        prop = f"{where}.properties.{code_property}"
        if not isinstance(properties, dict) or code_property not in properties:
            has = ", ".join(sorted(properties)) if isinstance(properties, dict) else "none"
            error(
                prop,
                f"missing: the feature has no property '{code_property}' (its properties: "
                f"{has}); give the property that holds each area's code",
            )
        elif not isinstance(code, str) or not code.strip():
            error(prop, f"must be an area code as text, not {json.dumps(code)}")
        elif code in first_seen:
            error(
                prop,
                f"'{code}' is also the code of features[{first_seen[code]}]; "
                "each area needs exactly one feature",
            )
        elif code not in areas:
            error(
                prop,
                f"'{code}' is not an area of {place_name}; remove the feature or add the area "
                "to the place's areas first",
            )
        elif areas[code] != area_type:
            error(prop, f"'{code}' is a {_type_words(areas[code])} of {place_name}, not a {kind}")
        else:
            first_seen[code] = i
        geometry = feature.get("geometry")
        problem = _geometry_problem(geometry)
        if problem:
            error(f"{where}.geometry", problem)
        elif isinstance(code, str) and first_seen.get(code) == i:
            shapes[code] = geometry  # type: ignore[assignment]
    return shapes, errors


def _geometry_problem(geometry: Any) -> str:
    """Why ``geometry`` is not a usable area shape in longitude/latitude, or '' if it is."""
    if not isinstance(geometry, dict):
        return "missing: each feature needs a Polygon or MultiPolygon geometry"
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return f"must be a Polygon or MultiPolygon, not {json.dumps(kind)}"
    depth = 3 if kind == "Polygon" else 4
    try:
        positions = list(_positions(geometry.get("coordinates"), depth))
    except ValueError as error:
        return f"coordinates of a {kind} {error}"
    if not positions:
        return f"a {kind} with no coordinates"
    for x, y in positions:
        if not (-180 <= x <= 180 and -90 <= y <= 90):
            return (
                f"coordinates ({x:g}, {y:g}) are not longitude and latitude: export the file "
                "in WGS84 (EPSG:4326), not in a projection such as British National Grid"
            )
    return ""


def _positions(value: Any, depth: int) -> Iterator[tuple[float, float]]:
    """Every (x, y) of a nest of ``depth`` lists; ValueError if the nesting is wrong."""
    if not isinstance(value, list):
        raise ValueError("must be nested lists of [longitude, latitude] pairs")
    if depth == 1:
        if len(value) < 2 or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value[:2]
        ):
            raise ValueError(f"must be nested lists of [longitude, latitude] pairs, not {value}")
        yield float(value[0]), float(value[1])
        return
    for item in value:
        yield from _positions(item, depth - 1)


def _json_kind(value: Any) -> str:
    return {list: "a list", str: "text", bool: "true or false", type(None): "null"}.get(
        type(value), "a number"
    )


def _type_words(area_type: str) -> str:
    try:
        return AreaType(area_type).label.lower()
    except ValueError:
        return area_type


def boundary_digest(shapes: Mapping[str, Any]) -> str:
    """SHA-256 of the shapes by code, independent of the file's order and formatting."""
    text = json.dumps(shapes, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def boundary_set_load(
    *,
    place: Place,
    area_type: str,
    collection: Any,
    code_property: str,
    attribution: str,
    name: str = "",
    source: str = "",
    licence: str = "",
    file: str = "",
    reason: str = "",
) -> BoundaryLoadReport:
    """Load or replace ``place``'s boundaries for ``area_type`` from a GeoJSON FeatureCollection.

    All or nothing: raises BoundaryFileError listing every problem by feature and property,
    and then writes nothing. Shapes are matched to areas by code; a shape that is unchanged is
    not written again, and areas the file no longer has lose their shape. ``reason`` is the
    history's change reason for the set.
    """
    if area_type not in AreaType.values:
        raise BoundaryFileError(
            f"'{area_type}' is not a type of area; use one of {', '.join(AreaType.values)}."
        )
    if not attribution.strip():
        raise BoundaryFileError(
            "The boundaries need an attribution: the words their licence requires under every "
            "map (for ONS boundaries: 'Contains National Statistics and OS data © Crown "
            "copyright and database right <year>')."
        )
    areas = dict(Area.objects.filter(place=place).values_list("code", "type"))
    shapes, errors = boundary_features_check(
        collection=collection,
        code_property=code_property,
        area_type=area_type,
        areas=areas,
        place_name=place.name,
    )
    if errors:
        raise BoundaryFileError(
            f"{file or 'The boundaries file'} has {len(errors)} problem(s), so nothing was loaded:",
            errors=errors,
        )
    digest = boundary_digest(shapes)
    values = {
        "name": name,
        "source": source,
        "licence": licence,
        "attribution": attribution,
        "file": file,
        "code_property": code_property,
        "digest": digest,
    }
    boundary_set = (
        BoundarySet.objects.select_for_update().filter(place=place, area_type=area_type).first()
    )
    report = BoundaryLoadReport(boundary_set=boundary_set)  # type: ignore[arg-type]
    if boundary_set is None:
        boundary_set = BoundarySet(place=place, area_type=area_type, **values)
        boundary_set._change_reason = reason  # type: ignore[attr-defined]
        boundary_set.save(force_insert=True)
        report.set_created = True
        old_digest = ""
    else:
        old_digest = boundary_set.digest
        changed = [k for k, v in values.items() if getattr(boundary_set, k) != v]
        if changed:
            for k in changed:
                setattr(boundary_set, k, values[k])
            boundary_set._change_reason = reason  # type: ignore[attr-defined]
            boundary_set.save(update_fields=changed)
            report.set_changed = [k for k in changed if k != "digest"]
    report.boundary_set = boundary_set
    if digest != old_digest:
        _shapes_write(boundary_set=boundary_set, shapes=shapes, report=report)
    report.missing = sorted(c for c, kind in areas.items() if kind == area_type and c not in shapes)
    return report


def _shapes_write(
    *, boundary_set: BoundarySet, shapes: Mapping[str, Any], report: BoundaryLoadReport
) -> None:
    """Bring the set's rows in line with ``shapes``: create, update what differs, delete rest."""
    area_ids = dict(
        Area.objects.filter(place=boundary_set.place_id, code__in=list(shapes)).values_list(
            "code", "pk"
        )
    )
    existing = {b.area_id: b for b in Boundary.objects.filter(boundary_set=boundary_set)}
    new, changed = [], []
    for code, geometry in shapes.items():
        found = existing.pop(area_ids[code], None)
        if found is None:
            new.append(
                Boundary(boundary_set=boundary_set, area_id=area_ids[code], geometry=geometry)
            )
        elif found.geometry != geometry:
            found.geometry = geometry
            changed.append(found)
    # An area has one shape; one held by another set is stale (the area's type changed since).
    stale = Boundary.objects.filter(area_id__in=[area_ids[c] for c in shapes])
    stale.exclude(boundary_set=boundary_set).delete()
    Boundary.objects.filter(pk__in=[b.pk for b in existing.values()]).delete()
    Boundary.objects.bulk_create(new, batch_size=500)
    Boundary.objects.bulk_update(changed, ["geometry"], batch_size=500)
    report.created, report.updated, report.deleted = len(new), len(changed), len(existing)


@transaction.atomic
def boundary_set_delete(*, boundary_set: BoundarySet, reason: str = "") -> None:
    """Delete a set and its shapes (the maps drawn from it are then not drawn)."""
    boundary_set._change_reason = reason  # type: ignore[attr-defined]
    boundary_set.delete()
