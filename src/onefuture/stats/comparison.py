"""Comparing an area with its benchmark (England, region, comparator group), as Fingertips does.

Three ways, each returning the Fingertips words as plain labels:

* :func:`compare` — does the benchmark lie inside the area's confidence interval (one level, or two
  levels 95 % and 99.8 %)?
* :func:`compare_spc` — does the area's value lie outside statistical process control limits drawn
  around the benchmark for the area's own denominator (proportions and directly standardised rates)?
* :func:`quintiles` — which fifth of the distribution of all areas' values is the area in?

Labels: with polarity ``"high_is_good"`` or ``"low_is_good"`` a result is ``"better"``,
``"similar"`` or ``"worse"``; with ``"no_judgement"`` it is ``"higher"``, ``"similar"`` or
``"lower"``; ``"not_compared"`` where an input is missing. Two-level comparisons add
``"better_99_8"`` / ``"worse_99_8"`` (``"higher_99_8"`` / ``"lower_99_8"``) beyond the 99.8 %
limits.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy import special, stats

from onefuture.stats._arrays import (
    FloatArray,
    as_float,
    as_keys,
    broadcast,
    check_confidence,
    check_non_negative,
    check_not_above,
)
from onefuture.stats._groups import group_rows
from onefuture.stats.errors import StatsError
from onefuture.stats.results import Labels, Quintiles

Polarity = Literal["high_is_good", "low_is_good", "no_judgement"]
POLARITIES = ("high_is_good", "low_is_good", "no_judgement")

# Raw outcomes before polarity: -2 lower beyond 99.8 %, -1 lower, 0 similar, 1 higher,
# 2 higher beyond 99.8 %, and NOT_COMPARED.
NOT_COMPARED = 9
_LABELS: dict[str, dict[int, str]] = {
    "high_is_good": {-2: "worse_99_8", -1: "worse", 0: "similar", 1: "better", 2: "better_99_8"},
    "low_is_good": {-2: "better_99_8", -1: "better", 0: "similar", 1: "worse", 2: "worse_99_8"},
    "no_judgement": {-2: "lower_99_8", -1: "lower", 0: "similar", 1: "higher", 2: "higher_99_8"},
}
#: Every label :func:`compare` and :func:`compare_spc` can return for each polarity (the
#: 99.8 % ones only with two levels), ``"not_compared"`` included. Callers that put words or
#: colours on the labels iterate these, so a label added here without words is noticed.
_JUDGED = ("better_99_8", "better", "similar", "worse", "worse_99_8", "not_compared")
COMPARISON_LABELS_BY_POLARITY: dict[str, tuple[str, ...]] = {
    "high_is_good": _JUDGED,
    "low_is_good": _JUDGED,
    "no_judgement": ("higher_99_8", "higher", "similar", "lower", "lower_99_8", "not_compared"),
}
#: Every label the comparisons can return, whatever the polarity.
COMPARISON_LABELS: tuple[str, ...] = tuple(
    dict.fromkeys(label for labels in COMPARISON_LABELS_BY_POLARITY.values() for label in labels)
)
#: Every label :func:`quintiles` can return (``.label``), "not_compared" first.
QUINTILE_LABELS: tuple[str, ...] = (
    "not_compared",
    "Lowest quintile",
    "2nd lowest quintile",
    "Middle quintile",
    "2nd highest quintile",
    "Highest quintile",
)
_QUINTILE_LABELS = np.array(QUINTILE_LABELS)


def _check_polarity(polarity: str) -> None:
    if polarity not in POLARITIES:
        raise StatsError(f"polarity must be one of {POLARITIES}, got {polarity!r}")


_POLARITY_WORDS = {
    "high_is_good": "a higher value is better",
    "low_is_good": "a lower value is better",
    "no_judgement": "higher or lower is not judged better or worse",
}


def _labels(
    outcome: NDArray[np.int8], polarity: str, *, method: str, rule: str, parameters: dict[str, Any]
) -> Labels:
    """Turn raw outcomes into the polarity's words (vectorised lookup, no per-row loop)."""
    table = _LABELS[polarity]
    lookup = np.array([table[i] for i in (-2, -1, 0, 1, 2)] + ["not_compared"])
    index = np.where(outcome == NOT_COMPARED, 5, outcome + 2).astype(np.intp)
    return Labels(
        np.take(lookup, index),
        method=method,
        rule=f"{rule} Polarity: {_POLARITY_WORDS[polarity]}. Missing inputs: not compared.",
        parameters={"polarity": polarity, **parameters},
    )


def compare(
    value: Any,
    lower: Any,
    upper: Any,
    benchmark: Any,
    *,
    polarity: Polarity,
    lower_998: Any = None,
    upper_998: Any = None,
) -> Labels:
    """Compare each value with a benchmark by whether the benchmark lies inside its interval.

    Parameters
    ----------
    value, lower, upper : array-like
        The area's value and its (95 %) confidence limits.
    benchmark : array-like or scalar
        The benchmark's value (e.g. England), one per row or one for all.
    polarity : {"high_is_good", "low_is_good", "no_judgement"}
        Whether a higher value is better, worse, or neither.
    lower_998, upper_998 : array-like, optional
        The 99.8 % limits: give both for the two-level comparison. A row whose 99.8 % limits
        are missing is compared at the first level only.

    Returns
    -------
    Labels (a numpy array of str)
        ``"better"`` / ``"similar"`` / ``"worse"`` (or ``"higher"`` / ``"similar"`` / ``"lower"``
        with no judgement), ``"*_99_8"`` beyond the 99.8 % limits, ``"not_compared"`` where the
        value, a limit or the benchmark is missing; ``.method``, ``.rule`` and ``.parameters``
        say how.

    Notes
    -----
    Source: Fingertips (OHID), ``SingleOverlappingCIsForOneCILevelComparer`` and
    ``SingleOverlappingCIsForTwoCILevelsComparer`` in ``ukhsa-collaboration/fingertips-open``.
    A benchmark inside [lower, upper] (inclusive) is similar; otherwise the value is higher or
    lower than the benchmark, and with two levels, a benchmark beyond the 99.8 % limit makes it
    "higher (or lower) at 99.8 %". Polarity then turns higher/lower into better/worse.

    Examples
    --------
    >>> from onefuture import stats
    >>> stats.compare([70.0, 75.0, 82.0], [68.0, 73.0, 81.0], [72.0, 77.0, 83.0], 76.0,
    ...               polarity="high_is_good")
    array(['worse', 'similar', 'better'], dtype='<U12')
    >>> stats.compare([70.0], [68.0], [72.0], 72.5, polarity="low_is_good",
    ...               lower_998=[67.0], upper_998=[73.0])
    array(['better'], dtype='<U12')
    """
    _check_polarity(polarity)
    two_levels = lower_998 is not None or upper_998 is not None
    if two_levels and (lower_998 is None or upper_998 is None):
        raise StatsError("give both lower_998 and upper_998 for the two-level comparison")
    named = {
        "value": as_float(value, "value"),
        "lower": as_float(lower, "lower"),
        "upper": as_float(upper, "upper"),
        "benchmark": as_float(benchmark, "benchmark"),
    }
    if two_levels:
        named["lower_998"] = as_float(lower_998, "lower_998")
        named["upper_998"] = as_float(upper_998, "upper_998")
    arrays = broadcast(named)
    val, lo, up, bench = arrays[:4]
    check_not_above(lo, up, "lower", "upper")
    # Small-integer arithmetic on comparisons: a NaN compares False, and missing rows are
    # overwritten below.
    outcome = (bench < lo).astype(np.int8) - (bench > up)
    if two_levels:
        lo998, up998 = arrays[4], arrays[5]
        check_not_above(lo998, lo, "lower_998", "lower")
        check_not_above(up, up998, "upper", "upper_998")
        # Beyond a 99.8 % limit is also beyond the 95 % limit inside it: one more step out.
        outcome += bench < lo998
        outcome -= bench > up998
    missing = ~(np.isfinite(val) & np.isfinite(lo) & np.isfinite(up) & np.isfinite(bench))
    outcome[missing] = NOT_COMPARED
    rule = (
        "Compared with the benchmark by whether the benchmark's value lies inside the area's "
        "confidence interval (edges included): inside is similar, otherwise the area is higher "
        "or lower than the benchmark."
    )
    if two_levels:
        rule += " Beyond the wider 99.8% interval the difference is marked as at 99.8%."
    return _labels(
        outcome,
        polarity,
        method="Overlapping confidence intervals"
        + (", two levels (95% and 99.8%)" if two_levels else "")
        + " (Fingertips)",
        rule=rule,
        parameters={"two_levels": two_levels},
    )


def _poisson_limits(expected: FloatArray, tail: float) -> tuple[FloatArray, FloatArray]:
    """Poisson means whose upper / lower tail beyond ``expected`` events has probability ``tail``.

    Fingertips ``PoisLow``/``PoisHigh`` find these by bisection; the regularised incomplete gamma
    function gives the same roots directly: P(K >= ceil(E) | lam) = P(ceil(E), lam) and
    P(K <= floor(E) | lam) = Q(floor(E) + 1, lam).
    """
    with np.errstate(invalid="ignore"):
        ceil_e = np.ceil(expected)
        low = np.where(ceil_e > 0, special.gammaincinv(np.maximum(ceil_e, 1), tail), 0.0)
        high = special.gammainccinv(np.floor(expected) + 1, tail)
    return low, high


def compare_spc(
    value: Any,
    denominator: Any,
    benchmark: Any,
    *,
    kind: Literal["proportion", "dsr"],
    polarity: Polarity,
    confidence: float | tuple[float, float] = 0.95,
    multiplier: float,
) -> Labels:
    """Compare each value with control limits drawn around the benchmark (Fingertips SPC).

    Parameters
    ----------
    value : array-like
        The area's proportion (times ``multiplier``) or directly standardised rate (per
        ``multiplier``).
    denominator : array-like
        The area's denominator (proportions) or population (DSRs): the limits narrow as it grows.
    benchmark : array-like or scalar
        The benchmark's value, on the same scale as ``value``.
    kind : {"proportion", "dsr"}
        Wilson score limits around the benchmark proportion, or exact Poisson limits around the
        events the benchmark rate would give in the area's population.
    polarity : {"high_is_good", "low_is_good", "no_judgement"}
    confidence : float or (0.95, 0.998)
        One level, or the pair (0.95, 0.998) for the two-level labels (``"*_99_8"``).
    multiplier : float
        100 for a percentage, 100000 for a rate per 100,000, 1 for a fraction.

    Returns
    -------
    Labels (a numpy array of str)
        The same labels (and ``.method``, ``.rule``) as :func:`compare`; ``"not_compared"``
        where an input is missing or the denominator is 0.

    Notes
    -----
    Source: Fingertips (OHID), ``SpcForProportionsComparer`` and ``SpcForDsrComparer`` in
    ``ukhsa-collaboration/fingertips-open``. Proportions: with ``E = N P0`` (``P0`` the
    benchmark proportion, ``N`` the denominator) the limits are
    ``[2E + z^2 -/+ z sqrt(z^2 + 4E(1 - E/N))] / [2(N + z^2)]``. DSRs: with ``E = B N /
    multiplier`` the limits are the Poisson means whose tails beyond ``E`` have probability
    ``(1 - confidence) / 2``, divided by ``N`` and times the multiplier. Fingertips rounds z to
    1.96 and 3.0902; here z is exact (1.959964, 3.090232), which moves a limit by under 0.01 %.

    Examples
    --------
    A practice with 7.7 % of 5,930 patients against a benchmark of 8.96 %, lower being better:

    >>> from onefuture import stats
    >>> stats.compare_spc([7.7066], [5930], 8.9611, kind="proportion", polarity="low_is_good",
    ...                   multiplier=100)
    array(['better'], dtype='<U12')
    """
    _check_polarity(polarity)
    if kind not in ("proportion", "dsr"):
        raise StatsError(f'kind must be "proportion" or "dsr", got {kind!r}')
    if not (np.isfinite(multiplier) and multiplier > 0):
        raise StatsError(f"multiplier must be a positive number, got {multiplier!r}")
    if isinstance(confidence, tuple | list):
        if tuple(confidence) != (0.95, 0.998):
            raise StatsError(
                "two confidence levels can only be (0.95, 0.998); got " + repr(confidence)
            )
        levels = [0.95, 0.998]
    else:
        levels = [check_confidence(confidence)]
    val, den, bench = broadcast(
        {
            "value": as_float(value, "value"),
            "denominator": as_float(denominator, "denominator"),
            "benchmark": as_float(benchmark, "benchmark"),
        }
    )
    check_non_negative(den, "denominator", "denominators")
    check_non_negative(bench, "benchmark", "benchmark values")
    if kind == "proportion":
        bad = np.flatnonzero(bench > multiplier)
        if bad.size:
            i = int(bad[0])
            raise StatsError(
                f"benchmark[{i}] is {bench[i]:g}, above the multiplier {multiplier:g}: "
                "a proportion cannot exceed 100 %"
            )
    outcome = np.zeros(len(val), dtype=np.int8)
    with np.errstate(divide="ignore", invalid="ignore"):
        for level in levels:
            if kind == "proportion":
                z = float(stats.norm.ppf(1 - (1 - level) / 2))
                expected = den * bench / multiplier
                root = z * np.sqrt(z * z + 4 * expected * (1 - bench / multiplier))
                low = (2 * expected + z * z - root) / (2 * (den + z * z)) * multiplier
                high = (2 * expected + z * z + root) / (2 * (den + z * z)) * multiplier
            else:
                low_events, high_events = _poisson_limits(bench * den / multiplier, (1 - level) / 2)
                low = low_events / den * multiplier
                high = high_events / den * multiplier
            # Limits nest (99.8 % outside 95 %), so beyond both adds up to two steps.
            outcome += val > high
            outcome -= val < low
    missing = ~(np.isfinite(val) & np.isfinite(den) & np.isfinite(bench)) | (den == 0)
    outcome[missing] = NOT_COMPARED
    shape = "Wilson score" if kind == "proportion" else "exact Poisson"
    level_words = " and ".join(f"{level * 100:g}%" for level in levels)
    rule = (
        "Compared with the benchmark by control limits: the range of values expected, at the "
        f"{level_words} level, for an area of this size if it were just like the benchmark "
        f"({shape} limits around the benchmark). Inside the limits is similar; outside, higher or "
        "lower."
    )
    return _labels(
        outcome,
        polarity,
        method=f"SPC limits for {'proportions' if kind == 'proportion' else 'DSRs'} (Fingertips)",
        rule=rule,
        parameters={"kind": kind, "confidence": tuple(levels), "multiplier": multiplier},
    )


def quintiles(values: Any, *, polarity: Polarity = "no_judgement", groups: Any = None) -> Quintiles:
    """Place each value in a quintile of all the values (of its group), as Fingertips does.

    Parameters
    ----------
    values : array-like
        One value per area; NaN values are left out of the bounds and not compared.
    polarity : {"high_is_good", "low_is_good", "no_judgement"}
        With "high_is_good" the category is reversed so that category 1 is always the best fifth
        for a judged indicator (Fingertips' rule); the label always says where the value sits.
    groups : array-like, optional
        Comparator group of each area; quintiles are formed within each group.

    Returns
    -------
    Quintiles
        ``.category`` (1..5, 0 where not compared), ``.label`` ("Lowest quintile" ...
        "Highest quintile", or "not_compared"), ``.bounds`` (one row per group: minimum,
        20th, 40th, 60th and 80th percentiles, maximum), ``.groups``.

    Notes
    -----
    Source: Fingertips ``QuintilesComparer`` / ``ValueCategoriesCalculator``
    (``ukhsa-collaboration/fingertips-open``). Percentiles as Excel ``PERCENTILE.INC``:
    ``h = (n - 1) f``, linear between the sorted values at ``floor(h)`` and ``floor(h) + 1``,
    rounded to 10 decimal places; a value is in the first quintile whose upper bound it does not
    exceed. At least 5 values are needed.

    Examples
    --------
    >>> from onefuture import stats
    >>> q = stats.quintiles(list(range(1, 51)))
    >>> [float(b) for b in q.bounds[0]]
    [1.0, 10.8, 20.6, 30.4, 40.2, 50.0]
    >>> q.label[[0, 24, 49]]
    array(['Lowest quintile', 'Middle quintile', 'Highest quintile'], dtype='<U20')
    """
    _check_polarity(polarity)
    val = as_float(values, "values")
    n = len(val)
    if groups is None:
        keys: NDArray[Any] | None = None
        inverse = np.zeros(n, dtype=np.intp)
        n_groups = 1
    else:
        group_keys = as_keys(groups, "groups")
        if len(group_keys) != n:
            raise StatsError(f"groups has {len(group_keys)} values but values has {n}")
        grouping = group_rows(group_keys, n)
        keys, inverse = grouping.keys, grouping.inverse
        n_groups = len(keys)
    valid = np.isfinite(val)
    counts = np.bincount(inverse[valid], minlength=n_groups)
    # Sort valid values by (group, value): each group's values are then one contiguous run.
    order = np.lexsort((val[valid], inverse[valid]))
    sorted_vals = val[valid][order]
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    fractions = np.array([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    h = (np.maximum(counts, 1)[:, None] - 1) * fractions[None, :]
    k = np.floor(h).astype(np.intp)
    k_next = np.minimum(k + 1, np.maximum(counts, 1)[:, None] - 1)
    enough = counts >= 5
    if sorted_vals.size:
        base = starts[:, None]
        v_k = sorted_vals[np.minimum(base + k, sorted_vals.size - 1)]
        v_next = sorted_vals[np.minimum(base + k_next, sorted_vals.size - 1)]
        bounds = np.round(v_k + (h - k) * (v_next - v_k), 10)
    else:
        bounds = np.full((n_groups, 6), np.nan)
    bounds = np.where(enough[:, None], bounds, np.nan)
    row_bounds = bounds[inverse]
    # First quintile i (1..5) whose upper bound the value does not exceed.
    position = 1 + (val[:, None] > row_bounds[:, 1:5]).sum(axis=1)
    compared = valid & enough[inverse]
    position = np.where(compared, position, 0)
    category = np.where(compared & (polarity == "high_is_good"), 6 - position, position)
    return Quintiles(
        category=category.astype(np.int64),
        label=_QUINTILE_LABELS[position],
        bounds=bounds,
        groups=keys,
        method="Quintiles (Fingertips)",
        rule=(
            "The values of all areas are split into five equal-sized bands at the 20th, 40th, 60th "
            "and 80th percentiles; each area is placed in its band. At least five areas with a "
            "value are needed."
            + (" Category 1 is the best fifth (highest values)." * (polarity == "high_is_good"))
            + (" Category 1 is the best fifth (lowest values)." * (polarity == "low_is_good"))
        ),
        parameters={"polarity": polarity},
    )
