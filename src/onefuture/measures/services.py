"""Writes for measures: define measures, import data points, recompute assessments.

For M2 (upload page and status page) and the CLI:

``import_file(place=, source=, filename=None, dry_run=False, user=None, batch=None, progress=None)``
    Check and import one tidy CSV/XLSX file (a path or the uploaded bytes). Returns the
    :class:`~onefuture.measures.models.ImportBatch`. The data land whole or not at all (one
    transaction); on failure the batch is saved with ``status="failed"`` and every error in
    ``batch.errors`` (``[{"row", "column", "message"}]``) and :class:`DataImportError` is
    raised. Re-importing the same file changes nothing. After a successful import the touched
    measures are re-assessed. To run it in the background, create the batch first with
    :func:`import_batch_create` (status ``queued``), then call ``import_file(..., batch=batch)``
    from the job; the status page polls the batch.
``import_batch_create(place=, filename=, user=None, origin="upload")``
    A queued batch for a background import; a person (``user``) needs permission to import.
``import_permission_check(user=, place=)``
    Raise :class:`~onefuture.core.errors.PermissionDenied` unless the person may import data
    into the place (the ``data.import`` action: administrators and strategy officers).
``import_batch_fail(batch_id=, message=...)``
    Mark a queued or running batch failed when its background job crashed.
``measures_upsert(place=, definitions=[MeasureDefinition(...)], reason="", changes=None)``
    Create or update measure definitions with their targets and links: the one write path for
    them (the framework file's ``measures:`` section calls it; ``measure_upsert(place=,
    key=, **fields)`` is the same for one measure, for tests and the benchmark).
``assessments_recompute(place=, measure_ids=None)``
    Recompute every assessment of the given measures (all of the place's if None), in bulk.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from onefuture import stats
from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.core.permissions import Role, action_register, has_role, permission_check
from onefuture.measures.estimates import estimate_from_counts
from onefuture.measures.importers.tidy import (
    DataImportError,
    MeasureInfo,
    tidy_read,
    tidy_validate,
)
from onefuture.measures.importers.upsert import datapoints_upsert
from onefuture.measures.models import (
    ALL_ASSESSMENTS,
    ImportBatch,
    ImportStatus,
    Measure,
    Target,
    ValueType,
)
from onefuture.measures.periods import PeriodError, period_parse
from onefuture.places.models import Area, Place

Progress = Callable[[str, int, int], None]


class MeasureDefinitionError(ApplicationError):
    """A measure definition that makes no sense; the message names the measure and field."""


def _measure_infos(place: Place) -> dict[str, MeasureInfo]:
    return {
        key: MeasureInfo(id=id_, value_type=value_type, multiplier=multiplier)
        for id_, key, value_type, multiplier in Measure.objects.filter(place=place).values_list(
            "id", "key", "value_type", "multiplier"
        )
    }


def _area_ids(place: Place) -> dict[str, int]:
    return dict(Area.objects.filter(place=place).values_list("code", "id"))


#: Who may import data into a place: its administrators and strategy officers (and superusers).
IMPORT_ACTION = action_register(
    name="data.import",
    predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER),
    who="administrators and strategy officers",
    doing="import data",
).name

#: What a batch says when its background job crashed outside the importer's own checks.
UNEXPECTED_FAILURE = (
    "The import stopped because of an unexpected error; nothing was written. "
    "Please tell the site's administrators."
)


def import_permission_check(*, user: Any, place: Place) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may import data into ``place``.

    The rule lives here, not in a view decorator, so every way into an import by a person (the
    upload page, its status page, a future API) asks the same question of the one check.
    """
    permission_check(user=user, action=IMPORT_ACTION, place=place)


def import_batch_create(
    *, place: Place, filename: str, user: Any = None, origin: str = "upload"
) -> ImportBatch:
    """A queued batch, so a page can show the import's status before a background job runs it.

    A batch made for a person (``user``) needs their permission to import; one made by the
    system itself (``user=None``: the command line, a scheduled job) has no person to check.
    """
    if user is not None:
        import_permission_check(user=user, place=place)
    return ImportBatch.objects.create(
        place=place, filename=filename, created_by=user, origin=origin, status=ImportStatus.QUEUED
    )


def import_file(
    *,
    place: Place,
    source: str | Path | bytes,
    filename: str | None = None,
    dry_run: bool = False,
    user: Any = None,
    origin: str = "file",
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
) -> ImportBatch:
    """Check every row of a tidy file and import it whole, or raise :class:`DataImportError`.

    Without ``batch``, a failed import or a dry run writes nothing at all, not even a batch
    record (the returned or attached batch is unsaved); a successful import saves its batch
    with the data. With a queued ``batch`` (the upload page's background job), the batch is
    kept up to date whatever happens, so the status page can show the outcome and every error.
    ``progress(stage, done, total)`` is called as the work advances (stages ``read``,
    ``check``, ``write``, ``assess``) so the CLI can draw a progress bar.
    """
    name = filename or (Path(source).name if isinstance(source, (str, Path)) else "upload")
    followed = batch is not None and batch.pk is not None
    if batch is None:
        batch = ImportBatch(place=place, filename=name, created_by=user, origin=origin)
    batch.status = ImportStatus.RUNNING
    batch.dry_run = dry_run
    if followed:
        batch.save()

    def report(stage: str, done: int, total: int) -> None:
        if progress:
            progress(stage, done, total)

    try:
        report("read", 0, 1)
        data = source if isinstance(source, bytes) else _read_bytes(Path(source))
        batch.checksum = hashlib.sha256(data).hexdigest()
        frame = tidy_read(data, filename=name)
        report("read", 1, 1)
        report("check", 0, len(frame))
        rows = tidy_validate(
            frame,
            measures=_measure_infos(place),
            areas=_area_ids(place),
            computer=estimate_from_counts,
        )
        report("check", len(frame), len(frame))
    except DataImportError as error:
        _batch_fail(batch, error.errors, save=followed)
        error.batch = batch
        raise

    batch.rows_total = len(rows.frame)
    batch.rows_computed = rows.computed
    if dry_run:
        batch.status = ImportStatus.VALIDATED
        batch.finished_at = timezone.now()
        batch.message = f"{batch.rows_total} rows checked; nothing was written (dry run)."
        if followed:
            batch.save()
        return batch

    try:
        with transaction.atomic():
            batch.save()  # the data points refer to it
            _write_and_assess(place=place, rows=rows, batch=batch, report=report, progress=progress)
    except Exception as error:  # the transaction rolled back: say so on a followed batch
        if followed:
            batch.refresh_from_db()
            batch.status = ImportStatus.FAILED
            batch.finished_at = timezone.now()
            batch.message = f"The import stopped and nothing was written: {error}"
            batch.save()
        else:
            batch.pk = None
        if isinstance(error, stats.StatsError):  # the rows were fine; a statistic was not
            raise DataImportError(
                (),
                batch=batch,
                message="The rows were valid, but assessing them failed, so nothing was"
                f" written: {error}",
            ) from None
        raise
    return batch


@transaction.atomic
def import_batch_fail(*, batch_id: int, message: str = UNEXPECTED_FAILURE) -> bool:
    """Mark a queued or running batch failed after its background job crashed; True if it was.

    The importer itself records the outcome of everything it expected (row errors, a rolled-back
    write), so a batch that has already finished keeps its own, more precise message. The data
    were never written: the import's transaction rolled back.
    """
    return bool(
        ImportBatch.objects.filter(
            id=batch_id, status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]
        ).update(status=ImportStatus.FAILED, finished_at=timezone.now(), message=message)
    )


def _write_and_assess(*, place: Place, rows, batch: ImportBatch, report, progress) -> None:
    """Upsert the checked rows, re-assess the touched measures, record the counts."""
    counts = datapoints_upsert(rows=rows.frame, batch=batch, given=rows.columns, progress=progress)
    batch.rows_created = counts.created
    batch.rows_updated = counts.updated
    batch.rows_unchanged = counts.unchanged
    batch.status = ImportStatus.SUCCEEDED
    batch.finished_at = timezone.now()
    batch.message = (
        f"{counts.created} new, {counts.updated} changed, {counts.unchanged} unchanged rows."
    )
    if counts.created or counts.updated:
        touched = sorted(int(m) for m in rows.frame["measure_id"].unique())
        report("assess", 0, len(touched))
        assessed = assessments_recompute(
            place=place, measure_ids=touched, cause=f"import of {batch.filename}", batch=batch
        )
        report("assess", len(touched), len(touched))
        batch.message += f" {assessed} assessments recomputed."
    batch.save()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DataImportError(
            [ErrorDetail(1, "", f"cannot read {path.name}: {error.strerror}.")]
        ) from None


def _batch_fail(batch: ImportBatch, errors: Iterable[ErrorDetail], *, save: bool) -> None:
    errors = sorted(errors)
    batch.status = ImportStatus.FAILED
    batch.finished_at = timezone.now()
    batch.errors = [{"row": e.row, "column": e.column, "message": e.message} for e in errors]
    batch.message = f"{len(errors)} problem(s) found; nothing was written."
    if save:
        batch.save()


def _year_of(period: str, *, where: str) -> float:
    try:
        return period_parse(period).year
    except PeriodError as error:
        raise MeasureDefinitionError(f"{where}: {error}") from None


@dataclass(frozen=True)
class MeasureDefinition:
    """One measure as the framework file defines it (``docs/data-format.md``, "measures:").

    Areas are named by code; big things, ambitions and the comparator group by key or slug.
    """

    key: str
    title: str
    definition: str
    value_type: str
    polarity: str
    unit: str = ""
    multiplier: float = 1
    decimal_places: int = 1
    source: str = ""
    source_url: str = ""
    licence: str = ""
    attribution: str = ""
    frequency: str = ""
    baseline_period: str = ""
    baseline_value: float | None = None
    target_path: str = "linear"
    targets: Iterable[dict[str, Any]] = ()
    home_area: str | None = None
    benchmark_areas: Iterable[str] = ()
    comparator_group: str | None = None
    big_things: Iterable[str] = ()
    ambitions: Iterable[str] = ()
    assessments: Iterable[str] | None = None
    fingertips_indicator: int | None = None
    #: None keeps the stored flag (False for a new measure): unticking is an explicit False.
    illustrative: bool | None = None
    baseline_illustrative: bool | None = None
    order: int = 0


def measure_upsert(
    *,
    place: Place,
    reason: str = "",
    changes: Counter[tuple[str, str]] | None = None,
    **fields: Any,
) -> Measure:
    """Create or update one measure: ``fields`` are those of :class:`MeasureDefinition`.

    A shorthand for :func:`measures_upsert` with one definition (tests, the benchmark).
    """
    return measures_upsert(
        place=place, definitions=[MeasureDefinition(**fields)], reason=reason, changes=changes
    )[0]


@transaction.atomic
def measures_upsert(
    *,
    place: Place,
    definitions: Iterable[MeasureDefinition],
    reason: str = "",
    changes: Counter[tuple[str, str]] | None = None,
) -> list[Measure]:
    """Create or update the place's measures with their targets and links; the one write path.

    The framework file's ``measures:`` section, the tests and the benchmark all write measure
    definitions here. Every definition is checked first: an unknown area, big thing, ambition
    or comparator group, or a value type, polarity, path or period that makes no sense, raises
    :class:`MeasureDefinitionError` naming the measure and the field, and nothing is written.
    Then only what differs is saved (``reason`` goes into the history), with a fixed number of
    reads for the whole list, so reloading an unchanged framework file writes nothing.
    ``changes`` counts rows by ``(verbose name plural, "created" | "updated" | "deleted")``,
    as the framework loader reports them. Measures not in ``definitions`` are left alone.
    """
    from onefuture.framework.models import BigThing, CrossCuttingAmbition
    from onefuture.places.models import ComparatorGroup

    definitions = list(definitions)
    counts = changes if changes is not None else Counter()
    names = {
        "areas": {c for d in definitions for c in [d.home_area, *d.benchmark_areas] if c},
        "big_things": {k for d in definitions for k in d.big_things},
        "ambitions": {k for d in definitions for k in d.ambitions},
        "groups": {d.comparator_group for d in definitions if d.comparator_group},
    }
    lookups = {
        "areas": dict(
            Area.objects.filter(place=place, code__in=names["areas"]).values_list("code", "id")
        ),
        "big_things": _ids(BigThing, place, "key", names["big_things"]),
        "ambitions": _ids(CrossCuttingAmbition, place, "key", names["ambitions"]),
        "groups": _ids(ComparatorGroup, place, "slug", names["groups"]),
    }
    plans = [_measure_plan(d, lookups) for d in definitions]  # raises before any write

    existing = {
        m.key: m
        for m in Measure.objects.filter(
            place=place, key__in=[d.key for d in definitions]
        ).prefetch_related("big_things", "ambitions", "benchmark_areas", "targets")
    }
    label = str(Measure._meta.verbose_name_plural)
    target_label = str(Target._meta.verbose_name_plural)
    saved = []
    reassess: list[int] = []
    for definition, (values, links, targets) in zip(definitions, plans, strict=True):
        found = existing.get(definition.key)
        affects = found is not None and any(
            getattr(found, name) != values[name] for name in ASSESSED_FIELDS if name in values
        )
        measure, action = _save_changed(
            Measure, found, {"place": place, "key": definition.key}, values, reason
        )
        updated = action == "updated"
        for name, wanted in links.items():
            stored = {o.pk for o in getattr(found, name).all()} if found else set()
            if stored != wanted:
                getattr(measure, name).set(sorted(wanted))
                updated = updated or found is not None
                affects = affects or (found is not None and name == "benchmark_areas")
        if action == "created":
            counts[(label, "created")] += 1
        elif updated:
            counts[(label, "updated")] += 1
        stored_targets = {t.period: t for t in found.targets.all()} if found else {}
        for period, target_values in targets:
            _, target_action = _save_changed(
                Target,
                stored_targets.pop(period, None),
                {"measure": measure, "period": period},
                target_values,
                reason,
            )
            if target_action:
                counts[(target_label, target_action)] += 1
                affects = affects or found is not None
        for doomed in stored_targets.values():  # targets the definition no longer has
            doomed._change_reason = reason or None
            doomed.delete()
            counts[(target_label, "deleted")] += 1
            affects = True
        if affects:
            reassess.append(measure.id)
        saved.append(measure)
    # Verdicts never stale: what changed an assessment's input is re-assessed by the worker.
    assessments_queue(
        place=place, measure_ids=reassess, cause=reason or "measure definition changed"
    )
    return saved


def _ids(model, place: Place, field: str, keys: set[str]) -> dict[str, int]:
    if not keys:
        return {}
    return dict(
        model.objects.filter(place=place, **{f"{field}__in": keys}).values_list(field, "pk")
    )


def _measure_plan(d: MeasureDefinition, lookups: dict[str, dict[str, int]]):
    """Check one definition; return its field values, link ids and targets, or raise."""
    from onefuture.measures.models import Polarity, TargetPath

    where = f"measure '{d.key}'"

    def choice(name: str, value: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        if value not in allowed:
            raise MeasureDefinitionError(
                f"{where}: {name} '{value}' is not one of {', '.join(allowed)}."
            )

    choice("value_type", d.value_type, ValueType.values)
    choice("polarity", d.polarity, Polarity.values)
    choice("target_path", d.target_path, TargetPath.values)
    chosen = list(ALL_ASSESSMENTS if d.assessments is None else d.assessments)
    unknown = [a for a in chosen if a not in ALL_ASSESSMENTS]
    if unknown:
        raise MeasureDefinitionError(
            f"{where}: unknown assessment(s) {', '.join(unknown)};"
            f" use {', '.join(ALL_ASSESSMENTS)}."
        )
    if d.baseline_period:
        _year_of(d.baseline_period, where=f"{where}, baseline_period")

    def look_up(kind: str, name: str, key: str, what: str) -> int:
        if key not in lookups[kind]:
            raise MeasureDefinitionError(f"{where}, {name}: {what} '{key}'.")
        return lookups[kind][key]

    values = {
        "title": d.title,
        "definition": d.definition,
        "value_type": d.value_type,
        "polarity": d.polarity,
        "unit": d.unit,
        "multiplier": float(d.multiplier),
        "decimal_places": d.decimal_places,
        "source": d.source,
        "source_url": d.source_url,
        "licence": d.licence,
        "attribution": d.attribution,
        "frequency": d.frequency,
        "baseline_period": d.baseline_period,
        "baseline_value": d.baseline_value,
        "target_path": d.target_path,
        "home_area_id": (
            look_up("areas", "home_area", d.home_area, "unknown area code") if d.home_area else None
        ),
        "comparator_group_id": (
            look_up("groups", "comparator_group", d.comparator_group, "no comparator group")
            if d.comparator_group
            else None
        ),
        "assessments_applied": chosen,
        "fingertips_indicator": d.fingertips_indicator,
        "order": d.order,
    }
    # An omitted flag keeps what is stored: an edit never unticks "illustrative" by accident.
    if d.illustrative is not None:
        values["illustrative"] = bool(d.illustrative)
    if d.baseline_illustrative is not None:
        values["baseline_illustrative"] = bool(d.baseline_illustrative)
    links = {
        "benchmark_areas": {
            look_up("areas", "benchmark_areas", c, "unknown area code") for c in d.benchmark_areas
        },
        "big_things": {
            look_up("big_things", "big_things", k, "no big thing") for k in d.big_things
        },
        "ambitions": {
            look_up("ambitions", "ambitions", k, "no cross-cutting ambition") for k in d.ambitions
        },
    }
    targets = []
    for index, target in enumerate(d.targets):
        try:
            period, value = str(target["period"]), float(target["value"])
        except (KeyError, TypeError, ValueError):
            raise MeasureDefinitionError(
                f"{where}, targets[{index}]: give a period and a numeric value."
            ) from None
        target_values = {
            "year": _year_of(period, where=f"{where}, targets[{index}]"),
            "value": value,
            "is_horizon": bool(target.get("horizon", False)),
            "notes": str(target.get("notes", "")),
        }
        if target.get("illustrative") is not None:  # omitted: keep the stored flag
            target_values["illustrative"] = bool(target["illustrative"])
        targets.append((period, target_values))
    problems = targets_validate(
        polarity=d.polarity,
        targets=[(p, t["year"], t["value"], t["is_horizon"]) for p, t in targets],
    )
    if problems:
        raise MeasureDefinitionError(
            f"{where}: the targets do not agree with each other.", errors=problems
        )
    return values, links, targets


def targets_validate(
    *, polarity: str, targets: Iterable[tuple[str, float, float, bool]], field: str = "targets"
) -> list[ErrorDetail]:
    """The problems with a measure's targets ``(period, year, value, is_horizon)``, or ``[]``.

    The one rule behind the framework file, the Django admin and the measure editor: at most
    one horizon target, and it is the last; two targets are not for the same year; and each
    interim target is no stricter than the one after it, by the measure's polarity (lower is
    better: a 2030 target of 1.5 with a 2040 target of 3.0 is refused, naming both). Each
    problem names the field ``targets[i].value`` (``i`` in the order given).
    """
    from onefuture.measures.models import Polarity

    given = list(targets)
    order = sorted(range(len(given)), key=lambda i: given[i][1])
    problems = []
    horizons = [i for i in order if given[i][3]]
    if len(horizons) > 1:
        problems.append(
            ErrorDetail(
                field=f"{field}[{horizons[1]}].is_horizon",
                message="only one target can be the horizon target (the vision's end); "
                + " and ".join(given[i][0] for i in horizons)
                + " are both marked as horizon.",
            )
        )
    elif horizons and horizons[0] != order[-1]:
        later = given[order[-1]][0]
        problems.append(
            ErrorDetail(
                field=f"{field}[{horizons[0]}].is_horizon",
                message=f"the horizon target ({given[horizons[0]][0]}) must be the last one, but"
                f" there is a target for {later} after it.",
            )
        )
    for a, b in itertools.pairwise(order):
        (pa, ya, va, _), (pb, yb, vb, _) = given[a], given[b]
        if abs(ya - yb) < 1e-9:
            problems.append(
                ErrorDetail(
                    field=f"{field}[{b}].period",
                    message=f"the targets for {pa} and {pb} are for the same year.",
                )
            )
            continue
        stricter = (
            va < vb
            if polarity == Polarity.LOW_IS_GOOD
            else va > vb
            if polarity == Polarity.HIGH_IS_GOOD
            else False
        )
        if stricter:
            better = "lower" if polarity == Polarity.LOW_IS_GOOD else "higher"
            problems.append(
                ErrorDetail(
                    field=f"{field}[{a}].value",
                    message=f"the {pa} target ({va:g}) is stricter than the {pb} target ({vb:g}):"
                    f" {better} is better for this measure, so an earlier target cannot ask for"
                    f" more than a later one. Make the {pa} target {vb:g} or"
                    f" {'more' if polarity == Polarity.LOW_IS_GOOD else 'less'}, or change the"
                    f" {pb} target.",
                )
            )
    return problems


def _save_changed(model, obj, lookup: dict[str, Any], values: dict[str, Any], reason: str):
    """Create ``obj`` or save only the fields that differ: ``(obj, "created" | "updated" | None)``.

    Saving nothing when nothing differs keeps a reload of the same framework file from writing
    a history record per measure on every ``make run``.
    """
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = reason or None
        obj.save(force_insert=True)
        return obj, "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, None
    for name in changed:
        setattr(obj, name, values[name])
    obj._change_reason = reason or None
    obj.save(update_fields=changed)
    return obj, "updated"


def fingertips_import(
    *,
    place: Place,
    indicator_id: int,
    area_type_id: int,
    measure_key: str | None = None,
    parent_area_type_id: int = 15,
    dry_run: bool = False,
    user: Any = None,
    progress: Progress | None = None,
    fetch: Callable[..., Any] | None = None,
) -> tuple[ImportBatch, str]:
    """Download a Fingertips indicator and import it through :func:`import_file`.

    The measure is ``measure_key``, or the place's measure whose ``fingertips_indicator`` is
    ``indicator_id``. Returns the batch and a one-line summary of what the mapping left out.
    ``fetch`` replaces the download (tests pass recorded responses).
    """
    from onefuture.measures.connectors.fingertips import (
        FingertipsError,
        fingertips_fetch,
        fingertips_to_tidy,
    )

    if measure_key is None:
        found = list(
            Measure.objects.filter(place=place, fingertips_indicator=indicator_id).values_list(
                "key", flat=True
            )
        )
        if len(found) != 1:
            raise FingertipsError(
                f"no single measure of this place has fingertips_indicator {indicator_id}"
                " (found {}): name one with --measure KEY.".format(", ".join(found) or "none")
            )
        measure_key = found[0]
    frame = (fetch or fingertips_fetch)(
        indicator_id=indicator_id,
        area_type_id=area_type_id,
        parent_area_type_id=parent_area_type_id,
    )
    tidy, report = fingertips_to_tidy(
        frame,
        measure_key=measure_key,
        area_codes=set(_area_ids(place)),
        source=f"OHID Fingertips, indicator {indicator_id}",
    )
    if tidy.empty:
        raise FingertipsError(f"nothing to import: {report.summary()}")
    batch = import_file(
        place=place,
        source=tidy.to_csv(index=False).encode(),
        filename=f"fingertips-{indicator_id}-area-type-{area_type_id}.csv",
        dry_run=dry_run,
        user=user,
        origin="fingertips",
        progress=progress,
    )
    return batch, report.summary()


def assessments_recompute(
    *,
    place: Place,
    measure_ids: Iterable[int] | None = None,
    cause: str = "",
    batch: ImportBatch | None = None,
) -> int:
    """Recompute every assessment of the measures, in bulk through :mod:`onefuture.stats`.

    Returns the number of assessments stored. Old assessments of those measures are replaced;
    every result that changed is kept in the history with ``cause`` (why it was re-assessed)
    and the import ``batch`` whose data caused it (ADR 0022).
    """
    from onefuture.measures.assessing import assessments_compute_and_store

    return assessments_compute_and_store(
        place=place,
        measure_ids=measure_ids,
        cause=cause,
        batch_id=batch.pk if batch is not None else None,
    )


def assessments_queue(*, place: Place, measure_ids: Iterable[int], cause: str = "") -> None:
    """Queue the re-assessment of exactly ``measure_ids`` for the background worker.

    Called by every change that affects an assessment other than an import (which assesses in
    its own transaction): targets, baseline, benchmarks, polarity, which assessments apply,
    through :func:`measures_upsert`, :func:`measure_edit` and the Django admin. The job is
    queued when the change commits (``transaction.on_commit``), so a rolled-back edit queues
    nothing and the worker never reads the data before they are saved.
    """
    ids = sorted({int(m) for m in measure_ids})
    if not ids:
        return

    def enqueue() -> None:
        from onefuture.measures.models import Reassessment
        from onefuture.measures.tasks import reassessment_enqueue

        record = Reassessment.objects.create(place=place, measure_ids=ids, cause=cause)
        reassessment_enqueue(record=record)

    transaction.on_commit(enqueue)


#: The fields of a measure whose change changes its assessments.
ASSESSED_FIELDS = frozenset(
    {
        "polarity",
        "value_type",
        "multiplier",
        "baseline_period",
        "baseline_value",
        "target_path",
        "home_area_id",
        "comparator_group_id",
        "assessments_applied",
    }
)

#: Who may write an officer's commentary on a measure: administrators and strategy officers.
COMMENT_ACTION = action_register(
    name="measures.comment",
    predicate=has_role(Role.ADMINISTRATOR, Role.STRATEGY_OFFICER),
    who="administrators and strategy officers",
    doing="write commentary on success measures",
).name


class CommentaryError(ApplicationError):
    """Commentary that cannot be saved (no text, no period); the detail names the field."""


@transaction.atomic
def commentary_add(*, user: Any, place: Place, measure: Measure | str, period: str, text: str):
    """Add the officer's commentary on ``measure`` (a Measure or its key) for ``period``.

    Checks ``measures.comment`` in ``place`` (administrators and strategy officers), then adds
    a :class:`~onefuture.measures.models.Commentary` row (every save is a new row: the history
    of what was written; the page shows the newest of the latest period). Raises
    :class:`CommentaryError` with ``field="period"`` or ``field="text"`` for an empty or
    unreadable value, ``NotFound`` for another place's measure. Returns the new row.
    """
    from onefuture.core.errors import NotFound
    from onefuture.measures.models import Commentary

    permission_check(user=user, action=COMMENT_ACTION, place=place)
    key = measure if isinstance(measure, str) else measure.key
    found = Measure.objects.filter(place=place, key=key).first()
    if found is None:
        raise NotFound(f"This place has no measure '{key}'.")
    period, text = (period or "").strip(), (text or "").strip()
    problems = []
    if not period:
        problems.append(ErrorDetail(field="period", message="Enter the period it is about."))
    else:
        try:
            period_parse(period)
        except PeriodError as error:
            problems.append(ErrorDetail(field="period", message=str(error)))
    if not text:
        problems.append(ErrorDetail(field="text", message="Enter the commentary."))
    if problems:
        raise CommentaryError("The commentary was not saved.", errors=problems)
    return Commentary.objects.create(measure=found, period=period, text=text, author=user)


def measure_definition_of(measure: Measure) -> MeasureDefinition:
    """The stored ``measure`` as a :class:`MeasureDefinition` (what :func:`measure_edit` starts
    from; relations by code and key, targets as dicts with their illustrative flags)."""
    return MeasureDefinition(
        key=measure.key,
        title=measure.title,
        definition=measure.definition,
        value_type=measure.value_type,
        polarity=measure.polarity,
        unit=measure.unit,
        multiplier=measure.multiplier,
        decimal_places=measure.decimal_places,
        source=measure.source,
        source_url=measure.source_url,
        licence=measure.licence,
        attribution=measure.attribution,
        frequency=measure.frequency,
        baseline_period=measure.baseline_period,
        baseline_value=measure.baseline_value,
        target_path=measure.target_path,
        targets=[
            {
                "period": t.period,
                "value": t.value,
                "horizon": t.is_horizon,
                "notes": t.notes,
                "illustrative": t.illustrative,
            }
            for t in measure.targets.order_by("year")
        ],
        home_area=measure.home_area.code if measure.home_area_id else None,
        benchmark_areas=sorted(a.code for a in measure.benchmark_areas.all()),
        comparator_group=measure.comparator_group.slug if measure.comparator_group_id else None,
        big_things=sorted(b.key for b in measure.big_things.all()),
        ambitions=sorted(a.key for a in measure.ambitions.all()),
        assessments=list(measure.assessments_applied or []),
        fingertips_indicator=measure.fingertips_indicator,
        illustrative=measure.illustrative,
        baseline_illustrative=measure.baseline_illustrative,
        order=measure.order,
    )


def measure_edit(*, user: Any, place: Place, key: str, reason: str = "", **changes: Any) -> Measure:
    """Save changes to one measure's definition, targets, benchmarks or assessment kinds.

    The service the staff workspace's measure editor calls. ``changes`` are fields of
    :class:`MeasureDefinition` (``title=``, ``polarity=``, ``baseline_value=``,
    ``targets=[{"period": "2030", "value": 4.0, "horizon": False, "notes": "",
    "illustrative": True}, ...]`` (the whole list: a target left out is deleted),
    ``benchmark_areas=["E92000001"]`` (area codes), ``comparator_group="slug"``,
    ``assessments=["comparison", "trend"]``, ``illustrative=``, ``baseline_illustrative=``).
    A target's ``illustrative`` left out keeps the stored flag (a new target: not
    illustrative), so editing an illustrative target's value keeps it illustrative; unticking
    is ``"illustrative": False``. Checks ``framework.edit`` in ``place`` (``PermissionDenied``);
    ``NotFound`` for an unknown key; :class:`MeasureDefinitionError` (an ``ApplicationError``
    whose details name the field, e.g. ``targets[0].value``) for a definition that makes no
    sense, such as a 2030 target stricter than the 2040 one, and nothing is written. When the
    change affects the assessments, the measure is re-assessed by the background worker
    (:func:`assessments_queue`). Returns the saved measure.
    """
    import dataclasses

    from onefuture.core.errors import NotFound

    permission_check(user=user, action="framework.edit", place=place)
    measure = (
        Measure.objects.filter(place=place, key=key)
        .select_related("home_area", "comparator_group")
        .prefetch_related("benchmark_areas", "big_things", "ambitions", "targets")
        .first()
    )
    if measure is None:
        raise NotFound(f"This place has no measure '{key}'.")
    fields = {f.name for f in dataclasses.fields(MeasureDefinition)} - {"key"}
    unknown = sorted(set(changes) - fields)
    if unknown:
        raise MeasureDefinitionError(
            f"measure '{key}': unknown field(s) {', '.join(unknown)}.",
            errors=[
                ErrorDetail(field=name, message="not a field of a measure") for name in unknown
            ],
        )
    targets = changes.get("targets")
    if targets is not None:  # an omitted flag keeps the stored one (matched by period)
        changes["targets"] = [dict(t) for t in targets]
    definition = dataclasses.replace(measure_definition_of(measure), **changes)
    who = getattr(user, "get_username", lambda: "")()
    return measures_upsert(
        place=place, definitions=[definition], reason=reason or f"edited by {who}".strip()
    )[0]
