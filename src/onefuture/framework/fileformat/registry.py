"""The registry of top-level sections of a framework file, and the contexts sections work in.

A framework file is a mapping of sections (``place:``, ``big_things:``, ``links:`` ...). Each
section is a :class:`Section`: its JSON Schema fragment, plus functions that declare the ids it
defines, check its references, load it into the database and dump it back. The loader knows no
section by name except ``place``; an app adds one from its ``AppConfig.ready()``::

    from onefuture.framework.fileformat import section_register
    section_register(MEASURES_SECTION)

Sections run in ``order`` (lower first; links are last, at 1000) for declaring, checking,
loading and dumping, so a section may refer to anything an earlier one declared or loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from onefuture.places.models import Place

#: The namespace of framework item ids: unique across every kind within a file (and a place).
ITEMS = "item"


def kind_words(kind: str) -> str:
    """``cross_cutting_ambition`` → ``cross-cutting ambition``: a kind as a reader says it."""
    return kind.replace("cross_cutting", "cross-cutting").replace("_", " ")


def path_text(path: tuple[str | int, ...] | list[str | int]) -> str:
    """``('links', 3, 'strength')`` → ``links[3].strength``; the empty path is the top level."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


@dataclass
class CheckContext:
    """What the sections of one file have declared, and the errors found so far."""

    errors: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)
    #: namespace → key → (kind, path where declared)
    declared: dict[str, dict[str, tuple[str, tuple[str | int, ...]]]] = field(default_factory=dict)
    #: The framework file's folder, which files it names (boundaries) are relative to; None
    #: when the framework was given as text.
    base_dir: Path | None = None

    def error(self, path: tuple[str | int, ...], message: str) -> None:
        self.errors.append((path, message))

    def declare(self, namespace: str, key: Any, kind: str, path: tuple[str | int, ...]) -> None:
        """Record that ``key`` is defined at ``path``; a second definition is an error."""
        if not isinstance(key, str) or not key:
            return  # the schema reports a missing or malformed id
        seen = self.declared.setdefault(namespace, {})
        if key in seen:
            what = "id" if namespace == ITEMS else namespace
            self.error(
                path,
                f"{what} '{key}' is used twice (first at {path_text(seen[key][1])}); "
                f"each {what} must be unique in the file",
            )
            return
        seen[key] = (kind, path)

    def kind_of(self, namespace: str, key: Any) -> str | None:
        """The kind declared for ``key``, or None if nothing in the file declares it."""
        if not isinstance(key, str):
            return None
        found = self.declared.get(namespace, {}).get(key)
        return found[0] if found else None

    def require(
        self,
        namespace: str,
        key: Any,
        path: tuple[str | int, ...],
        *,
        kinds: tuple[str, ...] = (),
        what: str = "id",
    ) -> None:
        """Report an error at ``path`` unless ``key`` is declared (and of one of ``kinds``)."""
        if not isinstance(key, str) or not key:
            return
        kind = self.kind_of(namespace, key)
        if kind is None:
            self.error(path, f"refers to unknown {what} '{key}'")
        elif kinds and kind not in kinds:
            wanted = " or ".join(kind_words(k) for k in kinds)
            self.error(path, f"'{key}' is a {kind_words(kind)}, but a {wanted} is needed")


_LOOK_UP = object()


@dataclass
class LoadContext:
    """The place being loaded and what earlier sections loaded, for later ones to refer to."""

    place: Place
    #: item id → model instance, for every linkable item loaded so far (links resolve by this)
    items: dict[str, models.Model] = field(default_factory=dict)
    #: area code → Area, once the areas section has loaded
    areas: dict[str, models.Model] = field(default_factory=dict)
    #: (model verbose name plural, "created" | "updated" | "deleted") → count
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: (model label, pk) of rows created by this load: later changes to them are not "updates"
    created: set[tuple[str, Any]] = field(default_factory=set)
    #: Recorded as the history's change reason on every row this load writes.
    reason: str = "loaded from a framework file"
    #: The framework file's folder, as in CheckContext.
    base_dir: Path | None = None

    def remember(self, item: models.Model) -> None:
        self.items[item.key] = item  # type: ignore[attr-defined]

    def upsert(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any],
        *,
        found: Any = _LOOK_UP,
    ) -> Any:
        """Create the row ``lookup`` names, or update the fields that differ; no-op if equal.

        Saving only what changed keeps a reload of the same file from writing anything (and
        from adding a history record per item on every ``make run``). A section that has
        fetched the existing rows in one query passes the match (or None) as ``found``.
        """
        obj = model._default_manager.filter(**lookup).first() if found is _LOOK_UP else found
        label = str(model._meta.verbose_name_plural)
        if obj is None:
            obj = model(**lookup, **values)
            obj._change_reason = self.reason  # type: ignore[attr-defined]
            obj.save(force_insert=True)
            self.counts[(label, "created")] += 1
            self.created.add((label, obj.pk))
            return obj
        changed = [name for name, value in values.items() if _differs(obj, name, value)]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj._change_reason = self.reason  # type: ignore[attr-defined]
            obj.save(update_fields=changed)
            self._count_update(label, obj.pk)
        return obj

    def create_many(self, model: type[models.Model], objs: list[Any]) -> list[Any]:
        """Insert new rows (and their history) in bulk; returns them with primary keys set."""
        if not objs:
            return []
        created = bulk_create_with_history(
            objs, model, batch_size=500, default_change_reason=self.reason
        )
        label = str(model._meta.verbose_name_plural)
        self.counts[(label, "created")] += len(created)
        self.created.update((label, obj.pk) for obj in created)
        return created

    def _count_update(self, label: str, pk: Any) -> None:
        if (label, pk) not in self.created:
            self.counts[(label, "updated")] += 1

    def set_many(self, obj: models.Model, name: str, targets: list[models.Model]) -> None:
        """Set a many-to-many field only if its members differ."""
        manager = getattr(obj, name)
        if {t.pk for t in manager.all()} != {t.pk for t in targets}:
            manager.set(targets)
            self._count_update(str(obj._meta.verbose_name_plural), obj.pk)

    def delete_rest(self, queryset: models.QuerySet, keep: list[Any]) -> None:
        """Delete the rows of ``queryset`` whose primary key is not in ``keep``.

        Deletes in chunks (SQLite limits the parameters of one query) through the ORM, so
        cascades and history records happen as usual; the history records then get the reason.
        """
        model = queryset.model
        kept = set(keep)
        doomed = [pk for pk in queryset.values_list("pk", flat=True) if pk not in kept]
        if not doomed:
            return
        started = timezone.now()
        for start in range(0, len(doomed), 500):
            model._default_manager.filter(pk__in=doomed[start : start + 500]).delete()
            history = getattr(model, "history", None)
            if history is not None:
                history.filter(
                    **{model._meta.pk.attname + "__in": doomed[start : start + 500]},
                    history_type="-",
                    history_date__gte=started,
                ).update(history_change_reason=self.reason)
        label = str(model._meta.verbose_name_plural)
        self.counts[(label, "deleted")] += len(doomed)


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    field_ = obj._meta.get_field(name)
    if field_.is_relation and field_.many_to_one:
        return getattr(obj, field_.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


@dataclass(frozen=True)
class Section:
    """One top-level key of the framework file.

    ``declare(ctx, value)`` records the ids the section defines; ``check(ctx, value)`` reports
    broken references (both must cope with values the schema rejected: use ``as_list`` and
    ``isinstance`` guards). ``load(ctx, value)`` writes the section, replacing what the place
    had (``value`` is None when the file leaves the section out: delete everything it owns).
    ``dump(place)`` returns the section's value, or None/empty to leave it out of the file.
    """

    name: str
    order: int
    schema: dict[str, Any]
    load: Callable[[LoadContext, Any], None]
    dump: Callable[[Place], Any]
    declare: Callable[[CheckContext, Any], None] | None = None
    check: Callable[[CheckContext, Any], None] | None = None
    required: bool = False
    #: Shown in docs/framework-format.md's section table.
    description: str = ""


_SECTIONS: dict[str, Section] = {}


def section_register(section: Section) -> None:
    """Add a top-level section to the framework file (call once, from ``AppConfig.ready()``)."""
    existing = _SECTIONS.get(section.name)
    if existing is not None and existing is not section:
        raise ValueError(f"A framework file section named '{section.name}' is already registered.")
    _SECTIONS[section.name] = section


def section_list() -> list[Section]:
    """Every registered section, in load (and dump) order."""
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.name))


def as_list(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(index, item)`` for each mapping in ``value`` if it is a list; nothing otherwise."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item
