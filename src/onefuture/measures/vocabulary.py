"""The words and the tag colour of every assessment result: one table keyed by kind and label.

The statistics library returns machine labels (``stats.COMPARISON_LABELS``,
``stats.TREND_MARKERS``, ``stats.PROGRESS_CATEGORIES``, ``stats.TRAJECTORY_STATUSES``); this
module is the only place that says what each one means to a reader. Per assessment kind, a label
(with the measure's polarity for a trend, whose marker "increasing" is good or bad only once you
know which way is better) has a :class:`Term`: short status words for a tag, the sentence the
assessment stores ("Better than {benchmark}"), and the govuk-tag colour. The assessment service
writes the sentence from here and the pages take the colour from here, from the kind, label and
polarity alone: never from the sentence, so "Similar to Betterton" is yellow (ADR 0017).

Colours follow Fingertips: better green, similar yellow (its amber), worse red; higher or lower
with no judgement blue; not compared, no significant change, cannot be calculated and not
assessed grey. Progress: significant green, moderate yellow, insufficient orange, moving away
red. A result's colour is never its only signal: every tag carries its words.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from onefuture.measures.models import AssessmentKind, Polarity

if TYPE_CHECKING:
    from onefuture.measures.models import Assessment, Measure

logger = logging.getLogger(__name__)

#: The govuk-tag modifiers a status may use.
COLOURS = ("green", "yellow", "orange", "red", "blue", "grey")


@dataclass(frozen=True)
class Term:
    """What one result means: short words for a tag, the stored sentence, the tag colour.

    ``sentence`` may name ``{benchmark}`` (comparisons), ``{goal}`` (progress and trajectory:
    "the 2030 target", or "the desired direction" without one), and ``{size}`` and
    ``{across}`` (inequality).
    """

    status: str
    sentence: str
    colour: str

    def __post_init__(self) -> None:
        if self.colour not in COLOURS:
            raise ValueError(f"colour {self.colour!r} is not one of {COLOURS}")


# ---- the table --------------------------------------------------------------------------

_CONFIDENT = " (99.8% confidence)"
COMPARISON: Mapping[str, Term] = MappingProxyType(
    {
        "better_99_8": Term("Better" + _CONFIDENT, "Better than {benchmark}" + _CONFIDENT, "green"),
        "better": Term("Better", "Better than {benchmark}", "green"),
        "similar": Term("Similar", "Similar to {benchmark}", "yellow"),
        "worse": Term("Worse", "Worse than {benchmark}", "red"),
        "worse_99_8": Term("Worse" + _CONFIDENT, "Worse than {benchmark}" + _CONFIDENT, "red"),
        "higher_99_8": Term("Higher" + _CONFIDENT, "Higher than {benchmark}" + _CONFIDENT, "blue"),
        "higher": Term("Higher", "Higher than {benchmark}", "blue"),
        "lower": Term("Lower", "Lower than {benchmark}", "blue"),
        "lower_99_8": Term("Lower" + _CONFIDENT, "Lower than {benchmark}" + _CONFIDENT, "blue"),
        "not_compared": Term("Not compared", "Not compared with {benchmark}", "grey"),
    }
)


def _moving(marker: str, polarity: str) -> Term:
    direction = marker.capitalize()
    if polarity == Polarity.NO_JUDGEMENT:
        return Term(direction, direction, "blue")
    good = (marker == "increasing") == (polarity == Polarity.HIGH_IS_GOOD)
    words = "getting better" if good else "getting worse"
    return Term(f"{direction} and {words}", f"{direction} and {words}", "green" if good else "red")


#: Trend markers by (marker, polarity).
TREND: Mapping[tuple[str, str], Term] = MappingProxyType(
    {
        **{
            (marker, polarity): _moving(marker, polarity)
            for marker in ("increasing", "decreasing")
            for polarity in Polarity.values
        },
        **{
            ("no_significant_change", polarity): Term(
                "No significant change", "No significant change", "grey"
            )
            for polarity in Polarity.values
        },
        **{
            ("cannot_be_calculated", polarity): Term(
                "Cannot be calculated", "Cannot be calculated", "grey"
            )
            for polarity in Polarity.values
        },
    }
)

PROGRESS: Mapping[str, Term] = MappingProxyType(
    {
        "significant_progress": Term(
            "Significant progress", "Significant progress towards {goal}", "green"
        ),
        "moderate_progress": Term(
            "Moderate progress", "Moderate progress towards {goal}", "yellow"
        ),
        "insufficient_progress": Term(
            "Insufficient progress", "Insufficient progress towards {goal}", "orange"
        ),
        "movement_away": Term("Moving away", "Moving away from {goal}", "red"),
        # Only without a target: shrinking by more than 1 % a year in the wrong direction.
        "significant_movement_away": Term(
            "Moving significantly away", "Moving significantly away from {goal}", "red"
        ),
        "not_assessed": Term(
            "Not assessed", "Progress towards {goal} could not be assessed", "grey"
        ),
    }
)

TRAJECTORY: Mapping[str, Term] = MappingProxyType(
    {
        "on_or_ahead": Term("On course", "On course for {goal}", "green"),
        "behind": Term("Behind", "Behind the path to {goal}", "red"),
        "not_assessed": Term("Not assessed", "Not assessed against the path to {goal}", "grey"),
    }
)

#: The library gives the slope index of inequality as a number; the assessment labels it by
#: which end of the deprivation scale the measure is higher at (no judgement: blue).
INEQUALITY: Mapping[str, Term] = MappingProxyType(
    {
        "higher_in_more_deprived": Term(
            "Higher in more deprived areas",
            "Gap of {size} across {across} (slope index of inequality),"
            " higher in the more deprived areas",
            "blue",
        ),
        "higher_in_less_deprived": Term(
            "Higher in less deprived areas",
            "Gap of {size} across {across} (slope index of inequality),"
            " higher in the less deprived areas",
            "blue",
        ),
        "no_gap": Term(
            "No gap", "Gap of {size} across {across} (slope index of inequality)", "blue"
        ),
        "not_calculated": Term(
            "Not calculated", "Inequality across {across} could not be calculated", "grey"
        ),
    }
)

#: Every kind's table; a trend's is keyed by (marker, polarity), the others by label.
VOCABULARY: Mapping[str, Mapping] = MappingProxyType(
    {
        AssessmentKind.COMPARISON.value: COMPARISON,
        AssessmentKind.TREND.value: TREND,
        AssessmentKind.PROGRESS.value: PROGRESS,
        AssessmentKind.TRAJECTORY.value: TRAJECTORY,
        AssessmentKind.INEQUALITY.value: INEQUALITY,
    }
)


class UnknownResult(LookupError):
    """A kind, label or polarity the vocabulary has no words for (a programming error: the
    statistics library returned a label nobody has worded)."""


def term(kind: str, label: str, *, polarity: str | None = None) -> Term:
    """The :class:`Term` for ``label`` of ``kind`` (a trend needs the measure's ``polarity``).

    Raises :class:`UnknownResult`, naming what is missing, for anything not in the table: the
    assessment service calls this before it stores a row, so a label without words fails there
    instead of reaching a page.
    """
    table = VOCABULARY.get(str(kind))
    if table is None:
        raise UnknownResult(f"no assessment kind {kind!r}; the kinds are {', '.join(VOCABULARY)}.")
    key: object = (label, polarity) if kind == AssessmentKind.TREND else label
    found = table.get(key)
    if found is None:
        where = (
            f"{label!r} with polarity {polarity!r}" if kind == AssessmentKind.TREND else repr(label)
        )
        raise UnknownResult(
            f"the {kind} result {where} has no words; add it to onefuture.measures.vocabulary."
        )
    return found


def goal_words(target_period: str) -> str:
    """What progress is measured against: "the 2030 target", or the desired direction."""
    return f"the {target_period} target" if target_period else "the desired direction"


def sentences(kind: str, labels, *, polarity: str | None = None, **fields: object) -> list[str]:
    """The stored sentence of each label (``fields`` fill the templates; each may be one value
    for all or a list with one per label).

    Each distinct (label, fields) combination is looked up and formatted once, not once per
    row: 200,000 comparisons with one benchmark are a handful of sentences.
    """
    labels = labels.tolist() if hasattr(labels, "tolist") else list(labels)
    names = [k for k, v in fields.items() if isinstance(v, list | tuple)]
    constants = {k: v for k, v in fields.items() if k not in names}
    keys = list(zip(labels, *(fields[k] for k in names), strict=True)) if names else labels
    filled: dict = {}
    for key in set(keys):
        label, values = (key[0], key[1:]) if names else (key, ())
        found = term(kind, str(label), polarity=polarity)
        filled[key] = found.sentence.format(**constants, **dict(zip(names, values, strict=True)))
    return [filled[key] for key in keys]


def inequality_label(sii: float | None) -> str:
    """The inequality label for a slope index (its sign says which end is higher: the least
    deprived end of the fitted line minus the most deprived end)."""
    if sii is None:
        return "not_calculated"
    if sii < 0:
        return "higher_in_more_deprived"
    if sii > 0:
        return "higher_in_less_deprived"
    return "no_gap"


def inequality_sentence(sii: float | None, unit: str, across: str) -> str:
    """The inequality result in a sentence, saying which end is higher, not just the size."""
    label = inequality_label(sii)
    if sii is None:
        size = ""
    else:
        unit = "percentage points" if unit == "%" else unit
        size = f"{abs(sii):.3g}{unit and ' ' + unit}"
    return term(AssessmentKind.INEQUALITY, label).sentence.format(size=size, across=across)


# ---- statuses for the pages -------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A result in words with the govuk-tag colour that goes with it (never colour alone)."""

    text: str
    colour: str  # a govuk-tag modifier: green, red, yellow, blue, grey, orange
    #: Computed from illustrative (made-up) data: every page showing it adds an
    #: "Illustrative" tag, as it does for the data themselves.
    illustrative: bool = False

    @property
    def css(self) -> str:
        return f"govuk-tag govuk-tag--{self.colour}"


NOT_ASSESSED = Status("Not assessed", "grey")


def status_for(
    kind: str,
    label: str,
    *,
    polarity: str | None = None,
    text: str = "",
    illustrative: bool = False,
) -> Status:
    """The status of one result: its words (``text``, else the short status words) and the
    colour of (kind, label, polarity).

    A stored result whose label is no longer in the table (an old row from before a label was
    renamed) shows grey "Not assessed" rather than break the page; it is logged so it is seen.
    """
    try:
        found = term(kind, label, polarity=polarity)
    except UnknownResult as error:
        logger.warning("assessment shown as not assessed: %s", error)
        return Status(NOT_ASSESSED.text, NOT_ASSESSED.colour, illustrative)
    return Status(text or found.status, found.colour, illustrative)


def assessment_status(assessment: Assessment) -> Status:
    """An assessment's status, flagged illustrative when any of its inputs were illustrative
    (:func:`onefuture.measures.honesty.assessment_illustrative`: data, measure, target).

    A trend's polarity is stored with it (``numbers["polarity"]``, the polarity its words were
    written for); rows stored before that take the measure's.
    """
    from onefuture.measures.honesty import assessment_illustrative

    numbers = assessment.numbers or {}
    polarity = None
    if assessment.kind == AssessmentKind.TREND:
        polarity = numbers.get("polarity") or assessment.measure.polarity
    return status_for(
        assessment.kind,
        assessment.label,
        polarity=polarity,
        text=assessment.text,
        illustrative=assessment_illustrative(assessment, assessment.measure),
    )


def polarity_words(measure: Measure) -> str:
    """Which way is better for ``measure``, in words."""
    return {
        Polarity.HIGH_IS_GOOD: "Higher is better",
        Polarity.LOW_IS_GOOD: "Lower is better",
    }.get(measure.polarity, "Neither higher nor lower is better")
