"""Theme runs and curation: what a re-run keeps, merge, split, rename, refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.engagement.models import (
    Comment,
    CommentSource,
    CommentTheme,
    RedactionState,
    RunStatus,
    Theme,
    ThemeRun,
    ThemeStatus,
)
from onefuture.engagement.selectors import themes as selectors
from onefuture.engagement.services import themes as services
from tests.engagement.themes_sample import themes_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return themes_world()


def _run(world, **kwargs):
    return services.theme_run_start(
        user=world.analyst, place=world.place, consultation=world.consultation, **kwargs
    )


def test_a_run_proposes_themes_and_assigns_every_comment(world):
    run = _run(world, n_themes=3)
    assert run.status == RunStatus.SUCCEEDED, run.message
    assert run.progress == 100
    themes = list(Theme.objects.filter(place=world.place, consultation=world.consultation))
    assert len(themes) == 3
    assert all(t.status == ThemeStatus.PROPOSED and t.keywords for t in themes)
    assigned = set(CommentTheme.objects.values_list("comment_id", flat=True))
    assert assigned == {c.id for c in world.comments}
    queue = selectors.review_queue(scope=selectors.theme_scope(theme=themes[0]))
    assert queue and queue[0].best <= queue[-1].best


def test_confirmed_themes_and_assignments_survive_a_rerun(world):
    _run(world, n_themes=3)
    theme = Theme.objects.filter(consultation=world.consultation).first()
    services.theme_rename(
        user=world.analyst, place=world.place, theme=theme, name="Kept theme", description="Kept"
    )
    services.theme_confirm(user=world.analyst, place=world.place, theme=theme)
    # A comment confirmed into the confirmed theme, and one confirmed with no theme at all.
    odd = world.comments[0]
    services.comment_themes_set(user=world.analyst, place=world.place, comment=odd, themes=[theme])
    empty = world.comments[13]
    services.comment_themes_set(user=world.analyst, place=world.place, comment=empty, themes=[])
    proposed = set(Theme.objects.filter(status=ThemeStatus.PROPOSED).values_list("id", flat=True))

    run = _run(world, n_themes=3)

    assert run.status == RunStatus.SUCCEEDED, run.message
    theme.refresh_from_db()
    assert (theme.name, theme.description, theme.status) == ("Kept theme", "Kept", "confirmed")
    assert list(odd.theme_links.values_list("theme_id", "confirmed")) == [(theme.id, True)]
    assert not empty.theme_links.exists()
    # The old proposed themes were replaced by new ones.
    now_proposed = set(
        Theme.objects.filter(status=ThemeStatus.PROPOSED).values_list("id", flat=True)
    )
    assert now_proposed and not (now_proposed & proposed)
    # Propagation used the confirmed theme: other comments are in it too.
    assert CommentTheme.objects.filter(theme=theme, confirmed=False).exists()


def test_merge_moves_comments_and_deletes_the_others(world):
    _run(world, n_themes=3)
    a, b, _c = Theme.objects.filter(consultation=world.consultation)
    count = CommentTheme.objects.filter(theme__in=[a, b]).values("comment").distinct().count()
    services.theme_merge(user=world.analyst, place=world.place, themes=[a, b], into=a)
    assert not Theme.objects.filter(id=b.id).exists()
    assert CommentTheme.objects.filter(theme=a).count() == count
    with pytest.raises(ApplicationError, match="at least one other theme"):
        services.theme_merge(user=world.analyst, place=world.place, themes=[a], into=a)


def test_split_proposes_two_themes_holding_the_comments(world):
    _run(world, n_themes=2)
    big = max(
        Theme.objects.filter(consultation=world.consultation),
        key=lambda t: t.comment_links.count(),
    )
    held = set(big.comment_links.values_list("comment_id", flat=True))
    halves = services.theme_split(user=world.analyst, place=world.place, theme=big)
    assert len(halves) == 2 and not Theme.objects.filter(id=big.id).exists()
    moved = set(CommentTheme.objects.filter(theme__in=halves).values_list("comment_id", flat=True))
    assert moved == held


def test_rename_needs_a_name_and_big_things_stay_in_the_place(world):
    _run(world, n_themes=3)
    theme = Theme.objects.filter(consultation=world.consultation).first()
    with pytest.raises(ApplicationError) as error:
        services.theme_rename(user=world.analyst, place=world.place, theme=theme, name="  ")
    assert error.value.errors[0].field == "name"
    big_thing = world.sample.big_things[0]
    services.theme_big_things_set(
        user=world.analyst, place=world.place, theme=theme, big_things=[big_thing]
    )
    about = (
        world.place.engagement_comments.filter(selectors.comments_about_big_thing(big_thing))
        .distinct()
        .count()
    )
    assert about == theme.comment_links.count() > 0


def test_a_run_reads_only_comments_whose_redaction_a_person_checked(world):
    # Twelve comments still waiting for their redaction check, and one withheld, all naming a
    # person the rules missed: none may reach discovery, propagation or a theme's name.
    start = world.comments[-1].received_at
    waiting = [
        Comment.objects.create(
            place=world.place,
            consultation=world.consultation,
            source=CommentSource.ENTERED,
            text=f"Zebedee Quarrington runs the allotment society, plot {i}",
            redacted_text=f"Zebedee Quarrington runs the allotment society, plot {i}",
            received_at=start + dt.timedelta(minutes=i + 1),
        )
        for i in range(12)
    ]
    withheld = Comment.objects.create(
        place=world.place,
        consultation=world.consultation,
        source=CommentSource.ENTERED,
        text="Zebedee Quarrington drives the late bus",
        redacted_text="Zebedee Quarrington drives the late bus",
        redaction_state=RedactionState.CONFIRMED,
        withheld=True,
        withheld_reason="Names a driver",
        received_at=start + dt.timedelta(hours=1),
    )
    scope = selectors.Scope(place=world.place, consultation=world.consultation)
    assert {row[0] for row in selectors.comment_texts(scope=scope)} == {
        c.id for c in world.comments
    }
    run = _run(world, n_themes=3)
    assert run.status == RunStatus.SUCCEEDED, run.message
    assert run.comments_count == len(world.comments)
    left_out = [c.id for c in waiting] + [withheld.id]
    assert not CommentTheme.objects.filter(comment_id__in=left_out).exists()
    for theme in Theme.objects.filter(place=world.place):
        words = " ".join([theme.name, theme.key, *theme.keywords]).lower()
        assert "zebedee" not in words and "quarrington" not in words and "allotment" not in words


def test_too_few_checked_comments_is_a_clear_message(world):
    # Enough comments, but most still waiting for their redaction check: the run is refused.
    Comment.objects.filter(id__in=[c.id for c in world.comments[5:]]).update(
        redaction_state=RedactionState.PENDING
    )
    with pytest.raises(ApplicationError, match="at least 10 comments with text whose redaction"):
        _run(world)
    assert not ThemeRun.objects.exists()


def test_too_few_comments_is_a_clear_message(world):
    for comment in world.comments[5:]:
        comment.delete()
    with pytest.raises(ApplicationError, match="at least 10 comments"):
        _run(world)
    assert not ThemeRun.objects.exists()


def test_people_without_the_right_are_refused_and_nothing_is_written(world):
    for person in (world.scrutiny, world.editor, None):
        with pytest.raises(PermissionDenied):
            services.theme_run_start(
                user=person, place=world.place, consultation=world.consultation
            )
    assert not ThemeRun.objects.exists()
    _run(world, n_themes=3)
    theme = Theme.objects.first()
    with pytest.raises(PermissionDenied):
        services.theme_confirm(user=world.scrutiny, place=world.place, theme=theme)
    with pytest.raises(PermissionDenied):
        services.comment_themes_set(
            user=world.editor, place=world.place, comment=world.comments[0], themes=[]
        )
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.PROPOSED


def test_a_crash_fails_the_run_with_a_reason(world, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "theme_run_execute", boom)
    _run(world)  # the immediate backend keeps the error in the task's result
    run = ThemeRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "unexpected error" in run.message


def test_a_rerun_keeps_a_proposed_theme_that_has_a_response(world):
    from onefuture.engagement.models import Response

    _run(world, n_themes=3)
    theme = Theme.objects.filter(consultation=world.consultation).first()
    Response.objects.create(place=world.place, theme=theme, summary="We will look at it.")
    _run(world, n_themes=3)
    assert Theme.objects.filter(id=theme.id).exists()
    assert Response.objects.get().theme_id == theme.id
    with pytest.raises(ApplicationError, match="has a response"):
        services.theme_split(user=world.analyst, place=world.place, theme=theme)


def test_an_event_scope_reads_only_its_comments_and_a_consultation_its_events_too(world):
    import datetime as dt

    from onefuture.engagement.models import Event

    event = Event.objects.create(
        place=world.place,
        consultation=world.consultation,
        title="Bus forum",
        kind="forum",
        date=dt.date(2026, 3, 2),
    )
    for comment in world.comments[:12]:
        comment.consultation = None
        comment.event = event
        comment.save()
    scope = selectors.scope_get(place=world.place, event=str(event.pk))
    assert selectors.scope_comments(scope=scope).count() == 12
    consultation = selectors.scope_get(place=world.place, consultation="town-2040")
    assert selectors.scope_comments(scope=consultation).count() == 36
    run = services.theme_run_start(user=world.analyst, place=world.place, event=event, n_themes=2)
    assert run.status == RunStatus.SUCCEEDED and run.comments_count == 12
    assert set(Theme.objects.values_list("event", flat=True)) == {event.pk}
    with pytest.raises(ApplicationError, match="no event"):
        selectors.scope_get(place=world.place, event="999999")


def test_a_second_run_of_a_scope_waits_for_the_first(world):
    busy = ThemeRun.objects.create(
        place=world.place, consultation=world.consultation, status=RunStatus.RUNNING
    )
    with pytest.raises(ApplicationError, match=f"already running \\(run {busy.pk}\\)"):
        _run(world)
    # Another scope is not blocked; a stuck run (older than BUSY_MINUTES) does not block.
    services.theme_run_create(place=world.place, n_themes=3)
    ThemeRun.objects.filter(pk=busy.pk).update(
        created_at=busy.created_at - dt.timedelta(minutes=services.BUSY_MINUTES + 1)
    )
    assert _run(world, n_themes=3).status == RunStatus.SUCCEEDED
