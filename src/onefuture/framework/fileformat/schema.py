"""The framework file's JSON Schema, composed from the registered sections, and its messages.

One source of truth: the schema is built here from each section's fragment;
``docs/framework.schema.json`` is this schema written out by ``onefuture framework schema``, and
a test fails if the two differ. jsonschema's own messages ("-5 is less than the minimum of -3")
are rewritten into the plain English the format document lists ("must be between -3 and 3").
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from onefuture.framework.fileformat.registry import section_list

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

#: Reusable definitions; a section's fragment refers to them as {"$ref": "#/$defs/id"}.
DEFS: dict[str, Any] = {
    "id": {
        "type": "string",
        "pattern": ID_PATTERN,
        "maxLength": 100,
        "description": "A stable id: lowercase letters and digits in words joined by single "
        "hyphens, e.g. good-jobs-and-homes. Unique across the whole file.",
    },
    "text": {"type": "string", "minLength": 1},
    "optional_text": {"type": "string"},
    "year": {"type": "integer", "minimum": 1900, "maximum": 2200},
    "illustrative": {
        "type": "boolean",
        "description": "true for demo content, shown to readers as 'illustrative example'.",
    },
    "area_code": {"type": "string", "pattern": r"^[A-Za-z0-9]{1,20}$"},
}

SCHEMA_ID = "https://github.com/onefuture/onefuture/docs/framework.schema.json"


def framework_schema() -> dict[str, Any]:
    """The JSON Schema of a whole framework file, with every registered section."""
    sections = section_list()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "onefuture framework file",
        "description": "One place's framework: vision, big things, cross-cutting ambitions, "
        "outcomes, the previous plan, partners, areas and the links between items. "
        "Documented in docs/framework-format.md.",
        "type": "object",
        "required": ["place"] + [s.name for s in sections if s.required and s.name != "place"],
        "additionalProperties": False,
        "properties": {
            "version": {
                "const": 1,
                "description": "Version of this file format (1). Optional; dumps write it.",
            },
            **{s.name: s.schema for s in sections},
        },
        "$defs": DEFS,
    }


def framework_schema_text() -> str:
    """The schema as the text of docs/framework.schema.json (stable key order, newline at end)."""
    return json.dumps(framework_schema(), indent=2, ensure_ascii=False) + "\n"


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: ValidationError) -> tuple[tuple[str | int, ...], str]:
    """The path and plain-English message for one jsonschema error."""
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in (value or {})]
        return path, f"missing required field '{missing[0] if missing else error.message}'"
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        names = ", ".join(f"'{name}'" for name in extra)
        plural = "s" if len(extra) != 1 else ""
        return path, f"unknown field{plural} {names} (allowed: {', '.join(allowed)})"
    if kind == "type":
        types = error.validator_value
        types = types if isinstance(types, list) else [types]
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        return path, f"must be {wanted}, not {_shown(value)}"
    if kind in {"minimum", "maximum"}:
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return path, f"must be between {low} and {high}, not {_shown(value)}"
        bound = "at least" if kind == "minimum" else "at most"
        return path, f"must be {bound} {error.validator_value}, not {_shown(value)}"
    if kind == "exclusiveMinimum":
        return path, f"must be more than {error.validator_value}, not {_shown(value)}"
    if kind == "exclusiveMaximum":
        return path, f"must be less than {error.validator_value}, not {_shown(value)}"
    if kind == "maxItems":
        return path, f"must list at most {error.validator_value} item(s)"
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return path, f"must be one of: {choices} (not {_shown(value)})"
    if kind == "const":
        return path, f"must be {_shown(error.validator_value)}, not {_shown(value)}"
    if kind == "pattern":
        if error.validator_value == ID_PATTERN:
            return path, (
                f"{_shown(value)} is not a valid id: use lowercase letters and digits in words "
                "joined by single hyphens, e.g. good-jobs-and-homes"
            )
        return path, f"{_shown(value)} is not in the expected form ({error.validator_value})"
    if kind == "minLength":
        return path, "must not be empty"
    if kind == "maxLength":
        return path, f"must be at most {error.validator_value} characters long"
    if kind == "minItems":
        return path, f"must list at least {error.validator_value} item(s)"
    if kind == "uniqueItems":
        return path, "lists the same value more than once"
    return path, error.message


def schema_errors(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Every schema violation in ``data`` as (path, message), in document order."""
    validator = Draft202012Validator(framework_schema())
    found = [_message(error) for error in validator.iter_errors(data)]
    return sorted(found, key=lambda item: _path_key(item[0], data))


def _path_key(path: tuple[str | int, ...], data: Any) -> tuple[Any, ...]:
    """Sort key placing errors in the order their fields appear in the file."""
    key: list[Any] = []
    node = data
    for part in path:
        if isinstance(part, int):
            key.append(part)
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            names = list(node) if isinstance(node, dict) else []
            key.append(names.index(part) if part in names else len(names))
            node = node.get(part) if isinstance(node, dict) else None
    return tuple(key)
