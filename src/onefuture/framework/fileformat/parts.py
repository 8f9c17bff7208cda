"""Pieces every framework-file section uses: schema fragments and the dump helper."""

from __future__ import annotations

from typing import Any

ID = {"$ref": "#/$defs/id"}
TEXT = {"$ref": "#/$defs/text"}
OPTIONAL_TEXT = {"$ref": "#/$defs/optional_text"}
YEAR = {"$ref": "#/$defs/year"}
ILLUSTRATIVE = {"$ref": "#/$defs/illustrative"}
AREA_CODE = {"$ref": "#/$defs/area_code"}


def object_of(required: list[str], properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
        **extra,
    }


def list_of(item: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": item, **extra}


def put(out: dict[str, Any], name: str, value: Any, default: Any = "") -> None:
    """Add ``name: value`` to a dumped mapping unless it is the default (keeps files short)."""
    if value != default and value is not None:
        out[name] = value
