"""Which models a backup holds, in which order, and which rows of each belong to a place.

Every model in Django's app registry (auto-created many-to-many tables and django-simple-history's
historical tables included) is either exported or listed in :data:`EXCLUDED` with the reason; a
model that is neither cannot happen, because every model not excluded is exported, and one that
has no way to its place makes :func:`catalogue` fail with its name (tests/backup/test_catalogue.py
builds it).

A row belongs to the place when it is the place, has a foreign key to it, or points (through the
first foreign key that leads there: ``history`` for a historical many-to-many row) at a row that
does, live or historical: a target of a measure that was deleted is still the place's, through
the measure's history. People, groups and their permissions are not a place's: a backup holds
the users its rows name (members, authors, reviewers, history's users), the groups they are in
and those tables' links (:data:`PEOPLE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import Q

from onefuture.core.errors import ApplicationError

#: Models a backup leaves out, each with the reason (``app_label.model_name``, lower case).
EXCLUDED: dict[str, str] = {
    "admin.logentry": (
        "the Django admin's log of edits, site-wide (every place's objects by content type and "
        "text id), not a place's record; the place's own history travels in its history tables"
    ),
    "auth.permission": (
        "created by `onefuture migrate`; a user's or group's permissions travel by natural key "
        "(app label, model, codename)"
    ),
    "contenttypes.contenttype": (
        "created by `onefuture migrate`; a link's kinds travel by natural key (app label, model)"
    ),
    "sessions.session": "sign-in sessions: restoring them would sign people back in",
    "django_tasks_database.dbtaskresult": (
        "the job queue's own results (queued, running, finished tasks); a restore does not "
        "replay them"
    ),
    "core.job": (
        "records of background jobs (upload and theme-run progress, worker, heartbeat); what the "
        "jobs produced (import batches, theme runs, their data) is exported"
    ),
    "search.searchentry": (
        "derived: the search index is rebuilt from the restored records at the end of the import"
    ),
    "core.workerheartbeat": "the liveness of this installation's worker processes",
    "core.loginevent": (
        "the installation's audit of sign-ins (usernames, address networks), not a place's"
    ),
    "tokens.apitoken": (
        "API tokens are credentials of one installation: people issue new ones after a restore"
    ),
    "axes.accessattempt": "django-axes' sign-in throttling state, site-wide, by username and IP",
    "axes.accessattemptexpiration": "django-axes' sign-in throttling state (expiry of attempts)",
    "axes.accessfailurelog": "django-axes' log of failed sign-ins, site-wide",
    "axes.accesslog": "django-axes' log of sign-ins, site-wide",
}

#: People and their groups: global, not a place's; the backup holds those its rows name.
USER = "auth.user"
GROUP = "auth.group"
PEOPLE = frozenset(
    {USER, GROUP, "auth.user_groups", "auth.user_user_permissions", "auth.group_permissions"}
)

#: Models whose foreign keys travel as natural keys: never exported, identical in every database
#: migrated by the same onefuture.
NATURAL_KEY_MODELS = frozenset({"contenttypes.contenttype", "auth.permission"})


class BackupCatalogueError(ApplicationError):
    """A model has no way to its place and is not excluded (a programming error)."""


def label(model: type[models.Model]) -> str:
    """``app_label.model_name`` in lower case, as the manifest names a member's model."""
    return model._meta.label_lower


def fields(model: type[models.Model]) -> list[models.Field]:
    """The columns of ``model`` a backup carries, sorted by name (``attname``: ``place_id``)."""
    return sorted(model._meta.concrete_fields, key=lambda field: field.attname)


@dataclass(frozen=True)
class Catalogue:
    """The exported models in dependency order, and each one's way to its place."""

    models: tuple[type[models.Model], ...]
    #: ``label`` -> the foreign key that leads to the place (None: the place itself, a foreign
    #: key to the place, or one of :data:`PEOPLE`).
    owners: dict[str, models.ForeignKey | None]
    #: a live model's label -> its historical model (django-simple-history)
    histories: dict[str, type[models.Model]]

    def model(self, name: str) -> type[models.Model] | None:
        return next((m for m in self.models if label(m) == name), None)


def _place_model() -> type[models.Model]:
    return apps.get_model("places", "Place")


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is not None
    ]


def _place_key(model: type[models.Model]) -> models.ForeignKey | None:
    place = _place_model()
    return next((f for f in _foreign_keys(model) if f.related_model is place), None)


@cache
def catalogue() -> Catalogue:
    """Every exported model, in dependency order, with its way to its place."""
    everything = apps.get_models(include_auto_created=True)
    exported = [m for m in everything if label(m) not in EXCLUDED]
    names = {label(m) for m in exported}
    histories = {
        label(m.instance_type): m
        for m in exported
        if hasattr(m, "instance_type") and hasattr(m, "history_id")
    }
    place = _place_model()
    owners: dict[str, models.ForeignKey | None] = {}
    for model in exported:
        name = label(model)
        base = getattr(model, "instance_type", None)
        if model is place or base is place or name in PEOPLE or _place_key(model) is not None:
            owners[name] = None
            continue
        candidates = [
            f
            for f in _foreign_keys(model)
            if label(f.related_model) in names and label(f.related_model) not in PEOPLE
        ]
        by_history = [f for f in candidates if f.name == "history"]
        chosen = (by_history or candidates or [None])[0]
        if chosen is None:
            raise BackupCatalogueError(
                f"The model {name} has no foreign key that leads to its place, so a backup "
                "cannot tell whose rows are whose: give it one, or list it in "
                "onefuture.backup.catalogue.EXCLUDED with the reason."
            )
        owners[name] = chosen
    _check_reaches_place(owners, exported)
    return Catalogue(models=_dependency_order(exported), owners=owners, histories=histories)


def _check_reaches_place(
    owners: dict[str, models.ForeignKey | None], exported: list[type[models.Model]]
) -> None:
    for model in exported:
        seen: list[str] = []
        current = label(model)
        while owners[current] is not None:
            if current in seen:
                raise BackupCatalogueError(
                    f"The model {label(model)} leads back to itself ({' -> '.join(seen)}) "
                    "without reaching its place."
                )
            seen.append(current)
            current = label(owners[current].related_model)  # type: ignore[union-attr]


def _dependency_order(exported: list[type[models.Model]]) -> tuple[type[models.Model], ...]:
    """Models before those whose foreign keys point at them; ties (and cycles) by label."""
    names = {label(m): m for m in exported}
    needs = {
        name: {
            label(f.related_model)
            for f in _foreign_keys(model)
            if label(f.related_model) in names and label(f.related_model) != name
        }
        for name, model in names.items()
    }
    ordered: list[str] = []
    remaining = dict(needs)
    while remaining:
        ready = sorted(n for n, wants in remaining.items() if not wants - set(ordered))
        chosen = ready[0] if ready else sorted(remaining)[0]  # a cycle: constraints are deferred
        ordered.append(chosen)
        del remaining[chosen]
    return tuple(names[name] for name in ordered)


def place_rows(model: type[models.Model], *, place_id: int, people: PeopleIds) -> Q:
    """The condition on ``model``'s rows that makes them the place's (or the people's)."""
    found = catalogue()
    name = label(model)
    base = getattr(model, "instance_type", None)
    place = _place_model()
    if model is place:
        return Q(pk=place_id)
    if base is place:
        return Q(id=place_id)
    if name == USER:
        return Q(pk__in=people.users)
    if name == GROUP:
        return Q(pk__in=people.groups)
    if name in ("auth.user_groups", "auth.user_user_permissions"):
        return Q(user_id__in=people.users)
    if name == "auth.group_permissions":
        return Q(group_id__in=people.groups)
    key = _place_key(model)
    if key is not None:
        return Q(**{key.attname: place_id})
    owner = found.owners[name]
    assert owner is not None
    target = owner.related_model
    condition = Q(
        **{
            f"{owner.attname}__in": target._base_manager.filter(
                place_rows(target, place_id=place_id, people=people)
            ).values("pk")
        }
    )
    history = found.histories.get(label(target))
    if history is not None and history is not model:
        live_pk = target._meta.pk.attname
        condition |= Q(
            **{
                f"{owner.attname}__in": history._base_manager.filter(
                    place_rows(history, place_id=place_id, people=people)
                ).values(live_pk)
            }
        )
    return condition


@dataclass(frozen=True)
class PeopleIds:
    """The users a place's rows name and the groups they are in (sorted ids)."""

    users: tuple[int, ...] = ()
    groups: tuple[int, ...] = ()
