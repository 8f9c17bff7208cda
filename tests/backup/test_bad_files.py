"""A backup that is cut short, altered, of another format, or meant for a database that already
holds it: a clear error naming what and where, and nothing restored."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from typer.testing import CliRunner

from onefuture.backup.services import BackupError, backup_export, backup_import
from onefuture.cli import app
from onefuture.core.models import Membership
from onefuture.core.services import membership_set
from onefuture.framework.models import BigThing, Link
from onefuture.places.models import Place
from tests.backup.conftest import database_empty, members_read
from tests.factories import (
    AmbitionApplicationFactory,
    BigThingFactory,
    CrossCuttingAmbitionFactory,
    LinkFactory,
    PartnerFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup(tmp_path):
    """A small place (two linked big things, a partner, an officer, the history of an ambition
    deleted with how it applied) backed up, then a second place and its own officer that the
    backup must not hold."""
    place = PlaceFactory(slug="smalltown", name="Smalltown")
    big_thing = BigThingFactory(place=place)
    LinkFactory(source=big_thing, target=BigThingFactory(place=place))
    ambition = CrossCuttingAmbitionFactory(place=place)
    AmbitionApplicationFactory(ambition=ambition, big_thing=big_thing)
    ambition.delete()
    PartnerFactory(place=place)
    officer = get_user_model().objects.create_user("small-officer", password="s3cret-pass-word")
    membership_set(user=officer, place=place, role="strategy_officer")
    other = PlaceFactory(slug="elsewhere")
    PartnerFactory(place=other)
    stranger = get_user_model().objects.create_user("elsewhere-officer")
    membership_set(user=stranger, place=other, role="strategy_officer")
    path = tmp_path / "smalltown.zip"
    backup_export(place_slug="smalltown", path=path)
    return path


def _nothing_restored() -> None:
    assert not Place.objects.exists()
    assert not BigThing.objects.exists()
    assert not get_user_model().objects.exists()
    assert not Membership.objects.exists()


def _lines(members, name):
    return [json.loads(line) for line in members[name].decode().splitlines()]


def test_only_the_place_and_the_people_its_rows_name_are_in_the_backup(backup):
    members = members_read(backup)
    assert [r["slug"] for r in _lines(members, "data/places.place.jsonl")] == ["smalltown"]
    assert [r["username"] for r in _lines(members, "data/auth.user.jsonl")] == ["small-officer"]
    assert len(_lines(members, "data/partners.partner.jsonl")) == 1
    assert len(_lines(members, "data/core.membership.jsonl")) == 1
    # How a deleted ambition applied: its history rows reach the place through the ambition's
    # history (the ambition row is gone), created and deleted.
    applied = _lines(members, "data/framework.historicalambitionapplication.jsonl")
    assert [r["history_type"] for r in applied] == ["+", "-"]
    assert not _lines(members, "data/framework.ambitionapplication.jsonl")


def test_a_restore_maps_content_types_by_natural_key(backup):
    database_empty()
    # A database migrated in another order: framework.bigthing's content type has another id.
    old = ContentType.objects.get(app_label="framework", model="bigthing")
    old_id = old.pk
    old.delete()
    new = ContentType.objects.create(app_label="framework", model="bigthing")
    assert new.pk != old_id
    backup_import(path=backup)
    link = Link.objects.get()
    assert link.from_type_id == new.pk and link.to_type_id == new.pk
    assert get_user_model().objects.get().check_password("s3cret-pass-word")


def test_a_truncated_file_is_refused(backup, tmp_path):
    cut = tmp_path / "cut.zip"
    cut.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    database_empty()
    with pytest.raises(BackupError, match="cut short"):
        backup_import(path=cut)
    _nothing_restored()


def test_an_altered_member_is_refused_by_its_checksum(backup, edited):
    altered = edited(
        backup,
        "data/partners.partner.jsonl",
        lambda content: content.replace(b"Partner organisation", b"Partner organisatiom"),
        checksums=False,
    )
    database_empty()
    with pytest.raises(BackupError, match="does not match its manifest") as raised:
        backup_import(path=altered)
    assert [d.field for d in raised.value.errors] == ["data/partners.partner.jsonl"]
    assert "SHA-256" in raised.value.errors[0].message
    _nothing_restored()


@pytest.mark.parametrize(
    ("version", "words"),
    [(2, "newer than this onefuture"), ("one", "does not know"), (None, "does not know")],
)
def test_a_newer_or_unknown_format_version_is_refused(backup, edited, version, words):
    def change(content: bytes) -> bytes:
        manifest = json.loads(content)
        manifest["format_version"] = version
        return json.dumps(manifest).encode()

    other = edited(backup, "manifest.json", change, checksums=False)
    database_empty()
    with pytest.raises(BackupError, match=words):
        backup_import(path=other)
    _nothing_restored()


def test_a_database_that_holds_the_place_is_refused(backup):
    places = Place.objects.count()
    with pytest.raises(BackupError, match="already has the place 'smalltown'"):
        backup_import(path=backup)
    assert Place.objects.count() == places


def test_a_database_that_holds_one_of_its_rows_is_refused(backup):
    user_id = get_user_model().objects.get(username="small-officer").pk
    database_empty()
    get_user_model().objects.create(pk=user_id, username="someone-else")
    with pytest.raises(BackupError, match=f"already holds auth.user id {user_id}"):
        backup_import(path=backup)
    assert not Place.objects.exists()
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["someone-else"]


def test_a_bad_value_names_its_member_line_and_field_and_nothing_is_kept(backup, edited):
    def blank_name(content: bytes) -> bytes:
        rows = [json.loads(line) for line in content.decode().splitlines()]
        rows[0]["name"] = None
        return "".join(json.dumps(r) + "\n" for r in rows).encode()

    bad = edited(backup, "data/partners.partner.jsonl", blank_name)
    database_empty()
    with pytest.raises(BackupError) as raised:
        backup_import(path=bad)
    assert "data/partners.partner.jsonl line 1: field 'name'" in raised.value.message
    _nothing_restored()  # the place, loaded before the partners, was rolled back


def test_an_unknown_field_and_a_broken_line_are_named(backup, edited):
    def colour(content: bytes) -> bytes:
        rows = [json.loads(line) for line in content.decode().splitlines()]
        rows[-1]["colour"] = "red"
        return "".join(json.dumps(r) + "\n" for r in rows).encode()

    unknown = edited(backup, "data/framework.bigthing.jsonl", colour)
    broken = edited(backup, "data/framework.link.jsonl", lambda c: c[:-10] + b"\n")
    database_empty()
    with pytest.raises(BackupError, match=r"bigthing.jsonl line 2: field 'colour' is not a column"):
        backup_import(path=unknown)
    with pytest.raises(BackupError, match=r"framework.link.jsonl line 1 is not JSON"):
        backup_import(path=broken)
    _nothing_restored()


def test_rows_that_do_not_fit_together_are_refused(backup, edited):
    def elsewhere(content: bytes) -> bytes:
        rows = [json.loads(line) for line in content.decode().splitlines()]
        rows[0]["place_id"] = 987654
        return "".join(json.dumps(r) + "\n" for r in rows).encode()

    bad = edited(backup, "data/partners.partner.jsonl", elsewhere)
    database_empty()
    with pytest.raises(BackupError, match="do not fit together"):
        backup_import(path=bad)
    _nothing_restored()


runner = CliRunner()


def test_the_commands_round_trip_and_warn_that_the_file_is_private(backup, tmp_path):
    database_empty()
    result = runner.invoke(app, ["import", str(backup)])
    assert result.exit_code == 0, result.output
    assert "Restored the place 'smalltown'" in result.output
    assert "password hashes" in result.output
    again = tmp_path / "again.zip"
    result = runner.invoke(app, ["export", "smalltown", str(again)])
    assert result.exit_code == 0, result.output
    assert "Exported the place 'smalltown'" in result.output and "keep it private" in result.output
    assert again.read_bytes() == backup.read_bytes()

    result = runner.invoke(app, ["import", str(backup)])
    assert result.exit_code == 1
    assert "Error: This database already has the place 'smalltown'" in result.output
    result = runner.invoke(app, ["export", "nowhere", str(tmp_path / "x.zip")])
    assert result.exit_code == 1 and "no place 'nowhere'" in result.output


def test_a_backup_from_a_database_with_later_migrations_is_refused(backup, edited):
    def later(content: bytes) -> bytes:
        manifest = json.loads(content)
        manifest["migrations"]["framework"].append("9999_from_the_future")
        manifest["migrations"]["an_app_removed_since"] = ["0001_initial"]  # not installed: ignored
        return json.dumps(manifest).encode()

    newer = edited(backup, "manifest.json", later, checksums=False)
    database_empty()
    with pytest.raises(BackupError, match="migrations this one lacks") as raised:
        backup_import(path=newer)
    assert [str(d) for d in raised.value.errors] == [
        "migrations: framework: 9999_from_the_future is not applied here"
    ]
    _nothing_restored()


def test_a_member_that_is_not_utf8_is_named(backup, edited):
    bad = edited(backup, "data/partners.partner.jsonl", lambda c: c.replace(b"Partner", b"\xff"))
    database_empty()
    with pytest.raises(BackupError, match=r"partners.partner.jsonl is not UTF-8 text after line 0"):
        backup_import(path=bad)
    _nothing_restored()
