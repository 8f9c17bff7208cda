"""Export a place to a backup file, and import one: :func:`backup_export`, :func:`backup_import`.

The file (ADR 0041) is a zip: ``manifest.json`` (format and onefuture versions, the place, the
migrations its database had, and each member's model, columns, rows, size and SHA-256), one
``data/<app>.<model>.jsonl`` per model in dependency order (one row per line, keys sorted, rows by
primary key, primary keys preserved) and ``files/<name>`` for each uploaded file the rows name.
Nothing in it depends on when it was written (every member is dated 1980-01-01), so the export of
a restored database is the same file, byte for byte.

An import is all or nothing (one transaction, the files removed again if it fails), refuses a
database that already holds the place or any of the backup's rows (by primary key), a newer or
unknown format, a member whose checksum differs, and names the member, line and field of any
value that does not fit. It resets PostgreSQL's sequences after inserting rows with their ids,
and rebuilds the place's search index.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

import onefuture
from onefuture.backup.catalogue import (
    PeopleIds,
    catalogue,
    fields,
    label,
    place_rows,
)
from onefuture.backup.codec import NaturalKeys, line_dumps, value_decode, value_encode
from onefuture.core.errors import ApplicationError, ErrorDetail, NotFound

#: The format this onefuture writes and the only one it reads.
FORMAT = "onefuture-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: Every member's date in the zip: the export's own time is not part of the backup.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Rows read from the database, or inserted, at a time.
CHUNK = 2000
WARNING = (
    "This backup holds personal data (engagement originals, people's names and e-mail "
    "addresses) and users' password hashes: keep it private."
)


class BackupError(ApplicationError):
    """A backup file that cannot be read or restored here, with where the problem is."""


@dataclass(frozen=True)
class MemberCount:
    member: str
    model: str
    rows: int


@dataclass(frozen=True)
class BackupSummary:
    """What an export wrote or an import restored."""

    place: str
    path: Path
    members: list[MemberCount] = field(default_factory=list)
    files: int = 0

    @property
    def rows(self) -> int:
        return sum(m.rows for m in self.members)


# --- export -------------------------------------------------------------------------------


def backup_export(*, place_slug: str, path: Path | str) -> BackupSummary:
    """Write everything of the place ``place_slug`` to the backup file ``path``.

    Read in one transaction (REPEATABLE READ on PostgreSQL, so every member is of the same
    moment, unless the caller's transaction is already open); the file is written beside
    ``path`` and renamed over it when complete.
    """
    from onefuture.places.models import Place

    path = Path(path)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        place = Place.objects.filter(slug=place_slug).first()
        if place is None:
            known = ", ".join(Place.objects.order_by("slug").values_list("slug", flat=True))
            raise NotFound(
                f"There is no place '{place_slug}' to export (places: {known or 'none'})."
            )
        return _export(place, path)


def _people(place_id: int) -> PeopleIds:
    """The users the place's rows name (every foreign key to a user) and their groups."""
    from django.contrib.auth.models import User

    found = catalogue()
    nobody = PeopleIds()
    users: set[int] = set()
    for model in found.models:
        keys = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is User
        ]
        if not keys or label(model).startswith("auth."):
            continue
        rows = model._base_manager.filter(place_rows(model, place_id=place_id, people=nobody))
        for key in keys:
            users.update(
                rows.exclude(**{f"{key.attname}__isnull": True})
                .values_list(key.attname, flat=True)
                .distinct()
            )
    groups = User.groups.through.objects.filter(user_id__in=users).values_list(
        "group_id", flat=True
    )
    return PeopleIds(users=tuple(sorted(users)), groups=tuple(sorted(set(groups))))


def _export(place: Any, path: Path) -> BackupSummary:
    found = catalogue()
    keys = NaturalKeys()
    people = _people(place.pk)
    members: list[dict[str, Any]] = []
    counts: list[MemberCount] = []
    files: set[str] = set()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for model in found.models:
                name = f"data/{label(model)}.jsonl"
                columns = fields(model)
                rows = (
                    model._base_manager.filter(place_rows(model, place_id=place.pk, people=people))
                    .order_by("pk")
                    .values_list(*[c.attname for c in columns])
                )
                digest, size, count = _member_write(
                    archive, name, _lines(rows, columns, keys, files)
                )
                members.append(
                    {
                        "name": name,
                        "model": label(model),
                        "fields": [c.attname for c in columns],
                        "rows": count,
                        "bytes": size,
                        "sha256": digest,
                    }
                )
                counts.append(MemberCount(member=name, model=label(model), rows=count))
            for stored in sorted(files):
                name = f"files/{stored}"
                with default_storage.open(stored, "rb") as source:
                    digest, size, _ = _member_write(archive, name, iter([source.read()]))
                members.append({"name": name, "bytes": size, "sha256": digest})
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "onefuture_version": onefuture.__version__,
                "place": {"slug": place.slug, "name": place.name},
                "migrations": _migrations(),
                "warning": WARNING,
                "members": members,
            }
            text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
            _member_write(archive, MANIFEST, iter([text.encode("utf-8")]))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return BackupSummary(place=place.slug, path=path, members=counts, files=len(files))


def _lines(rows: Any, columns: list[models.Field], keys: NaturalKeys, files: set[str]):
    """Each row as a JSON line; the names of the files its file fields hold go to ``files``."""
    file_columns = [i for i, c in enumerate(columns) if isinstance(c, models.FileField)]
    for values in rows.iterator(chunk_size=CHUNK):
        files.update(values[i] for i in file_columns if values[i])
        yield line_dumps(
            {c.attname: value_encode(c, v, keys) for c, v in zip(columns, values, strict=True)}
        ).encode("utf-8")


def _member_write(
    archive: zipfile.ZipFile, name: str, chunks: Iterator[bytes]
) -> tuple[str, int, int]:
    """Write one member, dated :data:`ZIP_DATE`; returns its SHA-256, size and line count."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    digest = hashlib.sha256()
    size = count = 0
    with archive.open(info, "w", force_zip64=True) as member:
        for chunk in chunks:
            member.write(chunk)
            digest.update(chunk)
            size += len(chunk)
            count += 1
    return digest.hexdigest(), size, count


def _migrations() -> dict[str, list[str]]:
    """The migrations applied to this database, by installed app, sorted (a record left by an
    app no longer installed says nothing about the tables a backup holds)."""
    installed = {config.label for config in apps.get_app_configs()}
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        if app in installed:
            applied.setdefault(app, []).append(name)
    return applied


# --- import -------------------------------------------------------------------------------


def backup_import(*, path: Path | str) -> BackupSummary:
    """Restore the backup file ``path`` into this database, all or nothing."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            f"{path} is not a complete onefuture backup: it is not a zip archive, or it was "
            f"cut short ({error})."
        ) from None
    with archive:
        manifest = _manifest_read(archive, path)
        _members_verify(archive, manifest, path)
        _target_check(manifest)
        return _restore(archive, manifest, path)


def _manifest_read(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        raw = archive.read(MANIFEST)
    except KeyError:
        raise BackupError(f"{path} has no {MANIFEST}: it is not a onefuture backup.") from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BackupError(f"{path}: {MANIFEST} cannot be read ({error}).") from None
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path}: {MANIFEST} is not JSON ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: {MANIFEST} does not say format '{FORMAT}'.")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        newer = isinstance(version, int) and version > FORMAT_VERSION
        raise BackupError(
            f"{path} is a backup in format version {version!r}, "
            + (
                f"newer than this onefuture ({onefuture.__version__}) reads (version "
                f"{FORMAT_VERSION}): restore it with the onefuture that made it "
                f"({manifest.get('onefuture_version', 'unknown')}) or a newer one."
                if newer
                else f"which this onefuture does not know (it reads version {FORMAT_VERSION})."
            ),
            errors=[ErrorDetail(field=f"{MANIFEST}: format_version", message=repr(version))],
        )
    place = manifest.get("place")
    members = manifest.get("members")
    if not (isinstance(place, dict) and isinstance(place.get("slug"), str)):
        raise BackupError(f"{path}: {MANIFEST} names no place (place.slug).")
    if not (
        isinstance(members, list)
        and all(isinstance(m, dict) and isinstance(m.get("name"), str) for m in members)
    ):
        raise BackupError(f"{path}: {MANIFEST} has no list of members, each with its name.")
    return manifest


def _members_verify(archive: zipfile.ZipFile, manifest: dict[str, Any], path: Path) -> None:
    """Every member listed is there with its size and SHA-256, and nothing else is."""
    listed = [m.get("name") for m in manifest["members"]]
    present = set(archive.namelist()) - {MANIFEST}
    problems = [
        ErrorDetail(field=str(name), message="listed in the manifest but not in the file")
        for name in listed
        if name not in present
    ] + [
        ErrorDetail(field=name, message="in the file but not listed in the manifest")
        for name in sorted(present - set(listed))
    ]
    for member in manifest["members"]:
        name = member.get("name")
        if name not in present:
            continue
        digest = hashlib.sha256()
        size = 0
        try:
            with archive.open(name) as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            problems.append(ErrorDetail(field=name, message=f"cannot be read ({error})"))
            continue
        if digest.hexdigest() != member.get("sha256") or size != member.get("bytes"):
            problems.append(
                ErrorDetail(
                    field=name,
                    message=f"its SHA-256 is {digest.hexdigest()}, the manifest says "
                    f"{member.get('sha256')}: the file was altered or damaged",
                )
            )
    if problems:
        raise BackupError(
            f"{path} does not match its manifest; nothing was restored.", errors=problems
        )


def _target_check(manifest: dict[str, Any]) -> None:
    """This database has the backup's migrations and does not hold its place."""
    from onefuture.places.models import Place

    slug = manifest["place"]["slug"]
    existing = Place.objects.filter(slug=slug).first()
    if existing is not None:
        raise BackupError(
            f"This database already has the place '{slug}' ({existing.name}): a backup restores "
            "only into a database without it. Restore into a new database (`onefuture migrate`, "
            "then `onefuture import`); nothing was restored."
        )
    have = _migrations()
    # An app not installed here: its rows, if the backup has any, are refused by model name.
    installed = {config.label for config in apps.get_app_configs()}
    missing = [
        ErrorDetail(field=f"migrations: {app}", message=f"{name} is not applied here")
        for app, names in sorted((manifest.get("migrations") or {}).items())
        if app in installed
        for name in names
        if name not in have.get(app, [])
    ]
    if missing:
        raise BackupError(
            "The backup was made by a database with migrations this one lacks: run "
            "`onefuture migrate` with the onefuture that made it "
            f"({manifest.get('onefuture_version', 'unknown')}) or a newer one; nothing was "
            "restored.",
            errors=missing,
        )


def _restore(archive: zipfile.ZipFile, manifest: dict[str, Any], path: Path) -> BackupSummary:
    from onefuture.places.models import Place
    from onefuture.search.services import search_reindex

    found = catalogue()
    keys = NaturalKeys()
    by_label = {label(m): m for m in found.models}
    counts: list[MemberCount] = []
    written: list[str] = []
    loaded: list[type[models.Model]] = []
    try:
        with transaction.atomic():
            for member in manifest["members"]:
                name = member["name"]
                if not name.startswith("data/"):
                    continue
                model = by_label.get(member.get("model", ""))
                if model is None:
                    raise BackupError(
                        f"{name}: the model {member.get('model')!r} is not one this onefuture "
                        "restores (made by another version?); nothing was restored."
                    )
                rows = _member_load(archive, name, model, keys)
                loaded.append(model)
                counts.append(MemberCount(member=name, model=label(model), rows=rows))
            _constraints_check(loaded)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
                    cursor.execute(statement)
            for member in manifest["members"]:
                if member["name"].startswith("files/"):
                    _file_restore(archive, member["name"], written)
            place = Place.objects.get(slug=manifest["place"]["slug"])
            search_reindex(place=place)
    except BaseException:
        for stored in written:
            default_storage.delete(stored)
        raise
    return BackupSummary(place=place.slug, path=path, members=counts, files=len(written))


def _member_load(
    archive: zipfile.ZipFile, name: str, model: type[models.Model], keys: NaturalKeys
) -> int:
    columns = {c.attname: c for c in fields(model)}
    table = connection.ops.quote_name(model._meta.db_table)
    names = list(columns)
    quoted = ", ".join(connection.ops.quote_name(columns[n].column) for n in names)
    # Table and column names come from the models, never from the file; values are parameters.
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(names))})"  # noqa: S608
    pk = model._meta.pk.attname
    count = 0
    batch: list[tuple[int, list[Any]]] = []
    number = 0
    try:
        with archive.open(name) as stream:
            for number, raw in enumerate(io.TextIOWrapper(stream, encoding="utf-8"), start=1):
                batch.append((number, _row_values(name, number, raw, columns, keys)))
                if len(batch) >= CHUNK:
                    count += _batch_insert(name, model, sql, pk, names, batch)
                    batch = []
    except UnicodeDecodeError as error:
        raise BackupError(
            f"{name} is not UTF-8 text after line {number} ({error}); nothing was restored."
        ) from None
    if batch:
        count += _batch_insert(name, model, sql, pk, names, batch)
    return count


def _row_values(
    name: str, number: int, raw: str, columns: dict[str, models.Field], keys: NaturalKeys
) -> list[Any]:
    where = f"{name} line {number}"
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BackupError(f"{where} is not JSON ({error}); nothing was restored.") from None
    if not isinstance(row, dict):
        raise BackupError(f"{where} is not a JSON object; nothing was restored.")
    unknown = sorted(set(row) - set(columns))
    if unknown:
        raise BackupError(
            f"{where}: field '{unknown[0]}' is not a column of {label_of(columns)}; nothing was "
            "restored.",
            errors=[ErrorDetail(field=f"{where}: {u}", message="unknown field") for u in unknown],
        )
    values: list[Any] = []
    for attname, column in columns.items():
        if attname not in row:
            if column.has_default() or column.null:
                values.append(column.get_db_prep_save(column.get_default(), connection))
                continue
            raise BackupError(
                f"{where}: field '{attname}' is missing and has no default; nothing was restored."
            )
        try:
            python = value_decode(column, row[attname], keys)
        except ValueError as error:
            raise BackupError(
                f"{where}: field '{attname}' {error}; nothing was restored.",
                errors=[ErrorDetail(field=f"{where}: {attname}", message=str(error))],
            ) from None
        values.append(column.get_db_prep_save(python, connection))
    return values


def label_of(columns: dict[str, models.Field]) -> str:
    return label(next(iter(columns.values())).model)


def _batch_insert(
    name: str,
    model: type[models.Model],
    sql: str,
    pk: str,
    names: list[str],
    batch: list[tuple[int, list[Any]]],
) -> int:
    """Insert rows whose ids are free; a database error is retried row by row to name its line."""
    position = names.index(pk)
    ids = {values[position]: number for number, values in batch}
    taken = sorted(model._base_manager.filter(pk__in=list(ids)).values_list("pk", flat=True))
    if taken:
        raise BackupError(
            f"This database already holds {label(model)} id {taken[0]} ({name} line "
            f"{ids[taken[0]]}) and {len(taken) - 1} more of this member: a backup restores only "
            "into a database without its rows; nothing was restored."
        )
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, [values for _, values in batch])
        return len(batch)
    except DatabaseError:
        pass
    for number, values in batch:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, values)
        except DatabaseError as error:
            raise BackupError(
                f"{name} line {number} cannot be stored: {error}; nothing was restored.",
                errors=[ErrorDetail(field=f"{name} line {number}", message=str(error))],
            ) from None
    return len(batch)


def _constraints_check(loaded: list[type[models.Model]]) -> None:
    try:
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
    except IntegrityError as error:
        raise BackupError(
            f"The backup's rows do not fit together: {error}; nothing was restored."
        ) from None


def _file_restore(archive: zipfile.ZipFile, member: str, written: list[str]) -> None:
    stored = member.removeprefix("files/")
    content = archive.read(member)
    if default_storage.exists(stored):
        with default_storage.open(stored, "rb") as existing:
            if existing.read() == content:
                return
        raise BackupError(
            f"{member}: a different file is already stored as {stored}; nothing was restored."
        )
    saved = default_storage.save(stored, ContentFile(content))
    written.append(saved)
    if saved != stored:
        raise BackupError(f"{member}: could not be stored as {stored}; nothing was restored.")
