"""Values and confidence limits from counts, through :mod:`onefuture.stats`: the one place the
measures app turns a numerator and denominator into an estimate.

The importer calls it for rows that give only counts, and the assessments call it for rows whose
limits are missing (deprivation and ward breakdowns are often published as counts alone), so a
value computed on import and the limits used in an assessment come from the same rule.
"""

from __future__ import annotations

import numpy as np

from onefuture import stats

#: The value types whose value and limits follow from a numerator and denominator alone (a DSR
#: needs its standard population; a mean, its spread).
COUNTED_TYPES = ("proportion", "rate")


def estimate_from_counts(
    value_type: str, multiplier: float, numerator: np.ndarray, denominator: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Value and 95 % limits from counts: Wilson (proportions), exact Poisson below 10 events
    and Byar's from 10 (crude rates); ``multiplier`` scales them (100 for a percentage)."""
    if value_type == "proportion":
        estimate = stats.proportion(numerator, denominator, multiplier=multiplier)
    elif value_type == "rate":
        estimate = stats.rate(numerator, denominator, multiplier=multiplier)
    else:
        raise ValueError(
            f"a {value_type} cannot be estimated from counts; only {', '.join(COUNTED_TYPES)} can."
        )
    return np.asarray(estimate.value), np.asarray(estimate.lower), np.asarray(estimate.upper)
