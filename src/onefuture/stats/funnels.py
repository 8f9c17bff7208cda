"""Funnel plots: control limits around the overall average, and where each area falls.

A funnel plot shows each area's value against its size; the limits narrow as size grows, so a
small area is not called an outlier for the noise that small numbers bring. Methods are
PHEindicatormethods v2.1.0's (``calculate_funnel_limits``, ``assign_funnel_significance``),
following the Fingertips technical guidance: limits at 95 % ("2s") and 99.8 % ("3s").
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
from scipy import special

from onefuture.stats._arrays import (
    FloatArray,
    as_float,
    check_multiplier,
    check_non_negative,
    check_not_above,
    same_length,
)
from onefuture.stats.errors import StatsError
from onefuture.stats.intervals import _poisson
from onefuture.stats.results import FunnelLimits, FunnelSignificance

__all__ = ["FUNNEL_LABELS", "funnel_limits", "funnel_significance"]

Statistic = Literal["proportion", "ratio", "rate"]

#: One-sided tail probabilities of the two funnels: 95 % ("2s") and 99.8 % ("3s") two-sided.
TAIL_95, TAIL_99_8 = 0.025, 0.001
POINTS = 100

#: Every label :func:`funnel_significance` can return (``.label``), in its code order.
FUNNEL_LABELS: tuple[str, ...] = (
    "high_99_8",
    "high_95",
    "low_99_8",
    "low_95",
    "not_significant",
    "not_applicable",
)


def _wilson_funnel(p: float, population: FloatArray, average: float, side: int) -> FloatArray:
    """The proportion whose Wilson interval at level ``p`` just reaches ``average`` (a fraction).

    PHEindicatormethods ``sigma_adjustment``: with z = Φ⁻¹(p) and population N,
    F = P̄(N/z² + 1), A = √{[8P̄(N/z² + 1)]² − 64(1/z² + 1/N)·P̄·[N(P̄(N/z² + 2) − 1) + z²(P̄ − 1)]},
    G = 1/z² + 1/N; limit = (F ± A/8)/G/N.
    """
    z2 = float(special.ndtri(p)) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        first = average * (population / z2 + 1.0)
        inner = (8.0 * first) ** 2 - 64.0 * (1.0 / z2 + 1.0 / population) * average * (
            population * (average * (population / z2 + 2.0) - 1.0) + z2 * (average - 1.0)
        )
        # inner is ≥ 0 in exact arithmetic; rounding can take it a hair below near P̄ = 0 or 1.
        adjustment = np.sqrt(np.maximum(inner, 0.0))
        last = 1.0 / z2 + 1.0 / population
        limit = (first + side * adjustment / 8.0) / last / population
    if average in (0.0, 1.0):
        # Nothing can be further from an average of none or all: the funnel is the line itself.
        limit = np.where(np.isnan(population), np.nan, average)
    return np.asarray(limit, dtype=np.float64)


def _r_nchar(value: float) -> int:
    """``nchar(as.character(value))`` in R for a whole number: R writes 100000 as "1e+05"."""
    fixed = str(int(value))
    digits = fixed.rstrip("0") or "0"
    exponent = len(fixed) - 1
    scientific = len(digits) + (1 if len(digits) > 1 else 0) + 2 + max(2, len(str(exponent)))
    return scientific if len(fixed) > scientific else len(fixed)


def _floor_neatly(x: float) -> float:
    """The peer's ``signif.floor``: 95 % of ``x`` rounded down to its leading digit."""
    if x == 0:
        return 0.0
    power = 10.0 ** (_r_nchar(math.floor(x * 0.95)) - 1)
    return math.floor(x * 0.95 / power) * power


def _ceil_neatly(x: float) -> float:
    """The peer's ``signif.ceiling``: 105 % of ``x`` rounded up to its two leading digits."""
    if x == 0:
        return 0.0
    power = 10.0 ** (_r_nchar(math.ceil(x * 1.05)) - 2)
    return math.ceil(x * 1.05 / power) * power


def _axis(minimum: float, maximum: float, offset: int) -> FloatArray:
    """100 axis points from ``minimum`` to ``maximum``, spaced geometrically and rounded.

    Each point depends on the previous one's rounding, so this is a 100-step loop (per chart,
    not per row).
    """
    points = [max(1.0, minimum)]
    for j in range(2, POINTS + 1):
        previous = points[-1]
        step = (maximum / previous) ** (1.0 / (101 - (j - offset)))
        points.append(max(float(np.round(step * previous)), previous + 1.0))
    return np.asarray(points)


def _poisson_mean(events: FloatArray, tail: float, side: Literal["low", "high"]) -> FloatArray:
    """The Poisson mean at which ``events`` sits exactly in the ``tail`` (``poisson_funnel``).

    ``"high"``: P(X ≤ events) = tail (the mean above which the count is low);
    ``"low"``: P(X ≥ events) = tail. The peer finds these by bisection to 1e-7; they are the
    inverse regularised incomplete gamma functions.
    """
    if side == "high":
        return np.asarray(special.gammainccinv(events + 1.0, tail), dtype=np.float64)
    return np.asarray(special.gammaincinv(events, tail), dtype=np.float64)


def _derived_denominator(
    numerator: FloatArray,
    rate: FloatArray,
    denominator: FloatArray | None,
    rate_type: str,
    multiplier: float,
) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        derived = multiplier * numerator / rate
    zero = numerator == 0
    if rate_type == "dsr":
        derived[zero] = np.nan
    elif denominator is not None:
        derived[zero] = denominator[zero]
    return derived


def _rate_inputs(
    numerator: Any, denominator: Any, rate: Any, rate_type: str | None, multiplier: float | None
) -> tuple[FloatArray, FloatArray | None, FloatArray, str, float]:
    if rate is None or rate_type not in ("dsr", "crude") or multiplier is None:
        raise StatsError('rates need rate, rate_type ("dsr" or "crude") and multiplier')
    x = as_float(numerator, "numerator")
    r = as_float(rate, "rate")
    same_length(numerator=x, rate=r)
    check_non_negative(x, "numerator")
    missing = np.flatnonzero(np.isnan(x))
    if missing.size:
        raise StatsError(
            f"numerator[{int(missing[0])}] is missing: every area needs its number of events, "
            "even when it is 0"
        )
    n = None
    if denominator is not None:
        n = as_float(denominator, "denominator")
        same_length(numerator=x, denominator=n)
        check_non_negative(n, "denominator", "denominators")
    no_events = np.flatnonzero((x == 0) & (True if n is None else ~(n > 0)))
    if rate_type == "crude" and no_events.size:
        raise StatsError(
            f"numerator[{int(no_events[0])}] is 0: an area with no events needs its denominator "
            "(population) to place it on a crude-rate funnel"
        )
    return x, n, r, str(rate_type), check_multiplier(multiplier)


def funnel_limits(
    numerator: Any,
    denominator: Any = None,
    *,
    statistic: Statistic = "proportion",
    multiplier: float | None = None,
    rate: Any = None,
    rate_type: Literal["dsr", "crude"] | None = None,
    ratio_type: Literal["count", "isr"] = "isr",
    years_of_data: float = 1,
) -> FunnelLimits:
    """The 95 % and 99.8 % funnel-plot limits at 100 points, for drawing the funnel.

    - ``"proportion"``: x is the population; the limits are the proportions whose Wilson interval
      just reaches the average P̄ = Σx/Σn (× ``multiplier``, default 100; clipped to [0, 100]
      as the peer does). The x axis starts at 0 unless all denominators are within a factor of
      two, and ends a little above the largest.
    - ``"ratio"`` (observed/expected): x is observed events; the limits are the observed ÷ the
      Poisson mean that puts x in the 2.5 % (0.1 %) tail; ``ratio_type="isr"`` gives them × 100,
      ``"count"`` as the ratio minus 1. ``denominator`` is the expected events.
    - ``"rate"``: x is events; give ``rate``, ``rate_type`` and ``multiplier`` (``denominator``
      only for crude rates with 0 events). Each limit applies at a population (``.parameters``)
      per year of the ``years_of_data`` pooled.

    Source: PHEindicatormethods ``calculate_funnel_limits`` (Fingertips technical guidance;
    Spiegelhalter 2005, *Statistics in Medicine* 24:1185-1202).

    Examples
    --------
    >>> f = funnel_limits([30, 45, 80, 200], [100, 150, 300, 1000])
    >>> round(f.baseline, 4), len(f.x), f.x[:3]
    (22.9032, 100, array([1., 2., 3.]))
    >>> round(float(f.lower_95[-1]), 3), round(float(f.upper_95[-1]), 3)
    (20.42, 25.386)
    """
    if statistic == "proportion":
        x = as_float(numerator, "numerator")
        n = as_float(denominator, "denominator")
        same_length(numerator=x, denominator=n)
        _require_present(x, "numerator")
        _require_present(n, "denominator")
        check_non_negative(x, "numerator")
        check_non_negative(n, "denominator", "denominators")
        check_not_above(x, n, "numerator", "denominator")
        scale = 100.0 if multiplier is None else check_multiplier(multiplier)
        average = float(x.sum() / n.sum())
        low, high = float(n.min()), float(n.max())
        axis_min = 0.0 if high > 2 * low else _floor_neatly(low)
        axis = _axis(axis_min, _ceil_neatly(high), offset=0)
        limits = [
            np.clip(_wilson_funnel(1 - tail, axis, average, side) * scale, 0.0, 100.0)
            for tail in (TAIL_95, TAIL_99_8)
            for side in (-1, 1)
        ]
        return FunnelLimits(
            x=axis,
            lower_95=limits[0],
            upper_95=limits[1],
            lower_99_8=limits[2],
            upper_99_8=limits[3],
            baseline=average * scale,
            statistic="proportion",
            method="Wilson",
            rule=_rule("proportion"),
            parameters={"multiplier": scale, "average": average, "x_axis": "population"},
        )
    if statistic == "ratio":
        observed = as_float(numerator, "numerator")
        expected = as_float(denominator, "denominator")
        same_length(numerator=observed, denominator=expected)
        check_non_negative(observed, "numerator")
        check_non_negative(expected, "denominator", "expected counts")
        if ratio_type not in ("count", "isr"):
            raise StatsError(f'ratio_type must be "count" or "isr", got {ratio_type!r}')
        low, high = float(np.nanmin(expected)), float(np.nanmax(expected))
        axis_min = 0.0 if high > 2 * low else _floor_neatly(low)
        axis = _axis(axis_min, _ceil_neatly(high), offset=1)
        ratios = [
            axis / _poisson_mean(axis, tail, side)
            for tail in (TAIL_95, TAIL_99_8)
            for side in ("high", "low")
        ]
        shift, factor, baseline = (-1.0, 1.0, 0.0) if ratio_type == "count" else (0.0, 100.0, 100.0)
        ratios = [(r + shift) * factor for r in ratios]
        return FunnelLimits(
            x=axis,
            lower_95=ratios[0],
            upper_95=ratios[1],
            lower_99_8=ratios[2],
            upper_99_8=ratios[3],
            baseline=baseline,
            statistic=f"ratio ({ratio_type})",
            method="Poisson",
            rule=_rule("ratio"),
            parameters={"ratio_type": ratio_type, "x_axis": "observed events"},
        )
    if statistic == "rate":
        x, given, r, kind, scale = _rate_inputs(numerator, denominator, rate, rate_type, multiplier)
        derived = _derived_denominator(x, r, given, kind, scale)
        average = float(x.sum() / np.nansum(derived))
        low, high = float(np.nanmin(derived)), float(np.nanmax(derived))
        years = float(years_of_data)
        axis_min = 0.0 if high > 2 * low else _floor_neatly(low / years) * years
        axis_max = _ceil_neatly(high / years) * years
        axis = _axis(math.floor(axis_min * average), math.ceil(axis_max * average), offset=0)
        populations = [
            _poisson_mean(axis, tail, side) / average
            for tail in (TAIL_95, TAIL_99_8)
            for side in ("high", "low")
        ]
        limits = [axis / pop * scale for pop in populations]
        return FunnelLimits(
            x=axis,
            lower_95=limits[0],
            upper_95=limits[1],
            lower_99_8=limits[2],
            upper_99_8=limits[3],
            baseline=average * scale,
            statistic=f"rate ({kind} per {scale:,g})",
            method="Poisson",
            rule=_rule("rate"),
            parameters={
                "multiplier": scale,
                "rate_type": kind,
                "years_of_data": years,
                "x_axis": "events",
                "population_per_year_lower_95": populations[0] / years,
                "population_per_year_upper_95": populations[1] / years,
                "population_per_year_lower_99_8": populations[2] / years,
                "population_per_year_upper_99_8": populations[3] / years,
            },
        )
    raise StatsError(f'statistic must be "proportion", "ratio" or "rate", got {statistic!r}')


def funnel_significance(
    numerator: Any,
    denominator: Any = None,
    *,
    statistic: Statistic = "proportion",
    rate: Any = None,
    rate_type: Literal["dsr", "crude"] | None = None,
    multiplier: float | None = None,
) -> FunnelSignificance:
    """Whether each area lies outside the 95 % or 99.8 % funnel limits, and on which side.

    Labels: ``"high_99_8"`` / ``"low_99_8"`` beyond the 99.8 % limits ("3s", p < 0.001 one-sided),
    ``"high_95"`` / ``"low_95"`` beyond the 95 % limits only, otherwise ``"not_significant"``;
    ``"not_applicable"`` for a DSR from fewer than 10 events, or a proportion with denominator 0.

    - proportion: x/n against the Wilson funnel around Σx/Σn at n.
    - ratio (observed/expected): high when the lower Poisson limit of O/E is above 1 (exact
      below 10 events, Byar's from 10), low when the upper limit is below 1.
    - rate: as the ratio, with the area's population derived as events ÷ rate × multiplier and
      the average Σevents ÷ Σpopulations.

    Source: PHEindicatormethods ``assign_funnel_significance``.

    Examples
    --------
    >>> funnel_significance([10232, 12321, 15123, 13213], [15232, 16123, 17932, 18475]).label
    array(['low_99_8', 'high_99_8', 'high_99_8', 'low_99_8'], dtype=object)
    >>> funnel_significance([8, 151, 159], [6.24, 106.44, 232.93], statistic="ratio").label
    array(['not_significant', 'high_99_8', 'low_99_8'], dtype=object)
    """
    labels = np.array(FUNNEL_LABELS, dtype=object)
    if statistic == "proportion":
        x = as_float(numerator, "numerator")
        n = as_float(denominator, "denominator")
        same_length(numerator=x, denominator=n)
        _require_present(x, "numerator")
        _require_present(n, "denominator")
        check_non_negative(x, "numerator")
        check_non_negative(n, "denominator", "denominators")
        check_not_above(x, n, "numerator", "denominator")
        with np.errstate(divide="ignore", invalid="ignore"):
            average = float(x.sum() / n.sum())
            p = x / n
        # the peer's order: low before high
        code = np.select(
            [
                p < _wilson_funnel(1 - TAIL_99_8, n, average, -1),
                p < _wilson_funnel(1 - TAIL_95, n, average, -1),
                p > _wilson_funnel(1 - TAIL_99_8, n, average, 1),
                p > _wilson_funnel(1 - TAIL_95, n, average, 1),
                n == 0,
            ],
            [2, 3, 0, 1, 5],
            default=4,
        )
        return FunnelSignificance(
            label=labels[code],
            baseline=average,
            method="Wilson",
            rule=_rule("proportion"),
            parameters={"average": average},
        )
    if statistic == "ratio":
        observed = as_float(numerator, "numerator")
        expected = as_float(denominator, "denominator")
        same_length(numerator=observed, denominator=expected)
        check_non_negative(observed, "numerator")
        check_non_negative(expected, "denominator", "expected counts")
        code = _poisson_significance(observed, expected, 1.0)
        return FunnelSignificance(
            label=labels[code],
            baseline=1.0,
            method="Poisson",
            rule=_rule("ratio"),
            parameters={},
        )
    if statistic == "rate":
        x, given, r, kind, scale = _rate_inputs(numerator, denominator, rate, rate_type, multiplier)
        derived = _derived_denominator(x, r, given, kind, scale)
        average = float(x.sum() / np.nansum(derived))
        code = _poisson_significance(x, derived, average)
        if kind == "dsr":
            code[x < 10] = 5
        return FunnelSignificance(
            label=labels[code],
            baseline=average * scale,
            method="Poisson",
            rule=_rule("rate"),
            parameters={"multiplier": scale, "rate_type": kind, "average": average},
        )
    raise StatsError(f'statistic must be "proportion", "ratio" or "rate", got {statistic!r}')


def _poisson_significance(observed: FloatArray, expected: FloatArray, average: float) -> np.ndarray:
    lower_998, upper_998 = _poisson(observed, 0.998)
    lower_95, upper_95 = _poisson(observed, 0.95)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.select(
            [
                average < lower_998 / expected,
                average < lower_95 / expected,
                average > upper_998 / expected,
                average > upper_95 / expected,
            ],
            [0, 1, 2, 3],
            default=4,
        )


def _require_present(values: FloatArray, name: str) -> None:
    missing = np.flatnonzero(np.isnan(values))
    if missing.size:
        raise StatsError(
            f"{name}[{int(missing[0])}] is missing: a funnel's average needs every area's "
            "numerator and denominator, even when they are 0"
        )


def _rule(statistic: str) -> str:
    basis = {
        "proportion": "Wilson score limits around the overall proportion",
        "ratio": "Poisson limits around a ratio of 1 (observed equals expected)",
        "rate": "Poisson limits around the overall rate",
    }[statistic]
    return (
        f"Funnel plot: {basis}, at 95 % and 99.8 %, narrowing as areas get bigger. An area "
        "outside the 99.8 % funnel is very unlikely (under 1 in 500) to differ from the average "
        "by chance alone."
    )
