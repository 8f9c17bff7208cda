"""The reads of themes: a scope's comments and themes, runs, and the analyst's review queue.

A *scope* is a consultation, an event, or neither (every comment of the place). Every read is
scoped by place. Comments are read for their ``redacted_text`` only: the analyst's tool never
needs the original (``text``). A theme run reads only :func:`scope_comments_themable`: comments
whose redaction a person has checked and that are not withheld (ADR 0032, amended), so a name the
rules missed in a comment still waiting for review cannot become a theme's name or keyword.

A comment's big things are the ones it was given at capture (``Comment.big_things``) and the
big things of the themes it is in (ADR 0032): :func:`comments_about_big_thing` is that one rule,
for any selector that lists the comments about a big thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet

from onefuture.core.errors import NotFound
from onefuture.engagement.models import (
    Comment,
    CommentTheme,
    Consultation,
    Event,
    RedactionState,
    RunStatus,
    Theme,
    ThemeRun,
    ThemeStatus,
)


@dataclass(frozen=True)
class Scope:
    """The comments a theme run reads: a consultation's, an event's, or the whole place's."""

    place: Any
    consultation: Consultation | None = None
    event: Event | None = None

    @property
    def title(self) -> str:
        if self.event is not None:
            return self.event.title
        if self.consultation is not None:
            return self.consultation.title
        return f"Every comment in {self.place.name}"

    @property
    def query(self) -> dict[str, str]:
        """The scope as URL query parameters (empty for the whole place)."""
        if self.event is not None:
            return {"event": str(self.event.pk)}
        if self.consultation is not None:
            return {"consultation": self.consultation.key}
        return {}


def scope_get(*, place: Any, consultation: str | None = None, event: Any = None) -> Scope:
    """The scope named by a consultation key or an event id (NotFound if not in ``place``)."""
    if event not in (None, ""):
        try:
            found = Event.objects.select_related("consultation").get(place=place, pk=int(event))
        except (Event.DoesNotExist, ValueError, TypeError):
            raise NotFound(f"There is no event {event} in {place.name}.") from None
        return Scope(place=place, event=found)
    if consultation:
        try:
            return Scope(
                place=place, consultation=Consultation.objects.get(place=place, key=consultation)
            )
        except Consultation.DoesNotExist:
            raise NotFound(f"There is no consultation '{consultation}' in {place.name}.") from None
    return Scope(place=place)


def scopes_list(*, place: Any) -> list[Scope]:
    """Every scope a run can read in ``place``: the place, its consultations, its events."""
    return [
        Scope(place=place),
        *(Scope(place=place, consultation=c) for c in Consultation.objects.filter(place=place)),
        *(Scope(place=place, event=e) for e in Event.objects.filter(place=place)),
    ]


def scope_comments(*, scope: Scope) -> QuerySet[Comment]:
    """The scope's comments, oldest first (a consultation's include its events' comments)."""
    comments = Comment.objects.filter(place=scope.place)
    if scope.event is not None:
        comments = comments.filter(event=scope.event)
    elif scope.consultation is not None:
        comments = comments.filter(
            Q(consultation=scope.consultation) | Q(event__consultation=scope.consultation)
        )
    return comments.order_by("id")


def scope_comments_themable(*, scope: Scope) -> QuerySet[Comment]:
    """The scope's comments a theme run reads: redaction checked by a person, not withheld."""
    return scope_comments(scope=scope).filter(
        redaction_state=RedactionState.CONFIRMED, withheld=False
    )


def scope_themes(*, scope: Scope) -> QuerySet[Theme]:
    """The themes of exactly this scope, in order."""
    return Theme.objects.filter(
        place=scope.place, consultation=scope.consultation, event=scope.event
    ).order_by("order", "name")


def comment_texts(*, scope: Scope) -> list[tuple[int, str, Any, list[tuple[int, bool]]]]:
    """(id, redacted text, themes confirmed at, [(theme id, confirmed)]) of each comment a run
    reads (:func:`scope_comments_themable`)."""
    rows = list(
        scope_comments_themable(scope=scope).values_list(
            "id", "redacted_text", "themes_confirmed_at"
        )
    )
    links: dict[int, list[tuple[int, bool]]] = {}
    for comment_id, theme_id, confirmed in CommentTheme.objects.filter(
        comment__in=[r[0] for r in rows]
    ).values_list("comment_id", "theme_id", "confirmed"):
        links.setdefault(comment_id, []).append((theme_id, confirmed))
    return [(pk, text or "", at, links.get(pk, [])) for pk, text, at in rows]


def themes_with_counts(*, scope: Scope) -> list[Theme]:
    """The scope's themes, each with ``comment_count`` and ``confirmed_count``."""
    return list(
        scope_themes(scope=scope)
        .annotate(
            comment_count=Count("comment_links", distinct=True),
            confirmed_count=Count(
                "comment_links", filter=Q(comment_links__confirmed=True), distinct=True
            ),
        )
        .prefetch_related("big_things")
    )


def theme_quotes(*, theme: Theme, limit: int = 3) -> list[str]:
    """The redacted texts of the theme's most confident comments (never the original)."""
    return list(
        CommentTheme.objects.filter(theme=theme)
        .exclude(comment__redacted_text="")
        .order_by("-confirmed", "-confidence", "comment_id")
        .values_list("comment__redacted_text", flat=True)[:limit]
    )


def theme_get(*, place: Any, key: str) -> Theme:
    """The theme ``key`` of ``place`` (NotFound otherwise)."""
    try:
        return Theme.objects.select_related("consultation", "event").get(place=place, key=key)
    except Theme.DoesNotExist:
        raise NotFound(f"There is no theme '{key}' in {place.name}.") from None


def theme_scope(*, theme: Theme) -> Scope:
    """The scope a theme belongs to."""
    return Scope(place=theme.place, consultation=theme.consultation, event=theme.event)


def theme_comments(*, theme: Theme, limit: int | None = None) -> list[CommentTheme]:
    """The theme's comment links with their comments, confirmed then most confident first."""
    links = (
        CommentTheme.objects.filter(theme=theme)
        .select_related("comment")
        .only("id", "confidence", "confirmed", "source", "comment__id", "comment__redacted_text")
        .order_by("-confirmed", "-confidence", "comment_id")
    )
    return list(links[:limit] if limit is not None else links)


def theme_comment_count(*, theme: Theme) -> int:
    """How many comments are in the theme."""
    return CommentTheme.objects.filter(theme=theme).count()


def themes_by_keys(*, place: Any, keys: list[str]) -> list[Theme]:
    """The themes of ``place`` with these keys (unknown keys are left out)."""
    return list(Theme.objects.filter(place=place, key__in=keys))


def review_queue(*, scope: Scope, limit: int = 50) -> list[Comment]:
    """The scope's comments whose themes nobody has confirmed, least confident first.

    Each comment has ``best`` (its highest theme confidence, None with no theme: first) and
    ``links`` (its theme links, most confident first, with their themes).
    """
    return list(
        scope_comments(scope=scope)
        .filter(themes_confirmed_at__isnull=True)
        .annotate(best=Max("theme_links__confidence"))
        # No theme at all comes first, then the least confident.
        .order_by(F("best").asc(nulls_first=True), "id")
        .only("id", "redacted_text", "redaction_state")
        .prefetch_related(
            Prefetch(
                "theme_links",
                queryset=CommentTheme.objects.select_related("theme").order_by("-confidence"),
                to_attr="links",
            )
        )[:limit]
    )


def review_count(*, scope: Scope) -> int:
    """How many of the scope's comments wait for an analyst to confirm their themes."""
    return scope_comments(scope=scope).filter(themes_confirmed_at__isnull=True).count()


def comment_get(*, place: Any, comment_id: int) -> Comment:
    """One comment of ``place`` (NotFound otherwise)."""
    try:
        return Comment.objects.get(place=place, pk=comment_id)
    except Comment.DoesNotExist:
        raise NotFound(f"There is no comment {comment_id} in {place.name}.") from None


def run_get(*, place: Any, run_id: int) -> ThemeRun:
    """One theme run of ``place`` (NotFound otherwise)."""
    try:
        return ThemeRun.objects.select_related("consultation", "event").get(place=place, pk=run_id)
    except ThemeRun.DoesNotExist:
        raise NotFound(f"There is no theme run {run_id} in {place.name}.") from None


def run_latest(*, scope: Scope) -> ThemeRun | None:
    """The scope's most recent run."""
    return (
        ThemeRun.objects.filter(
            place=scope.place, consultation=scope.consultation, event=scope.event
        )
        .order_by("-created_at", "-id")
        .first()
    )


def confirmed_themes(*, scope: Scope) -> list[Theme]:
    """The scope's confirmed themes."""
    return list(scope_themes(scope=scope).filter(status=ThemeStatus.CONFIRMED))


def comments_about_big_thing(big_thing: Any) -> Q:
    """The condition for a comment to be about ``big_thing``: given it at capture, or in a theme
    mapped to it (ADR 0032). Use it inside a place-scoped comment query, with ``distinct()``."""
    return Q(big_things=big_thing) | Q(theme_links__theme__big_things=big_thing)


def review_waiting_count(*, place: Any) -> int:
    """How many of the place's themed comments wait for an analyst to confirm their themes."""
    return (
        Comment.objects.filter(
            place=place, themes_confirmed_at__isnull=True, theme_links__isnull=False
        )
        .distinct()
        .count()
    )


def run_unfinished(*, scope: Scope, since: Any) -> ThemeRun | None:
    """The scope's queued or running run created since ``since``, if any."""
    return (
        ThemeRun.objects.filter(
            place=scope.place,
            consultation=scope.consultation,
            event=scope.event,
            status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
            created_at__gte=since,
        )
        .order_by("-created_at")
        .first()
    )
