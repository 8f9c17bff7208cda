"""The writes of redaction review (ADR 0031): a person checks each comment's redaction before
it can be published, and may keep a comment off the public site altogether.

- :func:`redaction_confirm` — accept the rules' redaction, or mark more text first: each phrase
  the reviewer typed is hidden as ``[REDACTED]`` wherever it occurs in the original (any case),
  kept as a span (start, end, kind ``MARKED``; never the words), and the redacted text is
  recomputed from the original and every span. A phrase that is not in the original is an
  error naming it, and nothing is written.
- :func:`comment_withhold` / :func:`comment_release` — keep a comment off the public site (with
  the reason) and let it back on.

Each checks ``engagement.redact`` (engagement officers only: checking needs the original) first,
writes in one transaction, and is recorded in the comment's history (who, when).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from onefuture.core.errors import ApplicationError, ErrorDetail
from onefuture.core.permissions import permission_check
from onefuture.engagement.models import Comment, RedactionState
from onefuture.engagement.permissions import REDACT

#: The kind of a span a reviewer marked by hand, and the tag that replaces it.
MARKED = "MARKED"
MARKED_TAG = "[REDACTED]"
#: The longest reason for withholding (the model's field).
MAX_REASON = 300


def tag_of(kind: str) -> str:
    """The tag a span of ``kind`` is shown as: ``[NAME]``, ``[PHONE]`` … or ``[REDACTED]``."""
    return MARKED_TAG if kind == MARKED else f"[{kind}]"


def _merged(spans: Iterable[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Spans sorted and overlaps joined: one region each, tagged by its longest span (a hand
    mark wins a tie, since the reviewer saw more than the rule did)."""
    regions: list[tuple[int, int, str, int]] = []  # start, end, kind, length of that kind's span
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end, kind = int(span["start"]), int(span["end"]), str(span["kind"])
        if end <= start:
            continue
        if regions and start < regions[-1][1]:
            r_start, r_end, r_kind, r_len = regions[-1]
            longer = end - start > r_len or (end - start == r_len and kind == MARKED)
            regions[-1] = (
                r_start,
                max(r_end, end),
                kind if longer else r_kind,
                end - start if longer else r_len,
            )
        else:
            regions.append((start, end, kind, end - start))
    return [(s, e, k) for s, e, k, _ in regions]


def redacted_from(text: str, spans: Iterable[dict[str, Any]]) -> str:
    """The redacted text of ``text``: every span (merged where they overlap) replaced by its tag."""
    pieces: list[str] = []
    at = 0
    for start, end, kind in _merged(spans):
        pieces.append(text[at:start])
        pieces.append(tag_of(kind))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def marked_phrases(marked: str | Sequence[str]) -> list[str]:
    """The phrases a reviewer typed (one per line), stripped, blanks and repeats dropped."""
    lines = marked.splitlines() if isinstance(marked, str) else list(marked)
    seen: dict[str, str] = {}
    for line in lines:
        phrase = " ".join(str(line).split())
        if phrase and phrase.casefold() not in seen:
            seen[phrase.casefold()] = phrase
    return list(seen.values())


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    # Any case, and any run of spaces where the reviewer typed one (a line break in the original).
    pattern = r"\s+".join(re.escape(word) for word in phrase.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def _own(place: Any, comment: Comment) -> None:
    if comment.place_id != place.pk:
        raise ApplicationError("That comment belongs to another place.")


def redaction_confirm(
    *, user: Any, place: Any, comment: Comment, marked: str | Sequence[str] = ()
) -> Comment:
    """Confirm ``comment``'s redaction, hiding each ``marked`` phrase first (see the module).

    Raises :class:`ApplicationError` naming every phrase that is not in the original (field
    ``marked``); nothing is written then.
    """
    permission_check(user=user, action=REDACT, place=place, obj=comment)
    _own(place, comment)
    phrases = marked_phrases(marked)
    added: list[dict[str, Any]] = []
    problems: list[ErrorDetail] = []
    for phrase in phrases:
        found = _occurrences(comment.text, phrase)
        if not found:
            problems.append(
                ErrorDetail(
                    field="marked",
                    message=f"“{phrase}” is not in the comment: copy the words exactly as "
                    "they are in the original.",
                )
            )
        added += [{"start": s, "end": e, "kind": MARKED} for s, e in found]
    if problems:
        raise ApplicationError(
            f"{len(problems)} of the phrases to hide {'is' if len(problems) == 1 else 'are'} "
            "not in the comment; nothing was changed.",
            errors=problems,
        )
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        spans = list(comment.redaction_spans or [])
        known = {(s["start"], s["end"], s["kind"]) for s in spans}
        spans += [s for s in added if (s["start"], s["end"], s["kind"]) not in known]
        spans.sort(key=lambda s: (s["start"], s["end"]))
        comment.redaction_spans = spans
        comment.redacted_text = redacted_from(comment.text, spans)
        comment.redaction_state = RedactionState.CONFIRMED
        comment.redaction_reviewed_by = user
        comment.redaction_reviewed_at = timezone.now()
        comment._history_user = user  # type: ignore[attr-defined]
        comment._change_reason = (  # type: ignore[attr-defined]
            f"Redaction checked; {len(added)} more hidden by hand" if added else "Redaction checked"
        )
        comment.save()
    return comment


def comment_withhold(*, user: Any, place: Any, comment: Comment, reason: str) -> Comment:
    """Keep ``comment`` off the public site, whatever its consent and redaction, saying why."""
    permission_check(user=user, action=REDACT, place=place, obj=comment)
    _own(place, comment)
    reason = " ".join((reason or "").split())
    if not reason:
        message = "Say why the comment is withheld (the team sees the reason)."
        raise ApplicationError(message, errors=[ErrorDetail(field="reason", message=message)])
    if len(reason) > MAX_REASON:
        message = f"The reason is {len(reason)} characters; the most is {MAX_REASON}."
        raise ApplicationError(message, errors=[ErrorDetail(field="reason", message=message)])
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        comment.withheld = True
        comment.withheld_reason = reason
        comment._history_user = user  # type: ignore[attr-defined]
        comment._change_reason = "Withheld"  # type: ignore[attr-defined]
        comment.save()
    return comment


def comment_release(*, user: Any, place: Any, comment: Comment) -> Comment:
    """Let a withheld comment back on the public site (if it is consented and checked)."""
    permission_check(user=user, action=REDACT, place=place, obj=comment)
    _own(place, comment)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        comment.withheld = False
        comment.withheld_reason = ""
        comment._history_user = user  # type: ignore[attr-defined]
        comment._change_reason = "Released"  # type: ignore[attr-defined]
        comment.save()
    return comment
