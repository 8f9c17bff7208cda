"""Page builders of redaction review: the queue and one comment's check.

The original text, and the highlighted words the rules found in it, are in a page only for a
viewer with ``engagement.read_original`` (engagement officers); anyone else with
``engagement.read`` sees the redacted text and the state.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from onefuture.core.permissions import permission_has
from onefuture.engagement.permissions import READ_ORIGINAL, REDACT
from onefuture.engagement.selectors import capture as capture_selectors
from onefuture.engagement.selectors import redaction as selectors
from onefuture.engagement.vocabulary import redaction_kind_words, redaction_state_words
from onefuture.routemaps.vocabulary import StatusWords

#: The queue's choices of what to show, in words.
SHOW_WORDS = {"pending": "To check", "withheld": "Withheld", "checked": "Checked"}


@dataclass(frozen=True)
class KindCount:
    kind: str
    count: int

    @property
    def words(self) -> str:
        return f"{self.count} {redaction_kind_words(self.kind, self.count)}"


@dataclass(frozen=True)
class Segment:
    """A piece of the original: plain (``kind`` "") or a span the redaction hides."""

    text: str
    kind: str = ""

    @property
    def kind_words(self) -> str:
        return redaction_kind_words(self.kind) if self.kind else ""


def kind_counts(spans: list[dict[str, Any]]) -> list[KindCount]:
    order = ("NAME", "EMAIL", "PHONE", "POSTCODE", "ADDRESS", "MARKED")
    counted = Counter(str(s.get("kind", "")) for s in spans or [])
    ranked = sorted(counted, key=lambda k: (order.index(k) if k in order else len(order), k))
    return [KindCount(kind=k, count=counted[k]) for k in ranked]


def segments(text: str, spans: list[dict[str, Any]]) -> list[Segment]:
    """The original cut at every span, so each hidden piece can be highlighted with its kind
    (overlapping spans are shown as one piece, with the kind of the first)."""
    pieces: list[Segment] = []
    at = 0
    for span in sorted(spans or [], key=lambda s: (s["start"], -s["end"])):
        start, end = max(int(span["start"]), at), int(span["end"])
        if end <= start:
            continue
        if start > at:
            pieces.append(Segment(text[at:start]))
        pieces.append(Segment(text[start:end], str(span["kind"])))
        at = end
    if at < len(text):
        pieces.append(Segment(text[at:]))
    return pieces


@dataclass(frozen=True)
class QueueRow:
    id: int
    redacted_text: str
    state: StatusWords
    kinds: list[KindCount]
    event: str
    received_on: dt.date
    consent: bool
    withheld_reason: str
    illustrative: bool


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    #: How many match the filter (the rows are at most the first 200).
    total: int
    waiting: int
    show: str
    show_choices: list[tuple[str, str]]
    events: list[Any]
    consultations: list[Any]
    event: Any = None
    consultation: Any = None
    #: What the rules (and reviewers) found across the rows shown.
    kinds: list[KindCount] = field(default_factory=list)
    can_redact: bool = False

    @property
    def query(self) -> str:
        """The filter as a query string, to carry to a comment's page and back."""
        parts = []
        if self.event is not None:
            parts.append(f"event={self.event.pk}")
        if self.consultation is not None:
            parts.append(f"consultation={self.consultation.pk}")
        return "&".join(parts)


def _pick(rows: list[Any], value: str) -> Any:
    return next((r for r in rows if str(r.pk) == str(value or "")), None)


def redaction_scope(*, place: Any, event: str = "", consultation: str = "") -> tuple[Any, Any]:
    """The event and consultation a filter names (None when it names none of the place's)."""
    return (
        _pick(capture_selectors.events_list(place=place), event) if event else None,
        _pick(capture_selectors.consultations_of(place=place), consultation)
        if consultation
        else None,
    )


def _row(comment: Any) -> QueueRow:
    return QueueRow(
        id=comment.pk,
        redacted_text=comment.redacted_text,
        state=redaction_state_words(comment.redaction_state, withheld=comment.withheld),
        kinds=kind_counts(comment.redaction_spans),
        event=str(comment.event) if comment.event else "",
        received_on=timezone.localtime(comment.received_at).date(),
        consent=comment.consent_publish,
        withheld_reason=comment.withheld_reason,
        illustrative=comment.illustrative,
    )


def redaction_queue_page(
    *, place: Any, user: Any, event: str = "", consultation: str = "", show: str = "pending"
) -> QueuePage:
    show = show if show in selectors.SHOW else "pending"
    events = capture_selectors.events_list(place=place)
    consultations = capture_selectors.consultations_of(place=place)
    chosen_event = _pick(events, event) if event else None
    chosen_consultation = _pick(consultations, consultation) if consultation else None
    scope = {"place": place, "event": chosen_event, "consultation": chosen_consultation}
    comments = selectors.redaction_queue(**scope, show=show)
    rows = [_row(c) for c in comments]
    totals: Counter[str] = Counter()
    for c in comments:
        totals.update(str(s.get("kind", "")) for s in c.redaction_spans or [])
    return QueuePage(
        rows=rows,
        total=selectors.redaction_queue_count(**scope, show=show),
        waiting=selectors.redaction_queue_count(**scope),
        show=show,
        show_choices=list(SHOW_WORDS.items()),
        events=events,
        consultations=consultations,
        event=chosen_event,
        consultation=chosen_consultation,
        kinds=kind_counts([{"kind": k} for k, n in totals.items() for _ in range(n)]),
        can_redact=permission_has(user=user, action=REDACT, place=place),
    )


@dataclass(frozen=True)
class ReviewPage:
    comment: Any
    redacted_text: str
    state: StatusWords
    kinds: list[KindCount]
    #: The original cut into pieces, the hidden ones marked: only with ``read_original``.
    original: list[Segment]
    shows_original: bool
    can_redact: bool
    event: str
    group: str
    ward: str
    reviewed_by: str
    reviewed_at: dt.datetime | None


def redaction_review_page(*, place: Any, pk: Any, user: Any) -> ReviewPage:
    comment = selectors.redaction_comment_get(place=place, pk=pk)
    shows_original = permission_has(user=user, action=READ_ORIGINAL, place=place)
    reviewer = comment.redaction_reviewed_by
    return ReviewPage(
        comment=comment,
        redacted_text=comment.redacted_text,
        state=redaction_state_words(comment.redaction_state, withheld=comment.withheld),
        kinds=kind_counts(comment.redaction_spans),
        original=segments(comment.text, comment.redaction_spans) if shows_original else [],
        shows_original=shows_original,
        can_redact=permission_has(user=user, action=REDACT, place=place, obj=comment),
        event=str(comment.event) if comment.event else "",
        group=comment.group.name if comment.group else "",
        ward=comment.ward.name if comment.ward else "",
        reviewed_by=(reviewer.get_full_name() or reviewer.get_username()) if reviewer else "",
        reviewed_at=comment.redaction_reviewed_at,
    )
