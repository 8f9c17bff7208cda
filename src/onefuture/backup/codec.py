"""One column's value to JSON and back, the same on SQLite and PostgreSQL.

Dates and times as ISO 8601 (datetimes in UTC), decimals as text, binary as base64, durations as
microseconds, JSON fields as JSON (written with sorted keys, since PostgreSQL's ``jsonb`` reorders
them), content types and permissions as natural keys (their ids differ between databases).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models


def line_dumps(row: dict[str, Any]) -> str:
    """One JSON Lines line: sorted keys, no spaces, UTF-8 as is, a newline."""
    return json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


class NaturalKeys:
    """Content types and permissions by natural key, both ways, read once per backup."""

    def __init__(self) -> None:
        self._types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.order_by("pk")}
        self._type_ids = {key: pk for pk, key in self._types.items()}
        self._permissions = {
            pk: (app_label, model, codename)
            for pk, app_label, model, codename in Permission.objects.values_list(
                "pk", "content_type__app_label", "content_type__model", "codename"
            )
        }
        self._permission_ids = {key: pk for pk, key in self._permissions.items()}

    def encode(self, field: models.ForeignKey, value: int) -> list[str]:
        table = self._types if field.related_model is ContentType else self._permissions
        return list(table[value])

    def decode(self, field: models.ForeignKey, value: Any) -> int:
        is_type = field.related_model is ContentType
        size = 2 if is_type else 3
        if not (
            isinstance(value, list)
            and len(value) == size
            and all(isinstance(v, str) for v in value)
        ):
            shape = "[app label, model]" if is_type else "[app label, model, codename]"
            raise ValueError(f"a natural key {shape} was expected, not {value!r}")
        table = self._type_ids if is_type else self._permission_ids
        found = table.get(tuple(value))
        if found is None:
            what = "content type" if is_type else "permission"
            raise ValueError(
                f"this database has no {what} {'.'.join(value)} (is it migrated? "
                "run `onefuture migrate`)"
            )
        return found


def is_natural(field: models.Field) -> bool:
    return isinstance(field, models.ForeignKey) and field.related_model in (
        ContentType,
        Permission,
    )


def value_encode(field: models.Field, value: Any, keys: NaturalKeys) -> Any:
    """The JSON form of ``value``, as read from the database for ``field``."""
    if value is None:
        return None
    if is_natural(field):
        return keys.encode(field, value)  # type: ignore[arg-type]
    if isinstance(field, models.DateTimeField):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(field, models.DateField | models.TimeField):
        return value.isoformat()
    if isinstance(field, models.DecimalField | models.UUIDField):
        return str(value)
    if isinstance(field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(field, models.DurationField):
        return value // dt.timedelta(microseconds=1)
    return value


def value_decode(field: models.Field, value: Any, keys: NaturalKeys) -> Any:
    """The Python value for ``field`` from its JSON form; ValueError says what is wrong."""
    if value is None:
        if not field.null:
            raise ValueError("is empty (null) but the field requires a value")
        return None
    if is_natural(field):
        return keys.decode(field, value)  # type: ignore[arg-type]
    try:
        if isinstance(field, models.JSONField):
            return value
        if isinstance(field, models.BinaryField):
            return base64.b64decode(value, validate=True)
        if isinstance(field, models.DurationField):
            if not isinstance(value, int):
                raise ValueError(f"microseconds (a whole number) were expected, not {value!r}")
            return dt.timedelta(microseconds=value)
        if isinstance(field, models.ForeignKey):
            return field.target_field.to_python(value)
        return field.to_python(value)
    except ValidationError as error:
        raise ValueError("; ".join(error.messages)) from None
    except (TypeError, ValueError) as error:
        raise ValueError(f"{value!r} is not a valid value ({error})") from None
