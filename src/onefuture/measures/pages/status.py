"""Status words and the govuk-tag colour that goes with each (never colour alone)."""

from __future__ import annotations

from dataclasses import dataclass

from onefuture.measures.models import (
    Assessment,
    Measure,
    Polarity,
)


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

_BAD = ("worse", "movement_away", "moving_away", "behind", "getting_worse")
_GOOD = ("better", "significant_progress", "on_or_ahead", "on_course", "target_met")
_INFO = ("higher", "lower", "increasing", "decreasing", "calculated")


def status_for(label: str, text: str, *, illustrative: bool = False) -> Status:
    """The govuk-tag colour for an assessment, from its machine label and its words.

    Fingertips colours: better green, similar yellow (amber), worse red; higher or lower with no
    judgement blue; not compared, no significant change or not assessed grey. A trend's label
    ("increasing") has no judgement; its words ("… and getting worse") carry the polarity.
    """
    key = f"{label} {text}".lower().replace(" ", "_")
    words = text or label.replace("_", " ").capitalize()
    if label.startswith(("not_", "cannot_", "no_")):
        return Status(words, "grey", illustrative)
    if any(k in key for k in _BAD):
        return Status(words, "red", illustrative)
    if any(k in key for k in _GOOD):
        return Status(words, "green", illustrative)
    if "moderate" in key or label == "similar":
        return Status(words, "yellow", illustrative)
    if "insufficient" in key:
        return Status(words, "orange", illustrative)
    if label.startswith(_INFO):
        return Status(words, "blue", illustrative)
    return Status(words, "grey", illustrative)


def assessment_status(assessment: Assessment) -> Status:
    """An assessment's status, flagged illustrative when any of its inputs were illustrative."""
    return status_for(
        assessment.label,
        assessment.text,
        illustrative=bool((assessment.numbers or {}).get("illustrative")),
    )


def polarity_words(measure: Measure) -> str:
    return {
        Polarity.HIGH_IS_GOOD: "Higher is better",
        Polarity.LOW_IS_GOOD: "Lower is better",
    }.get(measure.polarity, "Neither higher nor lower is better")
