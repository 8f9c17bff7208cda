"""Helpers for the backup tests: an empty database inside a test, a backup's members."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection


def database_empty() -> None:
    """Delete every row of every table (Django's flush: what ``onefuture migrate`` leaves of a new
    database, content types and permissions recreated), inside the test's transaction.

    PostgreSQL will not truncate a table with deferred foreign-key checks pending, so they run
    first; they are deferred again after, as in any transaction."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def members_read(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def members_write(path: Path, members: dict[str, bytes], *, checksums: bool = True) -> Path:
    """Write ``members`` as a backup; with ``checksums`` the manifest's sizes and SHA-256 are
    made to match (a hand-edited file that is consistent), else left as they were."""
    manifest = json.loads(members["manifest.json"])
    if checksums:
        for member in manifest["members"]:
            content = members[member["name"]]
            member["sha256"] = hashlib.sha256(content).hexdigest()
            member["bytes"] = len(content)
            if member["name"].startswith("data/"):
                member["rows"] = content.count(b"\n")
    members = {**members, "manifest.json": json.dumps(manifest).encode()}
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


@pytest.fixture
def edited(tmp_path: Path) -> Callable[..., Path]:
    """``edited(source, name, change, checksums=True)``: a copy of the backup ``source`` whose
    member ``name`` is ``change(bytes)``."""

    def edit(
        source: Path, name: str, change: Callable[[bytes], bytes], *, checksums: bool = True
    ) -> Path:
        members = members_read(source)
        members[name] = change(members[name])
        return members_write(
            tmp_path / f"edited-{len(list(tmp_path.iterdir()))}.zip", members, checksums=checksums
        )

    return edit
