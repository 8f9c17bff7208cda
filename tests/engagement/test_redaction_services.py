"""Redaction review's services and the public read path: confirm (accept, or mark more text),
withhold and release, and ``selectors.public`` showing only consented, checked, unwithheld words."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.engagement.models import Comment, CommentTheme, EventKind, Theme
from onefuture.engagement.selectors.public import (
    PublicComment,
    comments_public,
    public_comment_count,
)
from onefuture.engagement.services.capture import comment_add, event_save
from onefuture.engagement.services.redaction import (
    comment_release,
    comment_withhold,
    marked_phrases,
    redacted_from,
    redaction_confirm,
)
from tests.engagement.capture_sample import capture_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return capture_world()


def _comment(world, text, **extra):
    return comment_add(user=world.officer, place=world.place, text=text, **extra)


def test_accepting_confirms_and_records_who_and_when(world):
    comment = _comment(world, "Ring Sarah Jenkins on 07700 900123 about the buses")
    before = comment.redacted_text
    done = redaction_confirm(user=world.officer, place=world.place, comment=comment)
    done.refresh_from_db()
    assert done.redaction_state == "confirmed"
    assert done.redacted_text == before == "Ring [NAME] on [PHONE] about the buses"
    assert done.redaction_reviewed_by == world.officer and done.redaction_reviewed_at
    last = done.history.first()
    assert last.history_user == world.officer and last.history_change_reason == "Redaction checked"


def test_marked_phrases_are_hidden_everywhere_they_occur_as_spans_not_words(world):
    text = "The Blue Parrot cafe by the Blue parrot bus stop is lovely, says Zebedee Quill."
    comment = _comment(world, text)
    done = redaction_confirm(
        user=world.officer,
        place=world.place,
        comment=comment,
        marked="blue parrot\n\n  Zebedee   Quill \nBLUE PARROT",
    )
    done.refresh_from_db()
    assert "parrot" not in done.redacted_text.lower() and "Zebedee" not in done.redacted_text
    assert done.redacted_text.count("[REDACTED]") >= 2
    marked = [s for s in done.redaction_spans if s["kind"] == "MARKED"]
    assert [(s["start"], s["end"]) for s in marked][:2] == [(4, 15), (28, 39)]
    assert all(set(s) == {"start", "end", "kind"} for s in done.redaction_spans)
    assert "Parrot" not in str(done.redaction_spans)
    # The stored text is recomputed from the original and every span.
    assert done.redacted_text == redacted_from(text, done.redaction_spans)


def test_a_phrase_not_in_the_original_is_named_and_nothing_is_written(world):
    comment = _comment(world, "More buses to Brinnington please")
    with pytest.raises(ApplicationError) as raised:
        redaction_confirm(
            user=world.officer,
            place=world.place,
            comment=comment,
            marked=["Brinnington", "Sarah Smith", "Reddish"],
        )
    messages = " ".join(e.message for e in raised.value.errors)
    assert len(raised.value.errors) == 2 and "Sarah Smith" in messages and "Reddish" in messages
    assert "Brinnington" not in messages
    assert all(e.field == "marked" for e in raised.value.errors)
    comment.refresh_from_db()
    assert comment.redaction_state == "pending" and "Brinnington" in comment.redacted_text


def test_overlapping_marks_and_rule_spans_merge_into_one_tag():
    text = "Ask Sarah Jenkins at home"
    spans = [
        {"start": 4, "end": 17, "kind": "NAME"},
        {"start": 10, "end": 25, "kind": "MARKED"},
    ]
    assert redacted_from(text, spans) == "Ask [REDACTED]"
    assert redacted_from(text, spans[:1]) == "Ask [NAME] at home"
    assert marked_phrases("a\n\nA\n b  c ") == ["a", "b c"]


def test_only_engagement_officers_check_redaction(world):
    comment = _comment(world, "The park needs benches")
    for user in (world.strategy, world.scrutiny, world.editor):
        with pytest.raises(PermissionDenied):
            redaction_confirm(user=user, place=world.place, comment=comment)
        with pytest.raises(PermissionDenied):
            comment_withhold(user=user, place=world.place, comment=comment, reason="Rude")
    other = capture_world(slug="elsewhere")
    with pytest.raises((PermissionDenied, ApplicationError)):
        redaction_confirm(user=other.officer, place=other.place, comment=comment)
    comment.refresh_from_db()
    assert comment.redaction_state == "pending" and not comment.withheld


def test_withhold_needs_a_reason_and_release_undoes_it(world):
    comment = _comment(world, "The park needs benches", consent_publish=True)
    redaction_confirm(user=world.officer, place=world.place, comment=comment)
    with pytest.raises(ApplicationError) as raised:
        comment_withhold(user=world.officer, place=world.place, comment=comment, reason="  ")
    assert raised.value.errors[0].field == "reason"
    assert public_comment_count(place=world.place) == 1
    done = comment_withhold(
        user=world.officer, place=world.place, comment=comment, reason="Names a member of staff"
    )
    assert done.withheld and done.withheld_reason == "Names a member of staff"
    assert public_comment_count(place=world.place) == 0
    comment_release(user=world.officer, place=world.place, comment=done)
    assert public_comment_count(place=world.place) == 1
    reasons = [h.history_change_reason for h in Comment.objects.get(pk=comment.pk).history.all()]
    assert reasons[:3] == ["Released", "Withheld", "Redaction checked"]


def test_only_consented_checked_unwithheld_comments_are_public(world):
    """The proof of the one path: pending, unconsented and withheld comments never appear."""
    event = event_save(
        user=world.officer,
        place=world.place,
        title="Youth forum",
        kind=EventKind.FORUM,
        date=dt.date(2025, 3, 1),
    )
    made = {
        name: _comment(
            world,
            f"{name}: call Sarah Jenkins on 07700 900123",
            consent_publish=consent,
            event=event,
            group=world.groups[0],
            ward=world.wards[0],
            age_band="16-24",
            demographics={"disability": "yes"},
        )
        for name, consent in (
            ("public", True),
            ("pending", True),
            ("unconsented", False),
            ("withheld", True),
        )
    }
    for name in ("public", "unconsented", "withheld"):
        redaction_confirm(user=world.officer, place=world.place, comment=made[name])
    comment_withhold(
        user=world.officer, place=world.place, comment=made["withheld"], reason="Abusive"
    )
    found = comments_public(place=world.place)
    assert [c.id for c in found] == [made["public"].pk]
    (only,) = found
    assert isinstance(only, PublicComment)
    assert only.text == "public: call [NAME] on [PHONE]"
    assert (only.event_title, only.event_date) == ("Youth forum", dt.date(2025, 3, 1))
    shown = repr(dataclasses.asdict(only))
    # No demographics beside public words: not the age band, the answers, the group or the ward.
    for secret in ("Sarah", "07700", "16-24", "disability", "Young people", "Brinnington"):
        assert secret not in shown
    assert public_comment_count(place=world.place) == 1
    assert comments_public(place=world.place, event=event, limit=0) == []
    assert comments_public(place=capture_world(slug="other").place) == []


def test_public_comments_of_a_theme_and_a_big_thing(world):
    big_thing = world.sample.big_things[0]
    theme = Theme.objects.create(place=world.place, key="buses", name="Buses")
    comments = [
        _comment(world, f"Buses {i}", consent_publish=True, big_things=[big_thing] if i else [])
        for i in range(3)
    ]
    for c in comments:
        redaction_confirm(user=world.officer, place=world.place, comment=c)
    for c, confidence in zip(comments[:2], (0.2, 0.9), strict=True):
        CommentTheme.objects.create(
            comment=c, theme=theme, confidence=confidence, source="assigned"
        )
    assert [c.text for c in comments_public(place=world.place, theme=theme)] == [
        "Buses 1",
        "Buses 0",
    ]
    assert [c.text for c in comments_public(place=world.place, theme=theme, limit=1)] == ["Buses 1"]
    assert public_comment_count(place=world.place, big_thing=big_thing) == 2
    assert public_comment_count(place=world.place, theme=theme, big_thing=big_thing) == 1
