"""Confidence intervals for proportions, counts, rates and means.

The methods, defaults and small-number rules are those of PHEindicatormethods (UK Health Security
Agency, v2.1.0), the reference English public health uses: Wilson score limits for proportions,
exact Poisson limits below 10 events and Byar's approximation from 10 for counts and rates, and
Student's t for means. Every function takes array-likes and works on whole columns at once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from onefuture.stats._arrays import (
    FloatArray,
    as_float,
    check_confidence,
    check_multiplier,
    check_non_negative,
    check_not_above,
    same_length,
)
from onefuture.stats._groups import group_rows
from onefuture.stats.results import Estimate

__all__ = [
    "byars_limits",
    "exact_poisson_limits",
    "mean",
    "poisson_limits",
    "proportion",
    "rate",
    "wilson_limits",
    "z_value",
]

#: Below this many events a count's limits are exact Poisson; from it, Byar's approximation.
EXACT_BELOW = 10


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence`` (1.959964 for 0.95).

    Examples
    --------
    >>> round(z_value(0.95), 6), round(z_value(0.998), 6)
    (1.959964, 3.090232)
    """
    confidence = check_confidence(confidence)
    return float(special.ndtri(0.5 + confidence / 2))


def _pct(confidence: float) -> str:
    return f"{confidence * 100:g} %"


def wilson_limits(
    numerator: Any, denominator: Any, *, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Wilson score limits of the proportion ``numerator / denominator``, as fractions (0 to 1).

    lower, upper = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))

    Source: Wilson (1927); Newcombe & Altman (2000); PHEindicatormethods ``wilson_lower`` /
    ``wilson_upper``. NaN where ``denominator`` is 0 or an input is missing.

    Examples
    --------
    >>> lower, upper = wilson_limits([65], [100])
    >>> round(float(lower[0]), 6), round(float(upper[0]), 6)
    (0.552544, 0.736358)
    """
    x = as_float(numerator, "numerator")
    n = as_float(denominator, "denominator")
    same_length(numerator=x, denominator=n)
    check_non_negative(x, "numerator")
    check_non_negative(n, "denominator", "denominators")
    check_not_above(x, n, "numerator", "denominator")
    return _wilson(x, n, z_value(confidence))


def _wilson(x: FloatArray, n: FloatArray, z: float) -> tuple[FloatArray, FloatArray]:
    z2 = z * z
    with np.errstate(divide="ignore", invalid="ignore"):
        # max(…, 0) guards against x/n a hair above 1 from rounding in summed inputs.
        spread = z * np.sqrt(np.maximum(z2 + 4.0 * x * (1.0 - x / n), 0.0))
        centre = 2.0 * x + z2
        scale = 1.0 / (2.0 * (n + z2))
        lower = (centre - spread) * scale
        upper = (centre + spread) * scale
    undefined = n == 0
    if undefined.any():
        lower[undefined] = np.nan
        upper[undefined] = np.nan
    return lower, upper


def byars_limits(count: Any, *, confidence: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Byar's approximation to the Poisson limits of an observed count O.

    lower = O(1 − 1/(9O) − z/(3√O))³;  upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
    The lower limit is NaN where the formula goes negative (O = 1 at 99.8 %), as in the peer.

    Source: Breslow & Day (1987), *Statistical Methods in Cancer Research* vol. II;
    PHEindicatormethods ``byars_lower`` / ``byars_upper``.

    Examples
    --------
    >>> lower, upper = byars_limits([65, 1045])
    >>> [round(float(v), 4) for v in lower], [round(float(v), 4) for v in upper]
    ([50.1632, 982.5932], [82.8491, 1110.3312])
    """
    o = as_float(count, "count")
    check_non_negative(o, "count")
    return _byars(o, z_value(confidence))


def _byars(o: FloatArray, z: float) -> tuple[FloatArray, FloatArray]:
    # Written with in-place operations on few temporaries: this runs on every row of a rate.
    def cube_factor(count: FloatArray, sign: float) -> FloatArray:
        inv_root = np.sqrt(count)
        np.reciprocal(inv_root, out=inv_root)
        factor = inv_root * (sign * z / 3.0)
        inv_root *= inv_root
        inv_root *= 1.0 / 9.0
        factor -= inv_root
        factor += 1.0
        cubed = factor * factor
        cubed *= factor
        cubed *= count
        return cubed

    with np.errstate(divide="ignore", invalid="ignore"):
        lower = cube_factor(o, -1.0)
        upper = cube_factor(o + 1.0, 1.0)
    lower[~(lower >= 0)] = np.nan
    return lower, upper


def exact_poisson_limits(count: Any, *, confidence: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Exact Poisson limits of an observed count O, from the chi-squared distribution.

    lower = χ²⁻¹((1 − c)/2; 2O)/2 (0 when O = 0);  upper = χ²⁻¹(c + (1 − c)/2; 2O + 2)/2,
    computed as inverse regularised incomplete gamma functions.

    Source: Armitage & Berry, *Statistical Methods in Medical Research*;
    PHEindicatormethods ``poisson_lower`` / ``poisson_upper`` (via ``qchisq``).

    Examples
    --------
    >>> lower, upper = exact_poisson_limits([0, 1, 5])
    >>> [round(float(v), 4) for v in lower], [round(float(v), 4) for v in upper]
    ([0.0, 0.0253, 1.6235], [3.6889, 5.5716, 11.6683])
    """
    o = as_float(count, "count")
    check_non_negative(o, "count")
    return _exact(o, check_confidence(confidence))


def _exact(o: FloatArray, confidence: float) -> tuple[FloatArray, FloatArray]:
    tail = (1.0 - confidence) / 2.0
    finite = np.isfinite(o)
    whole = finite & (o == np.floor(o))
    if whole.all() and o.size > 64:
        # Counts are nearly always whole numbers and few distinct below 10: invert the gamma
        # function once per distinct count and look the rest up.
        values, inverse = np.unique(o, return_inverse=True)
        lower_t, upper_t = _exact(values, confidence)
        return lower_t[inverse], upper_t[inverse]
    with np.errstate(invalid="ignore"):
        lower = np.where(o > 0, special.gammaincinv(np.where(o > 0, o, 1.0), tail), 0.0)
        upper = special.gammainccinv(o + 1.0, tail)
    lower[~finite] = np.nan
    upper[~finite] = np.nan
    return lower, upper


def poisson_limits(count: Any, *, confidence: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Limits of an observed count: exact Poisson below 10 events, Byar's from 10.

    The switch is the peer's (PHEindicatormethods ``phe_rate``, ``calculate_ISRatio``).

    Examples
    --------
    >>> lower, upper = poisson_limits([5, 65])
    >>> [round(float(v), 4) for v in lower], [round(float(v), 4) for v in upper]
    ([1.6235, 50.1632], [11.6683, 82.8491])
    """
    o = as_float(count, "count")
    check_non_negative(o, "count")
    return _poisson(o, check_confidence(confidence))


def _poisson(o: FloatArray, confidence: float) -> tuple[FloatArray, FloatArray]:
    lower, upper = _byars(o, float(special.ndtri(0.5 + confidence / 2)))
    small = np.flatnonzero(o < EXACT_BELOW)
    if small.size:
        lower[small], upper[small] = _exact(o[small], confidence)
    return lower, upper


def _row_methods(o: FloatArray, exact: str, byars: str) -> np.ndarray:
    # An object array of three shared strings: a fixed-width string array of a million rows
    # would cost more than the limits themselves.
    labels = np.array(["", exact, byars], dtype=object)
    code = (o >= EXACT_BELOW).astype(np.int8)
    code += 1
    code[np.isnan(o)] = 0
    return labels[code]


def proportion(
    numerator: Any,
    denominator: Any,
    *,
    confidence: float = 0.95,
    multiplier: float = 100,
    groups: Any = None,
) -> Estimate:
    """A proportion (by default a percentage) with Wilson score confidence limits.

    value = x/n × multiplier; limits from :func:`wilson_limits` × multiplier. With ``groups``,
    numerators and denominators are summed within each group first (one row per group, in
    ``np.unique`` order; a missing value anywhere in a group makes the group NaN).

    Source: PHEindicatormethods ``phe_proportion`` (Wilson 1927; Newcombe & Altman 2000).

    Parameters
    ----------
    numerator, denominator : array-like
        Counts; ``numerator`` may not exceed ``denominator``. A denominator of 0 gives NaN.
    confidence : float
        Two-sided level as a fraction, e.g. 0.95 or 0.998.
    multiplier : float
        100 for a percentage, 1 for a fraction, 1000 for "per 1,000".
    groups : array-like, optional
        Group key per row (area, year, ...).

    Raises
    ------
    StatsError
        For a negative count, a numerator above its denominator, or a confidence outside (0, 1),
        naming the first offending position.

    Examples
    --------
    >>> est = proportion([65, 20], [100, 100])
    >>> est.value
    array([65., 20.])
    >>> est.lower.round(2), est.upper.round(2)
    (array([55.25, 13.34]), array([73.64, 28.88]))
    >>> proportion([1, 1, 3], [100, 100, 50], groups=["b", "b", "a"], multiplier=1).groups
    array(['a', 'b'], dtype='<U1')
    """
    confidence = check_confidence(confidence)
    multiplier = check_multiplier(multiplier)
    x = as_float(numerator, "numerator")
    n = as_float(denominator, "denominator")
    same_length(numerator=x, denominator=n)
    check_non_negative(x, "numerator")
    check_non_negative(n, "denominator", "denominators")
    check_not_above(x, n, "numerator", "denominator")
    keys = None
    if groups is not None:
        grouping = group_rows(groups, len(x))
        x, n, keys = grouping.sum(x), grouping.sum(n), grouping.keys
    lower, upper = _wilson(x, n, z_value(confidence))
    with np.errstate(divide="ignore", invalid="ignore"):
        value = x / n * multiplier
    statistic = "percentage" if multiplier == 100 else f"proportion of {multiplier:g}"
    return Estimate(
        value=value,
        lower=lower * multiplier,
        upper=upper * multiplier,
        method="Wilson",
        rule=(
            f"{statistic.capitalize()} with {_pct(confidence)} confidence limits by the Wilson "
            "score method, which cannot go below none or above all and stays reliable for "
            "small numbers."
        ),
        confidence=confidence,
        groups=keys,
        statistic=statistic,
        parameters={"multiplier": multiplier, "grouped": groups is not None},
    )


def rate(
    count: Any,
    denominator: Any,
    *,
    confidence: float = 0.95,
    multiplier: float = 100_000,
    groups: Any = None,
) -> Estimate:
    """A crude rate (by default per 100,000) with Poisson confidence limits.

    value = x/n × multiplier; limits = (O_L, O_U)/n × multiplier, with exact Poisson limits
    below 10 events and Byar's approximation from 10 (``.row_method`` says which, per row).
    A rate's count may exceed its denominator (250 events in 220 person-years is a rate).

    Source: PHEindicatormethods ``phe_rate``; Breslow & Day (1987); Armitage & Berry.

    Parameters
    ----------
    count, denominator : array-like
        Events and population (or person-years). A denominator of 0 gives NaN.
    confidence : float
        Two-sided level as a fraction.
    multiplier : float
        Rate per this many (100,000 by default).
    groups : array-like, optional
        Group key per row; counts and denominators are summed within groups first.

    Examples
    --------
    >>> est = rate([5, 65], [100, 100], multiplier=100)
    >>> est.value, est.lower.round(3), est.upper.round(3)
    (array([ 5., 65.]), array([ 1.623, 50.163]), array([11.668, 82.849]))
    >>> est.row_method
    array(['exact Poisson', "Byar's"], dtype=object)
    """
    confidence = check_confidence(confidence)
    multiplier = check_multiplier(multiplier)
    o = as_float(count, "count")
    n = as_float(denominator, "denominator")
    same_length(count=o, denominator=n)
    check_non_negative(o, "count")
    check_non_negative(n, "denominator", "denominators")
    keys = None
    if groups is not None:
        grouping = group_rows(groups, len(o))
        o, n, keys = grouping.sum(o), grouping.sum(n), grouping.keys
    lower, upper = _poisson(o, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = multiplier / n
    scale[n == 0] = np.nan
    return Estimate(
        value=o * scale,
        lower=lower * scale,
        upper=upper * scale,
        method="exact Poisson below 10 events, Byar's from 10",
        rule=(
            f"Rate per {multiplier:,g} with {_pct(confidence)} confidence limits: exact Poisson "
            "limits when there are fewer than 10 events, Byar's approximation from 10 events."
        ),
        confidence=confidence,
        groups=keys,
        statistic=f"rate per {multiplier:g}",
        parameters={"multiplier": multiplier, "exact_below": EXACT_BELOW},
        row_method=_row_methods(o, "exact Poisson", "Byar's"),
    )


def mean(values: Any, *, groups: Any = None, confidence: float = 0.95) -> Estimate:
    """The mean of the values in each group, with Student's t confidence limits.

    value = Σx/n; limits = value ∓ t(1 − (1 − c)/2; n − 1)·s/√n, with s the sample standard
    deviation. As in the peer, a missing value counts towards n and makes its group NaN; a group
    of one value has a mean but no limits. ``groups=None`` treats all values as one group.

    Source: PHEindicatormethods ``phe_mean``.

    Examples
    --------
    >>> est = mean([1.0, 2.0, 3.0, 10.0, 20.0], groups=["a", "a", "a", "b", "b"])
    >>> est.groups, est.value
    (array(['a', 'b'], dtype='<U1'), array([ 2., 15.]))
    >>> est.lower.round(3), est.upper.round(3)
    (array([ -0.484, -48.531]), array([ 4.484, 78.531]))
    """
    confidence = check_confidence(confidence)
    x = as_float(values, "values")
    grouping = group_rows(groups, len(x))
    count = grouping.count().astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = grouping.sum(x) / count
        squares = grouping.sum((x - centre[grouping.inverse]) ** 2)
        sd = np.sqrt(squares / (count - 1.0))
        t = np.where(
            count > 1, special.stdtrit(np.maximum(count - 1.0, 1.0), 0.5 + confidence / 2), np.nan
        )
        half = t * sd / np.sqrt(count)
    return Estimate(
        value=centre,
        lower=centre - half,
        upper=centre + half,
        method="Student's t-distribution",
        rule=(
            f"Mean with {_pct(confidence)} confidence limits from Student's t-distribution "
            "(the mean plus or minus t times the standard error)."
        ),
        confidence=confidence,
        groups=None if groups is None else grouping.keys,
        statistic="mean",
        parameters={"count": count, "standard_deviation": sd},
    )
