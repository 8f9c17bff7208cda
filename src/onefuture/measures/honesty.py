"""The one rule for what is labelled "Illustrative example" wherever a measure's number is shown.

An illustrative number is made up to show how a page will look (the example's targets, a demo
series), not a real figure. Every page, chart, table, CSV and report asks here, never decides
for itself, so a number is labelled the same way everywhere (issue 13):

``measure_illustrative(measure)``
    The measure itself is demo material (every number of it is illustrative).
``target_illustrative(target, measure)`` / ``baseline_illustrative(measure)``
    A target or the baseline is illustrative (its own flag, or the measure's).
``datapoint_illustrative(point, measure)``
    A data point is illustrative (its own flag from the import, or the measure's).
``assessment_illustrative(assessment, measure)``
    An assessment is judged against illustrative input: illustrative data (flagged when it was
    computed, ``numbers["illustrative"]``), an illustrative measure, or, for progress and
    trajectory, the illustrative baseline or target it was measured against. Read at page time,
    so ticking or unticking a target's flag relabels its verdicts at once.
``csv_flag(flag)``
    The ``illustrative`` column of every CSV download: ``"yes"`` or ``""`` (the import format's
    own words, so a download re-imports).

The page shows :data:`TAG_TEMPLATE` (the one tag) beside each such number.
"""

from __future__ import annotations

from typing import Any

#: The one tag every page includes beside an illustrative number.
TAG_TEMPLATE = "web/includes/illustrative_tag.html"
#: Its words (the tag's text; CSVs and plain-text summaries use the same).
TAG_WORDS = "Illustrative example"
#: The CSV column that carries the flag.
CSV_COLUMN = "illustrative"

_AGAINST_TARGETS = ("progress", "trajectory")


def measure_illustrative(measure: Any) -> bool:
    """Whether the whole measure is demo material."""
    return bool(getattr(measure, "illustrative", False))


def baseline_illustrative(measure: Any) -> bool:
    """Whether the measure's baseline is illustrative."""
    return measure_illustrative(measure) or bool(getattr(measure, "baseline_illustrative", False))


def target_illustrative(target: Any, measure: Any) -> bool:
    """Whether ``target`` (a :class:`~onefuture.measures.models.Target`) is illustrative."""
    return measure_illustrative(measure) or bool(getattr(target, "illustrative", False))


def datapoint_illustrative(point: Any, measure: Any) -> bool:
    """Whether a data point is illustrative (its own flag, or its measure's)."""
    return measure_illustrative(measure) or bool(getattr(point, "illustrative", False))


def _target_used(numbers: dict[str, Any], measure: Any) -> Any:
    """The target a progress or trajectory result was measured against (by its year)."""
    year = numbers.get("target_year")
    if year is None:
        return None
    for target in measure.targets.all():
        if abs(float(target.year) - float(year)) < 1e-6:
            return target
    return None


def _baseline_used(numbers: dict[str, Any], measure: Any) -> bool:
    """Whether a result started from the measure's stored baseline (not its first point)."""
    if measure.baseline_value is None:
        return False
    start = numbers.get("base_value", numbers.get("start_value"))
    return start is not None and abs(float(start) - float(measure.baseline_value)) < 1e-9


def assessment_illustrative(assessment: Any, measure: Any) -> bool:
    """Whether ``assessment`` (or an :class:`AssessmentRecord`) was judged against illustrative
    input: its data, its measure, or (progress, trajectory) its baseline or target."""
    numbers = assessment.numbers or {}
    if numbers.get("illustrative") or measure_illustrative(measure):
        return True
    if assessment.kind not in _AGAINST_TARGETS:
        return False
    target = _target_used(numbers, measure)
    if target is not None and target_illustrative(target, measure):
        return True
    return _baseline_used(numbers, measure) and baseline_illustrative(measure)


def any_target_illustrative(measure: Any) -> bool:
    """Whether any of the measure's targets is illustrative."""
    return any(target_illustrative(t, measure) for t in measure.targets.all())


def csv_flag(flag: bool) -> str:
    """The ``illustrative`` CSV cell: ``"yes"`` or empty."""
    return "yes" if flag else ""
