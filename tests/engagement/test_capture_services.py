"""Capture's services: comments redacted as they are written, events, paste, import, the form."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.engagement.importers import comments_template
from onefuture.engagement.models import Comment, CommentImport, CommentSource, EventKind, RunStatus
from onefuture.engagement.services.capture import (
    CommentImportError,
    comment_add,
    comment_submit_public,
    comments_add_many,
    comments_import,
    comments_paste,
    event_save,
    split_pasted,
)
from tests.engagement.capture_sample import capture_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return capture_world()


def _event(world, **extra):
    return event_save(
        user=world.officer,
        place=world.place,
        title="Youth forum",
        kind=EventKind.FORUM,
        date=dt.date(2025, 3, 1),
        groups=[world.groups[0]],
        **extra,
    )


def test_comment_add_stores_the_redaction_but_never_the_hidden_words(world):
    comment = comment_add(
        user=world.officer,
        place=world.place,
        text="Call Sarah Jenkins on 07700 900123 about the buses",
        group=world.groups[0],
    )
    comment.refresh_from_db()
    assert "07700" not in comment.redacted_text and "[PHONE]" in comment.redacted_text
    assert comment.redaction_state == "pending"
    assert comment.redaction_spans and all(
        set(span) == {"start", "end", "kind"} for span in comment.redaction_spans
    )
    assert "07700 900123" not in str(comment.redaction_spans)
    assert comment.source == CommentSource.ENTERED and comment.consent_publish is False


@pytest.mark.parametrize("who", ["scrutiny", "editor"])
def test_only_capture_roles_add_comments(world, who):
    with pytest.raises(PermissionDenied):
        comment_add(user=getattr(world, who), place=world.place, text="Hello")
    assert not Comment.objects.exists()


def test_an_empty_comment_is_named(world):
    with pytest.raises(ApplicationError) as raised:
        comment_add(user=world.strategy, place=world.place, text="   ")
    assert raised.value.errors[0].field == "text"


def test_event_save_creates_and_edits_and_names_missing_fields(world):
    event = _event(world, people_count=12, big_things=world.sample.big_things[:2])
    assert list(event.groups.all()) == [world.groups[0]] and event.big_things.count() == 2
    event = event_save(user=world.officer, place=world.place, event=event, venue=" Town hall ")
    assert event.venue == "Town hall" and event.groups.count() == 1
    with pytest.raises(ApplicationError) as raised:
        event_save(user=world.officer, place=world.place, title="", kind="party")
    assert {e.field for e in raised.value.errors} == {"title", "date", "kind"}


def test_paste_splits_by_blank_lines_or_lines(world):
    assert split_pasted("one\ntwo\n\nthree") == ["one two", "three"]
    assert split_pasted("one\ntwo\n") == ["one", "two"]
    event = _event(world)
    made = comments_paste(
        user=world.officer,
        place=world.place,
        pasted="Buses late\nMore parks\n",
        event=event,
        group=world.groups[1],
        consent_publish=True,
    )
    assert len(made) == 2
    assert set(Comment.objects.values_list("group__key", "consent_publish", "event")) == {
        ("businesses", True, event.pk)
    }


def test_add_many_attaches_big_things(world):
    bt = world.sample.big_things[0]
    made = comments_add_many(
        user=world.officer,
        place=world.place,
        rows=[{"text": "a", "big_things": [bt]}, {"text": "b"}],
    )
    assert [c.big_things.count() for c in made] == [1, 0]


def _csv(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode()


def test_import_writes_every_row(world):
    event = _event(world)
    data = _csv(
        "Text,Group,Ward,Age band,Consent,Respondent,Received,Big things",
        "Buses are late,young-people,E05990001,16-24,yes,r1,2025-03-01,good-jobs;growing-up",
        "Parks please,Businesses,Heaton Moor,,no,,01/03/2025,",
    )
    record = comments_import(
        user=world.officer, place=world.place, source=data, filename="c.csv", event=event
    )
    assert record.status == RunStatus.SUCCEEDED and record.rows_created == 2
    first, second = Comment.objects.order_by("id")
    assert first.group.key == "young-people" and first.ward.name == "Brinnington"
    assert first.age_band == "16-24" and first.consent_publish and first.big_things.count() == 2
    assert second.ward.code == "E05990002" and not second.consent_publish
    assert first.source == CommentSource.IMPORTED and first.import_batch == record
    assert first.event == event


def test_import_reports_every_error_by_row_and_column_and_writes_nothing(world):
    data = _csv(
        "text,group,ward,consent,received,big_things",
        "fine,young-people,,yes,,",
        ",nobody,Atlantis,maybe,31/31/2025,no-such",
    )
    with pytest.raises(CommentImportError) as raised:
        comments_import(user=world.officer, place=world.place, source=data, filename="c.csv")
    where = {(e.row, e.column) for e in raised.value.errors}
    assert where == {
        (3, "text"),
        (3, "group"),
        (3, "ward"),
        (3, "consent"),
        (3, "received"),
        (3, "big_things"),
    }
    group_error = next(e for e in raised.value.errors if e.column == "group")
    assert "young-people, businesses" in group_error.message
    assert not Comment.objects.exists()
    record = CommentImport.objects.get()
    assert record.status == RunStatus.FAILED and len(record.errors) == 6


def test_import_unknown_column_and_missing_text_column(world):
    with pytest.raises(CommentImportError) as raised:
        comments_import(
            user=world.officer,
            place=world.place,
            source=_csv("comment,colour", "a,b"),
            filename="c.csv",
        )
    assert {e.column for e in raised.value.errors} == {"comment", "colour", "text"}


def test_import_xlsx_and_the_template(world):
    book = Workbook()
    book.active.append(["text", "received"])
    book.active.append(["From a workbook", dt.datetime(2025, 2, 1)])
    out = io.BytesIO()
    book.save(out)
    comments_import(user=world.officer, place=world.place, source=out.getvalue(), filename="c.xlsx")
    assert Comment.objects.get().received_at.date() == dt.date(2025, 2, 1)
    template = comments_template(place=world.place)
    assert template.startswith(b"text,group,ward,age_band,consent")
    record = comments_import(
        user=world.officer, place=world.place, source=template, filename="t.csv"
    )
    assert record.rows_created == 1


def test_import_needs_capture(world):
    with pytest.raises(PermissionDenied):
        comments_import(
            user=world.scrutiny, place=world.place, source=_csv("text", "a"), filename="c.csv"
        )
    assert not CommentImport.objects.exists()


def test_public_submission_is_pending_from_the_form_with_its_big_thing(world):
    bt = world.sample.big_things[0]
    comment = comment_submit_public(place=world.place, text="My email is a@b.com", big_thing=bt)
    assert comment.source == CommentSource.FORM and comment.redaction_state == "pending"
    assert "[EMAIL]" in comment.redacted_text and not comment.consent_publish
    assert list(comment.big_things.all()) == [bt]


def test_the_cli_imports_and_prints_errors(world, tmp_path):
    from typer.testing import CliRunner

    from onefuture.cli import app

    event = _event(world)
    bad = tmp_path / "bad.csv"
    bad.write_text("text,group\nhello,nobody\n")
    result = CliRunner().invoke(app, ["engagement", "import", str(bad), "--place", "riverton"])
    assert result.exit_code == 1
    assert "row 2, column 'group'" in result.output
    assert not Comment.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text("text\nhello\nagain\n")
    result = CliRunner().invoke(
        app, ["engagement", "import", str(good), "--place", "riverton", "--event", str(event.pk)]
    )
    assert result.exit_code == 0, result.output
    assert "2 comment(s) imported" in result.output
    assert Comment.objects.filter(event=event).count() == 2
