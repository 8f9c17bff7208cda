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
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import ProtectedError
from django.dispatch import Signal

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.framework.fileformat.registry import (
    CheckContext,
    LoadContext,
    path_text,
    section_list,
)
from onefuture.framework.fileformat.schema import _path_key, schema_errors
from onefuture.framework.fileformat.yamltext import YamlTextError, yaml_parse, yaml_render
from onefuture.framework.models import Link
from onefuture.places.models import Place

FORMAT_VERSION = 1

#: Sent after a framework file was written, inside its transaction, with ``place=`` the place
#: it loaded: what depends on the whole framework (the site search's index) rebuilds itself.
framework_loaded = Signal()


class FrameworkFileError(ApplicationError):
    """A framework file that cannot be loaded; ``errors`` lists every problem found.

    Each detail's ``field`` is the 0-based path in the file (``links[3].strength``), empty for
    a problem with the file as a whole (not found, not UTF-8, YAML syntax). Details keep the
    file's order: a person reads them top to bottom beside the file.
    """

    sort_details = False

    def __init__(self, errors: Iterable[ErrorDetail | str], *, source: str = "") -> None:
        details = [e if isinstance(e, ErrorDetail) else ErrorDetail(message=e) for e in errors]
        self.source = source
        where = f"{source}: " if source else ""
        count = f"{len(details)} error{'s' if len(details) != 1 else ''}"
        super().__init__(f"{where}{count}, nothing was changed:", errors=details)


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


def framework_check(*, data: Any, base_dir: Path | None = None) -> list[ErrorDetail]:
    """Every error in a parsed framework file, by path (``field``), in document order.

    ``base_dir`` is the file's folder: files the framework names (boundaries) are read from it.
    """
    found = list(schema_errors(data))
    context = CheckContext(base_dir=base_dir)
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
    return [ErrorDetail(field=path_text(path), message=message) for path, message in unique]


def framework_read(*, path: Path | str) -> str:
    """The text of a framework file; raises FrameworkFileError if it cannot be read."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problem = f"file not found: {path}"
    except IsADirectoryError:
        problem = f"{path} is a directory, not a framework file"
    except UnicodeDecodeError as error:
        problem = f"{path} is not UTF-8 text (byte {error.start} cannot be read)"
    except OSError as error:
        problem = f"cannot read {path}: {error.strerror}"
    raise FrameworkFileError([problem], source=str(path))


def framework_parse(*, text: str, source: str = "", base_dir: Path | None = None) -> dict[str, Any]:
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
    errors = framework_check(data=data, base_dir=base_dir)
    if errors:
        raise FrameworkFileError(errors, source=source)
    return data


@transaction.atomic
def _framework_write(
    *, data: dict[str, Any], source: str, base_dir: Path | None = None
) -> LoadReport:
    slug = data["place"]["slug"]
    place, created = Place.objects.get_or_create(
        slug=slug, defaults={"name": data["place"]["name"]}
    )
    # Two loads of one place at once would interleave their deletions: the second waits here.
    place = Place.objects.select_for_update().get(pk=place.pk)
    reason = f"loaded from {source}" if source else "loaded from a framework file"
    context = LoadContext(place=place, reason=reason, base_dir=base_dir)
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
        text = framework_read(path=path)
    base_dir = Path(path).parent if path is not None else None
    data = framework_parse(text=text or "", source=source, base_dir=base_dir)
    try:
        with transaction.atomic():
            report = _framework_write(data=data, source=source, base_dir=base_dir)
            framework_loaded.send(sender=framework_load, place=report.place)
        return report
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


class LinkError(ApplicationError):
    """A link that breaks a link rule; each detail's ``field`` is ``from``, ``to`` or empty."""


def link_validate(
    *,
    source: str,
    target: str,
    type: str,
    known: Collection[str],
    taken: Mapping[tuple[str, str, str], str] | None = None,
) -> list[ErrorDetail]:
    """Every rule a link breaks, wherever it is written: the framework file and the admin.

    ``source`` and ``target`` are item ids; ``known`` holds every id of the place's linkable
    items (the ids the file declares, or the database's); ``taken`` maps the ends and type of
    the place's other links to where each is written (``links[2]``, ``an existing link``).
    Each problem is an :class:`ErrorDetail` whose ``field`` is ``from``, ``to`` or ``""`` (the
    link as a whole); the same words reach the person whichever way the link came in.
    """
    problems = [
        ErrorDetail(field=end, message=f"refers to unknown id '{key}'")
        for end, key in (("from", source), ("to", target))
        if key not in known
    ]
    if source == target:
        problems.append(ErrorDetail(field="to", message=f"a link cannot join '{source}' to itself"))
    elif (source, target, type) in (taken or {}):
        problems.append(
            ErrorDetail(
                message=f"repeats {(taken or {})[(source, target, type)]} ({source} {type}"
                f" {target}); give each pair of items one link of each type"
            )
        )
    return problems


def link_problems(*, link: Link, source: Any, target: Any) -> list[ErrorDetail]:
    """What :func:`link_save` would refuse: both ends in the link's place, then the rules of
    :func:`link_validate` against the place's items and other links (a form shows these)."""
    from django.contrib.contenttypes.models import ContentType

    from onefuture.framework.items import linkable_models

    problems = [
        ErrorDetail(field=end, message=f"'{item.key}' belongs to {item.place}, not to {link.place}")
        for end, item in (("from", source), ("to", target))
        if item.place_id != link.place_id
    ]
    if not problems:
        others = Link.objects.filter(place_id=link.place_id).exclude(pk=link.pk)
        same_ends = others.filter(
            from_type=ContentType.objects.get_for_model(source),
            from_id=source.pk,
            to_type=ContentType.objects.get_for_model(target),
            to_id=target.pk,
            type=link.type,
        )
        taken = (
            {(source.key, target.key, link.type): "an existing link"} if same_ends.exists() else {}
        )
        known = {
            key
            for model in linkable_models().values()
            for key in model._default_manager.filter(
                place_id=link.place_id, key__in=[source.key, target.key]
            ).values_list("key", flat=True)
        }
        problems = link_validate(
            source=source.key, target=target.key, type=link.type, known=known, taken=taken
        )
    return problems


@transaction.atomic
def link_save(*, link: Link, source: Any, target: Any, reason: str = "") -> Link:
    """Save ``link`` (new or changed) between two items of its place, or raise LinkError.

    The admin's link form saves through here, so a link made by hand obeys the rules of
    :func:`link_validate` exactly as a link in the framework file does.
    """
    from django.contrib.contenttypes.models import ContentType

    problems = link_problems(link=link, source=source, target=target)
    if problems:
        raise LinkError("This link cannot be saved:", errors=problems)
    link.from_type = ContentType.objects.get_for_model(source)
    link.from_id = source.pk
    link.to_type = ContentType.objects.get_for_model(target)
    link.to_id = target.pk
    link._change_reason = reason or None  # type: ignore[attr-defined]
    link.save()
    return link


def framework_dump(*, place: Place) -> str:
    """The place's framework as canonical YAML text (stable order; defaults left out)."""
    data: dict[str, Any] = {"version": FORMAT_VERSION}
    for section in section_list():
        value = section.dump(place)
        if value not in (None, [], {}):
            data[section.name] = value
    return yaml_render(data)
