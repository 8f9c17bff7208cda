"""The roll-up rule: from milestones to a routemap, a big thing or the whole plan, in words.

The rule (``RULE``, shown beside every result, and in docs/methods.md):

    Each milestone counts once, with its weight (1 unless the plan sets another). For each
    status we give the number of milestones and their share of the total weight. Nothing is
    averaged into a single score: the result always says first how many milestones are off
    track and at risk, then the rest.

So the roll-up of a routemap is the list of its milestones' statuses counted, weighted shares
beside the counts, and an ``overall`` sentence that leads with what needs attention. A dropped
milestone still counts (it is part of the plan the public was shown) and is reported as dropped.
Statuses are a milestone's *current* ones (the newest published update's, else the planned one:
``routemaps.selectors.plan.milestone_current_statuses``); this module is a pure function over
``(status, weight)`` pairs and reads nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from onefuture.routemaps.models import MilestoneStatus
from onefuture.routemaps.vocabulary import MILESTONE_STATUS, StatusWords

#: The rule, in the words every page shows beside the result.
RULE = (
    "Each milestone counts once, with its weight (1 unless the plan sets another). For each "
    "status we give the number of milestones and their share of the total weight. Nothing is "
    "averaged into a single score: the result always says first how many milestones are off "
    "track and at risk, then the rest."
)

#: The statuses in the order the roll-up reports them: what needs attention first.
ORDER: tuple[str, ...] = (
    MilestoneStatus.OFF_TRACK,
    MilestoneStatus.AT_RISK,
    MilestoneStatus.ON_TRACK,
    MilestoneStatus.NOT_STARTED,
    MilestoneStatus.COMPLETE,
    MilestoneStatus.DROPPED,
)

#: The statuses that need attention; ``overall`` always names them first.
ATTENTION = frozenset({MilestoneStatus.OFF_TRACK, MilestoneStatus.AT_RISK})


@dataclass(frozen=True)
class StatusShare:
    """One status in a roll-up: how many milestones, their weight and their share of it."""

    status: str
    words: StatusWords
    count: int
    weight: Fraction
    share: Fraction

    @property
    def percent(self) -> int:
        """The share as a whole percentage (for display; the share itself is exact)."""
        return int(self.share * 100 + Fraction(1, 2))


@dataclass(frozen=True)
class Rollup:
    """Counts and weighted shares by status (every status, in :data:`ORDER`), in words."""

    shares: tuple[StatusShare, ...]
    total_count: int
    total_weight: Fraction
    weighted: bool
    overall: str
    rule: str = RULE

    def share(self, status: str) -> StatusShare:
        """The entry for one status."""
        return next(s for s in self.shares if s.status == status)

    @property
    def present(self) -> tuple[StatusShare, ...]:
        """The statuses at least one milestone has (what a page lists)."""
        return tuple(s for s in self.shares if s.count)

    @property
    def attention_count(self) -> int:
        """How many milestones are off track or at risk."""
        return sum(s.count for s in self.shares if s.status in ATTENTION)


def _fraction(weight: Decimal | float | int | str | None) -> Fraction:
    value = Fraction(1) if weight is None else Fraction(Decimal(str(weight)))
    if value <= 0:
        raise ValueError(f"a milestone's weight must be more than 0, not {weight}")
    return value


def _counted(count: int, label: str) -> str:
    return f"{count} {label.lower()}"


def _overall(counts: dict[str, int], total: int) -> str:
    if total == 0:
        return "No milestones yet."
    noun = "milestone" if total == 1 else "milestones"
    attention = [(s, counts[s]) for s in ORDER if s in ATTENTION and counts[s]]
    rest = [(s, counts[s]) for s in ORDER if s not in ATTENTION and counts[s]]
    rest_words = ", ".join(_counted(n, MILESTONE_STATUS[s].label) for s, n in rest)
    if attention:
        needing = sum(n for _s, n in attention)
        first = ", ".join(_counted(n, MILESTONE_STATUS[s].label) for s, n in attention)
        verb = "needs" if needing == 1 else "need"
        sentence = f"{needing} of {total} {noun} {verb} attention: {first}."
        return f"{sentence} The rest: {rest_words}." if rest_words else sentence
    return f"None of {total} {noun} is off track or at risk: {rest_words}."


def rollup(items: Iterable[tuple[str, Decimal | float | int | str | None]]) -> Rollup:
    """Roll ``(status, weight)`` pairs up by :data:`RULE` (a weight of ``None`` counts as 1).

    Raises ``ValueError`` for an unknown status or a weight that is not more than 0 (the
    framework file check refuses both before they are stored).
    """
    counts = dict.fromkeys(ORDER, 0)
    weights = dict.fromkeys(ORDER, Fraction(0))
    weighted = False
    for status, weight in items:
        if status not in counts:
            raise ValueError(f"{status!r} is not a milestone status")
        value = _fraction(weight)
        weighted = weighted or value != 1
        counts[status] += 1
        weights[status] += value
    total_count = sum(counts.values())
    total_weight = sum(weights.values(), Fraction(0))
    shares = tuple(
        StatusShare(
            status=s,
            words=MILESTONE_STATUS[s],
            count=counts[s],
            weight=weights[s],
            share=weights[s] / total_weight if total_weight else Fraction(0),
        )
        for s in ORDER
    )
    return Rollup(
        shares=shares,
        total_count=total_count,
        total_weight=total_weight,
        weighted=weighted,
        overall=_overall(counts, total_count),
    )
