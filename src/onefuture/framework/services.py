"""Writes to a place's framework: load a framework file, and dump one back.

``framework_load(path=...)`` (or ``text=``) replaces the framework of the place the file names
(``place.slug``) in one transaction. It first checks the whole file and collects every error:

1. YAML syntax (line and column), a key repeated in one mapping, a missing or unreadable file;
2. the JSON Schema (``framework_schema()``, published as docs/framework.schema.json);
3. the sections' own rules: ids unique across the file, links and mappings that name ids the
   file does not define, area parents that do not exist or form a cycle, years out of order.

If anything is wrong it raises :class:`FrameworkFileError` listing every error by 0-based path
(``links[3].strength: must be between -3 and 3, not 5``) and writes nothing. Otherwise each
registered section loads in order, matching items by their stable ids, updating only fields that
differ and deleting what the file no longer has. ``framework_dump(place=...)`` writes the
canonical text; dump → load → dump gives the same text.

Extending the file: an app registers a :class:`onefuture.framework.fileformat.Section` from
its ``AppConfig.ready()`` (see docs/framework-format.md, "Adding a section").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import ProtectedError

from onefuture.framework.fileformat.registry import (
    CheckContext,
    LoadContext,
    path_text,
    section_list,
)
from onefuture.framework.fileformat.schema import _path_key, schema_errors
from onefuture.framework.fileformat.yamltext import YamlTextError, yaml_parse, yaml_render
from onefuture.places.models import Place

FORMAT_VERSION = 1


class FrameworkFileError(Exception):
    """A framework file that cannot be loaded; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str], *, source: str = "") -> None:
        self.errors = errors
        self.source = source
        where = f"{source}: " if source else ""
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        super().__init__(f"{where}{count}, nothing was changed:\n" + "\n".join(errors))


@dataclass
class LoadReport:
    """What a load did: the place, whether it was new, and counts of rows changed."""

    place: Place
    place_created: bool
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return self.place_created or any(self.counts.values())

    def lines(self) -> list[str]:
        """One line per kind of row that changed, e.g. 'big things: 5 created'."""
        by_label: dict[str, list[str]] = {}
        for (label, action), number in sorted(self.counts.items()):
            by_label.setdefault(label, []).append(f"{number} {action}")
        return [f"{label}: {', '.join(parts)}" for label, parts in sorted(by_label.items())]


def framework_check(*, data: Any) -> list[str]:
    """Every error in a parsed framework file, as 'path: message' lines in document order."""
    found = list(schema_errors(data))
    context = CheckContext()
    sections = section_list()
    values = data if isinstance(data, dict) else {}
    for section in sections:
        if section.declare and section.name in values:
            section.declare(context, values[section.name])
    for section in sections:
        if section.check and section.name in values:
            section.check(context, values[section.name])
    found.extend(context.errors)
    unique = list(dict.fromkeys(found))  # the schema and a check may report the same thing
    unique.sort(key=lambda item: _path_key(item[0], data))
    return [f"{path_text(path)}: {message}" for path, message in unique]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FrameworkFileError([f"file not found: {path}"]) from None
    except IsADirectoryError:
        raise FrameworkFileError([f"{path} is a directory, not a framework file"]) from None
    except UnicodeDecodeError as error:
        raise FrameworkFileError(
            [f"{path} is not UTF-8 text (byte {error.start} cannot be read)"]
        ) from None
    except OSError as error:
        raise FrameworkFileError([f"cannot read {path}: {error.strerror}"]) from None


def framework_parse(*, text: str, source: str = "") -> dict[str, Any]:
    """The checked content of a framework file; raises FrameworkFileError listing every error."""
    try:
        data = yaml_parse(text)
    except YamlTextError as error:
        raise FrameworkFileError([f"YAML syntax: {error}"], source=source) from None
    if data is None:
        raise FrameworkFileError(
            ["the file is empty: it needs at least a 'place:' section with slug and name"],
            source=source,
        )
    errors = framework_check(data=data)
    if errors:
        raise FrameworkFileError(errors, source=source)
    return data


@transaction.atomic
def _framework_write(*, data: dict[str, Any], source: str) -> LoadReport:
    slug = data["place"]["slug"]
    place, created = Place.objects.get_or_create(
        slug=slug, defaults={"name": data["place"]["name"]}
    )
    # Two loads of one place at once would interleave their deletions: the second waits here.
    place = Place.objects.select_for_update().get(pk=place.pk)
    reason = f"loaded from {source}" if source else "loaded from a framework file"
    context = LoadContext(place=place, reason=reason)
    if created:
        context.created.add((str(Place._meta.verbose_name_plural), place.pk))
    for section in section_list():
        section.load(context, data.get(section.name))
    return LoadReport(place=place, place_created=created, counts=context.counts)


def framework_load(*, path: Path | str | None = None, text: str | None = None) -> LoadReport:
    """Replace the framework of the place the file names, in one transaction; all or nothing.

    Give ``path`` (a file) or ``text`` (its content). Raises FrameworkFileError with every
    problem found, in which case the database is unchanged.
    """
    if (path is None) == (text is None):
        raise TypeError("framework_load takes exactly one of path= or text=")
    source = str(path) if path is not None else ""
    if path is not None:
        try:
            text = _read(Path(path))
        except FrameworkFileError as error:
            raise FrameworkFileError(error.errors, source=source) from None
    data = framework_parse(text=text or "", source=source)
    try:
        return _framework_write(data=data, source=source)
    except ProtectedError as error:
        blocked = sorted({str(obj) for obj in error.protected_objects})[:5]
        raise FrameworkFileError(
            [
                "the file removes items that other records still use "
                f"({', '.join(blocked)}); keep those items in the file or remove the records "
                "that use them first"
            ],
            source=source,
        ) from None
    except (IntegrityError, DatabaseError) as error:
        raise FrameworkFileError(
            [f"the database refused the change: {error}"], source=source
        ) from None


def framework_dump(*, place: Place) -> str:
    """The place's framework as canonical YAML text (stable order; defaults left out)."""
    data: dict[str, Any] = {"version": FORMAT_VERSION}
    for section in section_list():
        value = section.dump(place)
        if value not in (None, [], {}):
            data[section.name] = value
    return yaml_render(data)
