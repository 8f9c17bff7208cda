"""Inequality by deprivation: slope and relative index of inequality, and the gap.

The slope index of inequality (SII) is the absolute difference in an outcome between the most and
the least deprived ends of the population, from a population-weighted regression of the outcome on
relative deprivation rank (Low & Low 2004); the relative index (RII) is the ratio of the two ends.
The method, including its simulated confidence limits, is the one PHEindicatormethods (``phe_sii``)
uses; ``docs/methods.md`` explains it for a councillor.

Everything is vectorised over areas: the regression is solved in closed form for every area at
once, and the simulation draws every area's replicates in a few large numpy arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy import special, stats

from onefuture.stats._arrays import (
    FloatArray,
    as_float,
    as_keys,
    check_confidence,
    check_non_negative,
    check_not_above,
    same_length,
)
from onefuture.stats._groups import group_rows
from onefuture.stats.errors import StatsError
from onefuture.stats.results import Estimate, Gap, InequalityIndex

ValueType = Literal["other", "rate", "proportion"]
VALUE_TYPES = ("other", "rate", "proportion")
MIN_SIMULATIONS = 1_000
# Largest number of simulated values held in one array (x 8 bytes); bounds memory at ~64 MB.
_CHUNK_ELEMENTS = 8_000_000
_Z95 = float(stats.norm.ppf(0.975))


def _to_scale(values: FloatArray, value_type: str) -> FloatArray:
    """log for rates, logit for proportions, identity otherwise (the peer's working scale)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if value_type == "rate":
            return np.log(values)
        if value_type == "proportion":
            return special.logit(values)
    return values


def _from_scale(values: NDArray[Any], value_type: str) -> NDArray[Any]:
    if value_type == "rate":
        return np.exp(values)
    if value_type == "proportion":
        return special.expit(values)
    return values


def _order_statistics(
    draws: NDArray[np.floating[Any]], positions: list[int], *, scratch: bool = False
) -> NDArray[np.floating[Any]]:
    """The 1-based sorted ``positions`` along the last axis, shape (len(positions), ...).

    One single-position partition per position, each on the part right of the previous one:
    numpy's partition with several positions at once is several times slower than this.
    With ``scratch=True`` the draws are reordered in place instead of copied.
    """
    work = draws if scratch else draws.copy()
    done = 0
    for k in sorted({p - 1 for p in positions}):
        work[..., done:].partition(k - done, axis=-1)
        done = k + 1
    return np.stack([work[..., p - 1] for p in positions])


def sii(
    quantile: Any,
    population: Any,
    value: Any,
    *,
    lower: Any = None,
    upper: Any = None,
    se: Any = None,
    groups: Any = None,
    value_type: ValueType = "other",
    transform: bool = False,
    multiplier: float = 1.0,
    confidence: float | Sequence[float] = 0.95,
    simulations: int = 100_000,
    seed: int | np.random.Generator | None = None,
    quantiles: int | None = None,
) -> InequalityIndex:
    """Slope and relative index of inequality with simulated confidence limits.

    Parameters
    ----------
    quantile : array-like of int
        Deprivation quantile of each row, 1 = most deprived ... k = least deprived.
    population : array-like
        Population of each quantile (the regression weight).
    value : array-like
        The outcome in each quantile. Rates and proportions as plain numbers (a proportion is a
        fraction between 0 and 1; use ``multiplier=100`` to report percentage points).
    lower, upper : array-like, optional
        The value's 95 % confidence limits; the standard error is derived from them (on the log
        scale for rates, the logit scale for proportions). Give these or ``se``.
    se : array-like, optional
        Standard error of each value (on the log / logit scale for rates / proportions).
    groups : array-like, optional
        Area (or other) key of each row; one result row per key in ``np.unique`` order.
    value_type : {"other", "rate", "proportion"}
        How values are simulated: normally ("other"), log-normally ("rate"), logit-normally
        ("proportion").
    transform : bool
        For rates and proportions, fit the regression on the log / logit scale and report the SII
        back on the original scale (the peer's ``transform = TRUE``).
    multiplier : float
        Scales the SII (e.g. 100 for percentage points); a negative multiplier reverses its sign
        and inverts the RII, so that a positive SII means "worse in more deprived areas" for an
        outcome where high is good.
    confidence : float or sequence of floats
        Confidence level of the simulated limits (0.95, 0.998, ...). Several levels, e.g.
        ``(0.95, 0.998)``, come from the same simulations: ``.sii`` and ``.rii`` are at the first,
        ``.levels`` holds every level.
    simulations : int
        Number of simulated data sets (at least 1,000; the peer's default is 100,000).
    seed : int or numpy Generator, optional
        Makes the simulated limits reproducible.
    quantiles : int, optional
        Number of quantiles every group must have (default: the largest quantile present). A
        group with any quantile missing or invalid gives NaN, with the reason.

    Returns
    -------
    InequalityIndex
        ``.sii`` and ``.rii`` (Estimates with ``.value``, ``.lower``, ``.upper``), ``.intercept``
        (fitted value at the most deprived end, in the units of the SII), ``.groups``,
        ``.reason``, ``.method``, ``.rule``, ``.parameters``, and ``.levels`` mapping each
        confidence level to its ``(sii, rii)`` Estimates.

    Notes
    -----
    Source: Low A, Low A. *Measuring the gap: quantifying and comparing local health
    inequalities.* J Public Health 2004;26:388-395, as implemented by PHEindicatormethods
    ``phe_sii`` (v2.1.0). With population shares ``a_i`` and relative ranks
    ``b_i = sum(a_j, j < i) + a_i / 2``, the weighted regression ``y = b0 + b1 b`` (weights
    ``a``) gives SII = ``b1 * multiplier`` and RII = ``(b0 + b1) / b0``. Confidence limits: each
    quantile's value is redrawn ``simulations`` times from its sampling distribution, the
    regression refitted, and the sorted positions ``round(R (1 - c'))`` and ``round(R c')``
    taken, ``c' = c + (1 - c) / 2``. Where the fitted coefficients are linear in the draws (value
    type "other", or ``transform=True``) they are drawn directly from their exact joint normal
    distribution, which is the same distribution at a fraction of the cost.

    Examples
    --------
    Life expectancy by decile in one area, rising by one year per decile:

    >>> from onefuture import stats
    >>> res = stats.sii(range(1, 11), [1000] * 10, [70 + q for q in range(1, 11)],
    ...                 se=[0.5] * 10, simulations=1000, seed=1)
    >>> round(float(res.sii.value[0]), 6), round(float(res.rii.value[0]), 4)
    (10.0, 1.1418)
    >>> bool(res.sii.lower[0] < 10 < res.sii.upper[0])
    True
    """
    if value_type not in VALUE_TYPES:
        raise StatsError(f"value_type must be one of {VALUE_TYPES}, got {value_type!r}")
    if transform and value_type == "other":
        raise StatsError('transform=True needs value_type "rate" or "proportion"')
    if isinstance(confidence, int | float):
        levels = [check_confidence(confidence)]
    else:
        levels = [check_confidence(c) for c in confidence]
        if not levels:
            raise StatsError("confidence must name at least one level")
    if not isinstance(simulations, int | np.integer) or simulations < MIN_SIMULATIONS:
        raise StatsError(f"simulations must be a whole number of at least {MIN_SIMULATIONS:,}")
    if not np.isfinite(multiplier) or multiplier == 0:
        raise StatsError(f"multiplier must be a non-zero number, got {multiplier!r}")

    q = as_float(quantile, "quantile")
    pop = as_float(population, "population")
    val = as_float(value, "value")
    arrays: dict[str, NDArray[Any]] = {"quantile": q, "population": pop, "value": val}
    if se is not None:
        se_in = as_float(se, "se")
        arrays["se"] = se_in
        check_non_negative(se_in, "se", "standard errors")
    elif lower is not None and upper is not None:
        lo_in, up_in = as_float(lower, "lower"), as_float(upper, "upper")
        arrays.update(lower=lo_in, upper=up_in)
    else:
        raise StatsError("give each value's standard error (se) or its 95% limits (lower, upper)")
    keys_in = None
    if groups is not None:
        keys_in = as_keys(groups, "groups")
        arrays["groups"] = keys_in
    n = same_length(**arrays)
    if "lower" in arrays:
        check_not_above(arrays["lower"], arrays["upper"], "lower", "upper")
    check_non_negative(pop, "population", "populations")
    bad = np.flatnonzero(~np.isfinite(q) | (q != np.round(q)) | (q < 1))
    if bad.size:
        i = int(bad[0])
        raise StatsError(f"quantile[{i}] is {q[i]:g}: quantiles are whole numbers from 1")
    if value_type == "rate":
        check_non_negative(val, "value", "rates")
    if value_type == "proportion":
        bad = np.flatnonzero((val < 0) | (val > 1))
        if bad.size:
            i = int(bad[0])
            raise StatsError(
                f"value[{i}] is {val[i]:g}: a proportion must be a fraction between 0 and 1 "
                "(use multiplier=100 to report percentage points)"
            )

    k = int(q.max()) if quantiles is None and n else int(quantiles or 0)
    if k < 2:
        raise StatsError(f"at least 2 quantiles are needed, got {k}")
    bad = np.flatnonzero(q > k)
    if bad.size:
        i = int(bad[0])
        raise StatsError(f"quantile[{i}] is {q[i]:g}, above the {k} quantiles asked for")
    if keys_in is None:
        keys: NDArray[Any] | None = None
        inverse = np.zeros(n, dtype=np.intp)
        n_groups = 1
    else:
        grouping = group_rows(keys_in, n)
        keys, inverse = grouping.keys, grouping.inverse
        n_groups = len(keys)
    cell = inverse * k + (q.astype(np.intp) - 1)
    first_seen = np.zeros(n, dtype=bool)
    first_seen[np.unique(cell, return_index=True)[1]] = True
    duplicates = np.flatnonzero(~first_seen)
    if duplicates.size:
        i = int(duplicates[0])
        raise StatsError(f"quantile[{i}] ({q[i]:g}) appears twice in the same group")

    # Working scale (log / logit for rates / proportions) and standard errors there.
    y_scale = _to_scale(val, value_type)
    if "se" in arrays:
        se_scale = arrays["se"]
    else:
        with np.errstate(invalid="ignore"):
            se_scale = (
                _to_scale(arrays["upper"], value_type) - _to_scale(arrays["lower"], value_type)
            ) / (2 * _Z95)

    shape = (n_groups, k)
    grid_pop = np.full(n_groups * k, np.nan)
    grid_y = np.full(n_groups * k, np.nan)
    grid_se = np.full(n_groups * k, np.nan)
    grid_pop[cell], grid_y[cell], grid_se[cell] = pop, y_scale, se_scale
    grid_pop, grid_y, grid_se = (
        grid_pop.reshape(shape),
        grid_y.reshape(shape),
        grid_se.reshape(shape),
    )
    row_ok = (grid_pop > 0) & np.isfinite(grid_y) & np.isfinite(grid_se) & (grid_se >= 0)
    group_ok = row_ok.all(axis=1)
    reason = np.where(
        group_ok, "", "a quantile is missing or lacks a population, value or standard error"
    )
    # Placeholders for unusable groups keep the arithmetic finite; their results become NaN.
    grid_pop = np.where(group_ok[:, None], grid_pop, 1.0)
    grid_y = np.where(group_ok[:, None], grid_y, 0.0)
    grid_se = np.where(group_ok[:, None], grid_se, 0.0)

    share = grid_pop / grid_pop.sum(axis=1, keepdims=True)
    rank = np.cumsum(share, axis=1) - share / 2
    rank_mean = np.einsum("gk,gk->g", share, rank)
    centred = rank - rank_mean[:, None]
    spread = np.einsum("gk,gk->g", share, centred * centred)
    # Both coefficients are fixed linear combinations of the values: b1 = c.y, b0 = d.y.
    slope_w = share * centred / spread[:, None]
    intercept_w = share - rank_mean[:, None] * slope_w

    fit_y = grid_y if transform else _from_scale(grid_y, value_type)
    b1 = np.einsum("gk,gk->g", slope_w, fit_y)
    b0 = np.einsum("gk,gk->g", intercept_w, fit_y)

    positions: list[int] = []
    for level in levels:
        upper_q = level + (1 - level) / 2
        lo_pos = max(1, round(simulations * (1 - upper_q)))
        positions += [lo_pos, min(simulations, max(lo_pos, round(simulations * upper_q)))]
    rng = np.random.default_rng(seed)
    sims = int(simulations)
    q_b1 = np.empty((len(positions), n_groups))
    q_rii = np.empty((len(positions), n_groups))
    linear = transform or value_type == "other"
    if linear:
        # (b0, b1) are exactly bivariate normal under independent normal draws of y, so draw
        # them directly: b1* = b1 + sd1 u, b0* = b0 + cov / sd1 u + e w (u, w standard normal).
        # Draws are single precision: their rounding (~1e-7) is far below the Monte Carlo error.
        var_b1 = np.einsum("gk,gk->g", slope_w**2, grid_se**2)
        var_b0 = np.einsum("gk,gk->g", intercept_w**2, grid_se**2)
        cov = np.einsum("gk,gk->g", slope_w * intercept_w, grid_se**2)
        sd1 = np.sqrt(var_b1)
        with np.errstate(divide="ignore", invalid="ignore"):
            c_u = np.where(sd1 > 0, cov / sd1, 0.0)
        e_w = np.sqrt(np.maximum(var_b0 - c_u**2, 0.0))
        draws_per = 1 if transform else 2
        step = max(1, _CHUNK_ELEMENTS // (sims * draws_per))
        for start in range(0, n_groups, step):
            part = slice(start, min(n_groups, start + step))
            size = (part.stop - part.start, sims)
            u = rng.standard_normal(size, dtype=np.float32)
            # The slope is monotone in u: its order statistics are those of u, mapped.
            q_b1[:, part] = b1[part] + sd1[part] * _order_statistics(u, positions)
            if transform:
                continue
            w = rng.standard_normal(size, dtype=np.float32)
            f32 = np.float32
            denominator = w
            denominator *= e_w[part, None].astype(f32)
            denominator += c_u[part, None].astype(f32) * u
            denominator += b0[part, None].astype(f32)
            ratio = u
            ratio *= sd1[part, None].astype(f32)
            ratio += b1[part, None].astype(f32)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio /= denominator  # = RII - 1 for each simulated data set
            q_rii[:, part] = 1.0 + _order_statistics(ratio, positions, scratch=True)
    else:
        # Rates / proportions on the original scale: redraw every quantile's value (single
        # precision, in place), back-transform, and refit every draw with one einsum.
        f32 = np.float32
        step = max(1, _CHUNK_ELEMENTS // (sims * k))
        for start in range(0, n_groups, step):
            part = slice(start, min(n_groups, start + step))
            draws = rng.standard_normal((part.stop - part.start, sims, k), dtype=f32)
            draws *= grid_se[part, None, :].astype(f32)
            draws += grid_y[part, None, :].astype(f32)
            if value_type == "rate":
                np.exp(draws, out=draws)
            else:
                special.expit(draws, out=draws)
            s1 = np.einsum("gsk,gk->gs", draws, slope_w[part].astype(f32))
            s0 = np.einsum("gsk,gk->gs", draws, intercept_w[part].astype(f32))
            q_b1[:, part] = _order_statistics(s1, positions)
            with np.errstate(divide="ignore", invalid="ignore"):
                s1 /= s0  # = RII - 1 for each simulated data set
            q_rii[:, part] = 1.0 + _order_statistics(s1, positions, scratch=True)

    with np.errstate(divide="ignore", invalid="ignore"):
        if transform:
            # Map slopes on the log / logit scale back holding the midpoint fixed (as the peer).
            mid = b0 + b1 / 2
            top, bottom = _from_scale(b0 + b1, value_type), _from_scale(b0, value_type)
            sii_value = (top - bottom) * multiplier
            rii_value = top / bottom
            hi_end = _from_scale(mid + q_b1 / 2, value_type)
            lo_end = _from_scale(mid - q_b1 / 2, value_type)
            sii_limits = (hi_end - lo_end) * multiplier
            rii_limits = hi_end / lo_end
            intercept = bottom * abs(multiplier)
        else:
            sii_value = b1 * multiplier
            rii_value = (b0 + b1) / b0
            sii_limits = q_b1 * multiplier
            rii_limits = q_rii
            intercept = b0 * abs(multiplier)
        if multiplier < 0:
            rii_value = 1 / rii_value
            rii_limits = 1 / rii_limits
    # One (lower, upper) pair per level; a negative multiplier reverses each pair.
    sii_limits = np.sort(sii_limits.reshape(len(levels), 2, n_groups), axis=1)
    rii_limits = np.sort(rii_limits.reshape(len(levels), 2, n_groups), axis=1)

    def _clean(array: FloatArray) -> FloatArray:
        return np.where(group_ok & np.isfinite(array), array, np.nan)

    kind = {"other": "values", "rate": "rates", "proportion": "proportions"}[value_type]
    drawn = {
        "other": "normally distributed",
        "rate": "log-normally distributed",
        "proportion": "logit-normally distributed",
    }[value_type]
    scale = (
        f" on the {'log' if value_type == 'rate' else 'logit'} scale, reported back on the "
        "original scale"
        if transform
        else ""
    )
    sign = " times a negative multiplier, so positive means worse where more deprived" * (
        multiplier < 0
    )
    parameters = {
        "value_type": value_type,
        "transform": transform,
        "multiplier": multiplier,
        "confidence": levels[0] if len(levels) == 1 else tuple(levels),
        "simulations": sims,
        "seed": seed if isinstance(seed, int | None) else "generator",
        "quantiles": k,
    }
    method = "Slope index of inequality (Low & Low), simulated limits"
    reason_arr = np.asarray(reason, dtype=str)
    by_level: dict[float, tuple[Estimate, Estimate]] = {}
    for index, level in enumerate(levels):
        common = (
            f"A population-weighted regression of the {kind} on each quantile's relative "
            f"deprivation rank (0 = most deprived end, 1 = least deprived end){scale} (Low & Low "
            f"2004, as PHEindicatormethods). The {level * 100:g}% limits come from {sims:,} "
            f"simulations redrawing each quantile's value as {drawn} with its standard error."
        )
        sii_rule = (
            "The slope index of inequality is the difference between the least and the most "
            f"deprived ends of the fitted line{sign}. " + common
        )
        rii_rule = (
            "The relative index of inequality is the fitted value at the least deprived end "
            "divided by that at the most deprived end"
            + (" (inverted, as the multiplier is negative)" if multiplier < 0 else "")
            + ". "
            + common
        )
        by_level[level] = (
            Estimate(
                value=_clean(sii_value),
                lower=_clean(sii_limits[index, 0]),
                upper=_clean(sii_limits[index, 1]),
                method=method,
                rule=sii_rule,
                confidence=level,
                groups=keys,
                statistic="slope index of inequality",
                parameters=parameters,
                reason=reason_arr,
            ),
            Estimate(
                value=_clean(rii_value),
                lower=_clean(rii_limits[index, 0]),
                upper=_clean(rii_limits[index, 1]),
                method="Relative index of inequality (Low & Low), simulated limits",
                rule=rii_rule,
                confidence=level,
                groups=keys,
                statistic="relative index of inequality",
                parameters=parameters,
                reason=reason_arr,
            ),
        )
    first_sii, first_rii = by_level[levels[0]]
    return InequalityIndex(
        sii=first_sii,
        rii=first_rii,
        intercept=_clean(intercept),
        groups=keys,
        method=method,
        rule=first_sii.rule,
        reason=reason_arr,
        parameters=parameters,
        levels=MappingProxyType(by_level),
    )


def gap(most_deprived: Any, least_deprived: Any) -> Gap:
    """Absolute and relative gap between the most and the least deprived groups.

    Parameters
    ----------
    most_deprived, least_deprived : array-like or scalar
        The outcome in the most deprived group (e.g. decile 1) and the least deprived group
        (e.g. decile 10), element by element (a scalar is broadcast).

    Returns
    -------
    Gap
        ``.absolute`` = most − least (the "range"), ``.relative`` = most / least (NaN where the
        least deprived value is 0 or either is missing), ``.method``, ``.rule``.

    Notes
    -----
    Source: ONS, *Health state life expectancies by national deprivation deciles* ("Range is
    calculated by taking the difference between Decile 1 (most deprived) and Decile 10 (least
    deprived)") and Public Health England, *Health Profile for England 2018*, chapter 5 methods
    (absolute gap = subtraction, relative gap = division).

    Examples
    --------
    30 % obesity in the most deprived decile against 20 % in the least deprived:

    >>> from onefuture import stats
    >>> g = stats.gap([30.0], [20.0])
    >>> float(g.absolute[0]), float(g.relative[0])
    (10.0, 1.5)
    """
    most = as_float(most_deprived, "most_deprived")
    least = as_float(least_deprived, "least_deprived")
    if len(most) != len(least) and 1 not in (len(most), len(least)):
        same_length(most_deprived=most, least_deprived=least)
    most, least = np.broadcast_arrays(most, least)
    absolute = most - least
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(least != 0, most / least, np.nan)
    return Gap(
        absolute=np.asarray(absolute, dtype=np.float64),
        relative=np.asarray(relative, dtype=np.float64),
        method="Absolute and relative gap",
        rule=(
            "The absolute gap is the most deprived group's value minus the least deprived "
            "group's; the relative gap is the first divided by the second (1 means no gap)."
        ),
        parameters={},
    )
