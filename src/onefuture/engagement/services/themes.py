"""The writes of themes: runs (discovery, then propagation), and the analyst's curation.

Every function checks ``engagement.analyse`` first (except :func:`theme_run_execute`, the body
of a job whose run was checked when it was started) and writes in one transaction.

What a re-run keeps (ADR 0032): every CONFIRMED theme, every theme holding a confirmed
assignment, and every confirmed assignment (a comment whose themes an analyst confirmed keeps
exactly those themes). The other proposed themes of the scope are replaced by the new
discovery's, and every comment not confirmed is assigned again by propagation
(:func:`onefuture.themes.assign_themes`), with the confirmed assignments and each new theme's
representative comments as labelled examples and confirmed themes' descriptions as
descriptions. Discovery and propagation read ``redacted_text`` only, and only of comments whose
redaction a person has checked and that are not withheld (ADR 0032, amended): a name the rules
missed in a comment still waiting for review could otherwise become a public theme's name. The
analyst's tool never needs the original.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.core.permissions import permission_check
from onefuture.engagement.models import (
    AssignmentSource,
    Comment,
    CommentTheme,
    Response,
    RunStatus,
    Theme,
    ThemeRun,
    ThemeStatus,
)
from onefuture.engagement.permissions import ANALYSE
from onefuture.engagement.selectors import themes as selectors
from onefuture.engagement.selectors.themes import Scope

#: Discovery needs at least this many comments with text in a scope.
MIN_COMMENTS = 10
#: A split needs at least this many comments in the theme.
MIN_SPLIT = 6
#: The most themes a person may ask for.
MAX_THEMES = 30
#: An unfinished run younger than this blocks another run of the same scope (two runs at once
#: would replace each other's themes); an older one is taken to be stuck (no worker took it).
BUSY_MINUTES = 30
#: Representative comments of each discovered theme used as its examples in propagation.
EXAMPLES_PER_THEME = 4

Progress = Callable[[int, str], None]


class ThemeError(ApplicationError):
    """A theme operation that cannot be done as asked (the message says why)."""


def _scope_check(*, place: Any, consultation: Any, event: Any) -> Scope:
    for name, obj in (("consultation", consultation), ("event", event)):
        if obj is not None and obj.place_id != place.pk:
            raise ThemeError(
                f"That {name} is not in {place.name}.",
                errors=[ErrorDetail(field=name, message=f"Choose a {name} of {place.name}.")],
            )
    if consultation is not None and event is not None:
        raise ThemeError("Theme a consultation or an event, not both.")
    return Scope(place=place, consultation=consultation, event=event)


def _texts_count(scope: Scope) -> int:
    return (
        selectors.scope_comments_themable(scope=scope)
        .exclude(redacted_text__regex=r"^\W*$")
        .count()
    )


def _too_few(count: int) -> str:
    return (
        f"Theme discovery needs at least {MIN_COMMENTS} comments with text whose redaction has "
        f"been checked; this scope has {count}. Check the redaction of more comments (or choose "
        "a larger scope) and run it again."
    )


def theme_run_start(
    *,
    user: Any,
    place: Any,
    consultation: Any = None,
    event: Any = None,
    n_themes: int | None = None,
) -> ThemeRun:
    """Queue a theme run over a scope's comments (the worker runs :func:`theme_run_execute`)."""
    permission_check(user=user, action=ANALYSE, place=place)
    run = theme_run_create(
        place=place, consultation=consultation, event=event, n_themes=n_themes, created_by=user
    )
    from onefuture.engagement.tasks import theme_run_enqueue

    theme_run_enqueue(run=run)
    run.refresh_from_db()
    return run


def theme_run_create(
    *,
    place: Any,
    consultation: Any = None,
    event: Any = None,
    n_themes: int | None = None,
    created_by: Any = None,
) -> ThemeRun:
    """Create a queued run, checking every rule but the person's right.

    The operator's entry: the command line (``onefuture engagement themes``) creates the run
    and executes it in its own process; people go through :func:`theme_run_start`.
    """
    scope = _scope_check(place=place, consultation=consultation, event=event)
    if n_themes is not None and (
        isinstance(n_themes, bool)
        or not isinstance(n_themes, int)
        or not 2 <= n_themes <= MAX_THEMES
    ):
        raise ThemeError(
            f"The number of themes must be a whole number from 2 to {MAX_THEMES}.",
            errors=[
                ErrorDetail(field="n_themes", message=f"Give a number from 2 to {MAX_THEMES}.")
            ],
        )
    count = _texts_count(scope)
    if count < MIN_COMMENTS:
        raise ThemeError(_too_few(count))
    busy = selectors.run_unfinished(
        scope=scope, since=timezone.now() - timedelta(minutes=BUSY_MINUTES)
    )
    if busy is not None:
        raise ThemeError(
            f"A run of these comments is already {busy.get_status_display().lower()} "
            f"(run {busy.pk}); wait for it to finish before starting another."
        )
    with transaction.atomic():
        return ThemeRun.objects.create(
            place=place,
            consultation=consultation,
            event=event,
            n_themes=n_themes,
            comments_count=count,
            created_by=created_by if getattr(created_by, "pk", None) else None,
            stage="Waiting for the background worker",
        )


def theme_run_fail(*, run_id: int, message: str) -> bool:
    """Fail an unfinished run with ``message``; False if it had already finished."""
    return bool(
        ThemeRun.objects.filter(id=run_id, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), message=message
        )
    )


def _progress_writer(run: ThemeRun, callback: Progress | None) -> Progress:
    def write(progress: int, stage: str) -> None:
        ThemeRun.objects.filter(id=run.id).update(progress=progress, stage=stage)
        if callback is not None:
            callback(progress, stage)

    return write


#: Keys a theme never gets: they are the names of the theme pages' own routes.
RESERVED_KEYS = frozenset({"merge", "review", "runs"})


def _unique_key(place: Any, label: str, taken: set[str]) -> str:
    taken |= RESERVED_KEYS
    base = slugify(label)[:100] or "theme"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def _name(label: str) -> str:
    words = [w.strip() for w in label.split("/") if w.strip()]
    text = ", ".join(words) if words else label
    return text[:1].upper() + text[1:200]


def theme_run_execute(*, run: ThemeRun, progress: Progress | None = None) -> ThemeRun:
    """Run discovery and propagation for ``run``'s scope (the job's body; see the module).

    Progress and stage are written as it goes (outside the final transaction, so the run page
    shows them); the themes and assignments are written in one transaction at the end. Too few
    comments fail the run with a message saying so.
    """
    from onefuture import themes as library

    write = _progress_writer(run, progress)
    ThemeRun.objects.filter(id=run.id).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), message=""
    )
    scope = Scope(place=run.place, consultation=run.consultation, event=run.event)
    rows = selectors.comment_texts(scope=scope)
    write(5, f"Reading {len(rows)} comments")
    usable = sum(1 for _, text, _, _ in rows if text.strip())
    if usable < MIN_COMMENTS:
        theme_run_fail(run_id=run.id, message=_too_few(usable))
        run.refresh_from_db()
        return run
    existing = {t.id: t for t in selectors.scope_themes(scope=scope)}
    confirmed_link_themes = {tid for _, _, _, links in rows for tid, ok in links if ok}
    # A theme with a response is kept too (deleting it would delete the response).
    responded = set(
        Response.objects.filter(theme_id__in=list(existing)).values_list("theme_id", flat=True)
    )
    kept = {
        tid: t
        for tid, t in existing.items()
        if t.status == ThemeStatus.CONFIRMED or tid in confirmed_link_themes or tid in responded
    }
    texts = [text for _, text, _, _ in rows]
    # Each confirmed comment keeps exactly its confirmed themes (possibly none).
    examples: dict[int, list[str]] = {}
    for index, (_, _, at, links) in enumerate(rows):
        if at is not None:
            examples[index] = [kept[tid].key for tid, ok in links if ok and tid in kept]
    todo = [i for i in range(len(rows)) if i not in examples]
    discovered: list[Any] = []
    todo_texts = [texts[i] for i in todo]
    if sum(1 for t in todo_texts if t.strip()) >= MIN_COMMENTS:
        write(15, f"Finding themes in {len(todo)} comments")
        discovered = [
            t
            for t in library.discover_themes(todo_texts, n_themes=run.n_themes)
            if t.number != library.OTHER
        ]
    write(55, f"Found {len(discovered)} themes; assigning comments")
    taken = set(
        Theme.objects.filter(place=run.place)
        .exclude(id__in=[tid for tid in existing if tid not in kept])
        .values_list("key", flat=True)
    )
    new_keys = []
    for theme in discovered:
        key = _unique_key(run.place, theme.label, taken)
        new_keys.append(key)
        for member in theme.representatives[:EXAMPLES_PER_THEME]:
            examples.setdefault(todo[member], []).append(key)
    descriptions = {
        t.key: f"{t.name}. {t.description}".strip()
        for t in kept.values()
        if t.status == ThemeStatus.CONFIRMED
    }
    names = {k for labels in examples.values() for k in labels} | set(descriptions)
    assignment = None
    if names:
        write(65, f"Assigning {len(todo)} comments to {len(names)} themes")
        assignment = library.assign_themes(texts, examples, descriptions=descriptions)
    write(90, "Saving the themes")
    with transaction.atomic():
        Theme.objects.filter(id__in=[tid for tid in existing if tid not in kept]).delete()
        order = max((t.order for t in kept.values()), default=0)
        by_key = {t.key: t for t in kept.values()}
        for offset, (theme, key) in enumerate(zip(discovered, new_keys, strict=True), start=1):
            by_key[key] = Theme.objects.create(
                place=run.place,
                consultation=run.consultation,
                event=run.event,
                key=key,
                name=_name(theme.label),
                keywords=list(theme.keywords),
                run=run,
                order=order + offset,
            )
        todo_ids = [rows[i][0] for i in todo]
        CommentTheme.objects.filter(comment_id__in=todo_ids, confirmed=False).delete()
        links = []
        if assignment is not None:
            column = {name: j for j, name in enumerate(assignment.themes)}
            representative = {
                (todo[m], key)
                for theme, key in zip(discovered, new_keys, strict=True)
                for m in theme.representatives[:EXAMPLES_PER_THEME]
            }
            confirmed_pairs = set(
                CommentTheme.objects.filter(comment_id__in=todo_ids).values_list(
                    "comment_id", "theme_id"
                )
            )
            for index in todo:
                for key in assignment.labels[index]:
                    theme = by_key[key]
                    if (rows[index][0], theme.id) in confirmed_pairs:
                        continue
                    links.append(
                        CommentTheme(
                            comment_id=rows[index][0],
                            theme=theme,
                            confidence=round(float(assignment.confidence[index, column[key]]), 4),
                            source=AssignmentSource.DISCOVERED
                            if (index, key) in representative
                            else AssignmentSource.ASSIGNED,
                        )
                    )
        CommentTheme.objects.bulk_create(links)
        ThemeRun.objects.filter(id=run.id).update(
            status=RunStatus.SUCCEEDED,
            progress=100,
            stage="Finished",
            finished_at=timezone.now(),
            comments_count=len(rows),
            themes_proposed=len(discovered),
            message=(
                f"{len(discovered)} themes proposed, {len(kept)} kept; "
                f"{len(todo)} comments assigned, {len(rows) - len(todo)} confirmed ones kept."
            ),
        )
    if progress is not None:
        progress(100, "Finished")
    run.refresh_from_db()
    return run


# --------------------------------------------------------------------------- curation


def _own(place: Any, theme: Theme) -> None:
    if theme.place_id != place.pk:
        raise ThemeError(f"That theme is not in {place.name}.")


def _no_response(theme: Theme, doing: str) -> None:
    if hasattr(theme, "response"):
        raise ThemeError(
            f"The theme '{theme.name}' has a response; {doing} it would lose the response. "
            "Move or delete the response first."
        )


def theme_rename(
    *, user: Any, place: Any, theme: Theme, name: str, description: str | None = None
) -> Theme:
    """Give a theme a new name (and description); its key and comments stay."""
    permission_check(user=user, action=ANALYSE, place=place, obj=theme)
    _own(place, theme)
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise ThemeError(
            "Give the theme a name of up to 200 characters.",
            errors=[ErrorDetail(field="name", message="Enter a name of up to 200 characters.")],
        )
    with transaction.atomic():
        theme.name = name
        if description is not None:
            theme.description = description.strip()
        theme.save()
    return theme


def theme_confirm(*, user: Any, place: Any, theme: Theme) -> Theme:
    """Confirm a theme: re-runs keep it, its name and its comments' confirmed assignments."""
    permission_check(user=user, action=ANALYSE, place=place, obj=theme)
    _own(place, theme)
    with transaction.atomic():
        theme.status = ThemeStatus.CONFIRMED
        theme.confirmed_by = user if getattr(user, "pk", None) else None
        theme.confirmed_at = timezone.now()
        theme.save()
    return theme


def theme_merge(*, user: Any, place: Any, themes: Sequence[Theme], into: Theme) -> Theme:
    """Merge ``themes`` into ``into``: their comments (confirmed ones stay confirmed), keywords
    and big things move to it, and they are deleted."""
    permission_check(user=user, action=ANALYSE, place=place, obj=into)
    others = [t for t in themes if t.pk != into.pk]
    if not others:
        raise ThemeError(
            "Choose at least one other theme to merge into this one.",
            errors=[ErrorDetail(field="themes", message="Tick the themes to merge.")],
        )
    for theme in [into, *others]:
        _own(place, theme)
        if (theme.consultation_id, theme.event_id) != (into.consultation_id, into.event_id):
            raise ThemeError(
                f"'{theme.name}' is a theme of another consultation or event; only themes of "
                "the same scope can be merged."
            )
    for theme in others:
        _no_response(theme, "merging")
    with transaction.atomic():
        held = {link.comment_id: link for link in CommentTheme.objects.filter(theme=into)}
        for link in CommentTheme.objects.filter(theme__in=others).order_by("-confidence"):
            mine = held.get(link.comment_id)
            if mine is None:
                held[link.comment_id] = CommentTheme.objects.create(
                    comment_id=link.comment_id,
                    theme=into,
                    confidence=link.confidence,
                    source=link.source,
                    confirmed=link.confirmed,
                )
            else:
                mine.confirmed = mine.confirmed or link.confirmed
                if link.confidence is not None and (mine.confidence or 0) < link.confidence:
                    mine.confidence = link.confidence
                mine.save()
        keywords = list(into.keywords)
        for theme in others:
            keywords += [k for k in theme.keywords if k not in keywords]
            into.big_things.add(*theme.big_things.all())
        into.keywords = keywords
        into.save()
        Theme.objects.filter(id__in=[t.pk for t in others]).delete()
    return into


def theme_split(*, user: Any, place: Any, theme: Theme) -> list[Theme]:
    """Split a theme in two by discovery (2 themes) on its comments; both are proposed.

    Its comments (confirmed assignments stay confirmed) go to the half they fall in; the theme
    is deleted.
    """
    from onefuture import themes as library

    permission_check(user=user, action=ANALYSE, place=place, obj=theme)
    _own(place, theme)
    _no_response(theme, "splitting")
    links = selectors.theme_comments(theme=theme)
    texts = [link.comment.redacted_text for link in links]
    if sum(1 for t in texts if t.strip()) < MIN_SPLIT:
        raise ThemeError(
            f"A theme needs at least {MIN_SPLIT} comments with text to be split; "
            f"'{theme.name}' has {len(texts)}."
        )
    found = library.discover_themes(texts, n_themes=2)
    halves = [t for t in found if t.number != library.OTHER]
    if len(halves) < 2:
        raise ThemeError(f"The comments of '{theme.name}' do not fall into two themes.")
    with transaction.atomic():
        taken = set(Theme.objects.filter(place=place).values_list("key", flat=True))
        made = []
        for offset, half in enumerate(halves[:2]):
            made.append(
                Theme.objects.create(
                    place=place,
                    consultation=theme.consultation,
                    event=theme.event,
                    key=_unique_key(place, half.label, taken),
                    name=_name(half.label),
                    keywords=list(half.keywords),
                    run=theme.run,
                    order=theme.order + offset,
                )
            )
            made[-1].big_things.set(theme.big_things.all())
        where = dict.fromkeys(range(len(links)), 0)
        for half_index, half in enumerate(halves[:2]):
            for member in half.members:
                where[member] = half_index
        CommentTheme.objects.bulk_create(
            CommentTheme(
                comment_id=link.comment_id,
                theme=made[where[i]],
                confidence=link.confidence,
                source=link.source,
                confirmed=link.confirmed,
            )
            for i, link in enumerate(links)
        )
        theme.delete()
    return made


def comment_themes_set(
    *, user: Any, place: Any, comment: Comment, themes: Iterable[Theme], confirm: bool = True
) -> Comment:
    """Give a comment exactly ``themes`` (possibly none); ``confirm``: a re-run keeps them."""
    permission_check(user=user, action=ANALYSE, place=place, obj=comment)
    if comment.place_id != place.pk:
        raise ThemeError(f"That comment is not in {place.name}.")
    chosen = list(themes)
    for theme in chosen:
        _own(place, theme)
    with transaction.atomic():
        CommentTheme.objects.filter(comment=comment).exclude(
            theme__in=[t.pk for t in chosen]
        ).delete()
        held = {link.theme_id: link for link in CommentTheme.objects.filter(comment=comment)}
        for theme in chosen:
            link = held.get(theme.pk)
            if link is None:
                CommentTheme.objects.create(
                    comment=comment,
                    theme=theme,
                    confidence=1.0,
                    source=AssignmentSource.ANALYST,
                    confirmed=confirm,
                )
            elif confirm and not link.confirmed:
                link.confirmed = True
                link.save(update_fields=["confirmed"])
        if confirm:
            comment.themes_confirmed_at = timezone.now()
            comment.themes_confirmed_by = user if getattr(user, "pk", None) else None
            comment.save(update_fields=["themes_confirmed_at", "themes_confirmed_by"])
    return comment


def theme_big_things_set(
    *, user: Any, place: Any, theme: Theme, big_things: Iterable[Any]
) -> Theme:
    """Map a theme to big things; its comments are about them too (ADR 0032)."""
    permission_check(user=user, action=ANALYSE, place=place, obj=theme)
    _own(place, theme)
    chosen = list(big_things)
    for big_thing in chosen:
        if big_thing.place_id != place.pk:
            raise ThemeError(f"'{big_thing}' is not a big thing of {place.name}.")
    with transaction.atomic():
        theme.big_things.set(chosen)
    return theme
