"""The Stockport example: export, restore into an empty database, export again: the same bytes.

Run on SQLite and, with ``DATABASE_URL``, on PostgreSQL (pytest-django's test database; the
"empty database" is Django's flush inside the test). The counts prove every table of the example
is in the file, the ids and passwords travel, and PostgreSQL's sequences continue past them.
"""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection

from onefuture.backup.catalogue import catalogue, label
from onefuture.backup.services import backup_export, backup_import
from onefuture.framework.demo import demo_prepare
from onefuture.partners.models import Partner
from onefuture.places.models import Place
from onefuture.routemaps.models import Update
from onefuture.search.models import SearchEntry
from tests.backup.conftest import database_empty
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_the_stockport_example_restores_to_the_same_bytes(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_prepare()
    # An update's evidence file travels in the backup too.
    update = Update.objects.order_by("pk").first()
    update.evidence_file.save("minutes.pdf", ContentFile(b"%PDF-1.4 the minutes"))
    evidence = Path(update.evidence_file.path)
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"

    started = time.monotonic()
    exported = backup_export(place_slug="stockport", path=first)
    export_seconds = time.monotonic() - started
    rows = {m.model: m.rows for m in exported.members}
    # One place in the database: every row of every exported table is the place's.
    assert rows == {label(m): m._base_manager.count() for m in catalogue().models}
    for name in (
        "measures.datapoint",
        "measures.importbatch",
        "measures.assessment",
        "routemaps.milestone",
        "routemaps.historicalupdate",
        "engagement.comment",
        "engagement.historicalcomment",
        "engagement.response_milestones",
        "reports.scrutinyrecommendation",
        "core.membership",
        "auth.user",
    ):
        assert rows[name] > 0, name
    officer = get_user_model().objects.get(username="officer")
    password_hash = officer.password
    highest_partner = Partner.objects.order_by("-pk").first().pk
    search_entries = SearchEntry.objects.count()

    assert exported.files == 1
    database_empty()
    evidence.unlink()
    assert not Place.objects.exists() and not get_user_model().objects.exists()

    started = time.monotonic()
    restored = backup_import(path=first)
    import_seconds = time.monotonic() - started
    assert {m.model: m.rows for m in restored.members} == rows
    backup_export(place_slug="stockport", path=second)
    assert first.read_bytes() == second.read_bytes()
    print(
        f"\n{connection.vendor}: {exported.rows} rows, {first.stat().st_size / 1e6:.2f} MB; "
        f"export {export_seconds:.1f} s, import {import_seconds:.1f} s"
    )

    # Users keep their ids and password hashes; the search index is rebuilt.
    officer = get_user_model().objects.get(username="officer")
    assert officer.password == password_hash and officer.check_password("onefuture-demo")
    assert SearchEntry.objects.count() == search_entries
    assert evidence.read_bytes() == b"%PDF-1.4 the minutes"
    # The next row gets a new id (PostgreSQL's sequences were moved past the restored ids).
    place = Place.objects.get(slug="stockport")
    assert PartnerFactory(place=place).pk > highest_partner


def test_the_file_is_deterministic_private_and_says_what_it_holds(tmp_path):
    demo_prepare()
    path = tmp_path / "stockport.zip"
    backup_export(place_slug="stockport", path=path)
    again = tmp_path / "again.zip"
    backup_export(place_slug="stockport", path=again)
    assert path.read_bytes() == again.read_bytes()
    assert path.stat().st_mode & 0o077 == 0
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        manifest = json.loads(archive.read("manifest.json"))
        names = [m["name"] for m in manifest["members"]]
        assert names == sorted(set(archive.namelist()) - {"manifest.json"}, key=names.index)
        assert manifest["format"] == "onefuture-backup" and manifest["format_version"] == 1
        assert manifest["place"]["slug"] == "stockport"
        assert "password hashes" in manifest["warning"]
        # Dependency order: the place before its big things, measures before their data.
        assert names.index("data/places.place.jsonl") < names.index("data/framework.bigthing.jsonl")
        assert names.index("data/measures.measure.jsonl") < names.index(
            "data/measures.datapoint.jsonl"
        )
        # Keys sorted, rows by primary key, JSON fields' keys sorted too.
        lines = archive.read("data/engagement.engagementsettings.jsonl").decode().splitlines()
        for line in lines:
            row = json.loads(line)
            assert list(row) == sorted(row)
            assert line == json.dumps(
                row, sort_keys=True, ensure_ascii=False, separators=(",", ":")
            )
        ids = [
            json.loads(line)["id"]
            for line in archive.read("data/measures.datapoint.jsonl").decode().splitlines()
        ]
        assert ids == sorted(ids)
        # A link's kinds travel as natural keys (content type ids differ between databases).
        link = json.loads(archive.read("data/framework.link.jsonl").decode().splitlines()[0])
        assert link["from_type_id"] == ["framework", "bigthing"]
