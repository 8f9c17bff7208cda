"""Recall and precision of :func:`redact` against labelled spans, per kind."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from onefuture.themes.redaction.redactor import KINDS, redact_many


@dataclass(frozen=True, slots=True)
class RedactionScore:
    """Recall and precision of one kind on a labelled set.

    A labelled span is *recalled* when spans of the same kind found by :func:`redact` cover every
    one of its non-space characters (half a name left showing is a leak); it is *exact* when one
    found span has the same start and end. A found span is *correct* when it overlaps a labelled
    span of the same kind.
    """

    kind: str
    labelled: int
    found: int
    recalled: int
    exact: int
    correct: int

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else float("nan")

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else float("nan")

    @property
    def exact_recall(self) -> float:
        return self.exact / self.labelled if self.labelled else float("nan")


def redaction_scores(
    texts: Sequence[str], labelled: Sequence[Iterable[tuple[int, int, str]]]
) -> dict[str, RedactionScore]:
    """Score :func:`redact` per kind against labelled spans ``(start, end, kind)``, one list a text.

    Lets an analyst check redaction on a sample of their own comments before trusting it.
    """
    if len(texts) != len(labelled):
        raise ValueError(f"{len(texts)} texts but {len(labelled)} lists of labelled spans")
    tallies = {kind: [0, 0, 0, 0, 0] for kind in KINDS}  # labelled, found, recalled, exact, correct
    for text, gold, result in zip(texts, labelled, redact_many(texts), strict=True):
        gold = list(gold)
        for start, end, kind in gold:
            if kind not in tallies:
                raise ValueError(f"unknown kind {kind!r} in labelled span ({start}, {end})")
            tally = tallies[kind]
            tally[0] += 1
            same = [s for s in result.spans if s.kind == kind]
            covered = all(
                text[k].isspace() or any(s.start <= k < s.end for s in same)
                for k in range(start, end)
            )
            tally[2] += covered
            tally[3] += any(s.start == start and s.end == end for s in same)
        for span in result.spans:
            tally = tallies[span.kind]
            tally[1] += 1
            tally[4] += any(
                kind == span.kind and start < span.end and span.start < end
                for start, end, kind in gold
            )
    return {
        kind: RedactionScore(
            kind, labelled=t[0], found=t[1], recalled=t[2], exact=t[3], correct=t[4]
        )
        for kind, t in tallies.items()
    }
