"""Life expectancy from an abridged life table (Chiang II), with Silcocks confidence limits.

The method, age bands and suppression rules are those of PHEindicatormethods v2.1.0
(``phe_life_expectancy``), which English public health (and ONS-comparable local figures) use.
Every area is laid out as a row of a (areas × 20 age bands) matrix, so the table is built for all
areas at once: cumulative products and reversed cumulative sums along the age axis.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from onefuture.stats._arrays import as_float, check_confidence, check_non_negative, same_length
from onefuture.stats._groups import group_rows
from onefuture.stats.errors import StatsError
from onefuture.stats.intervals import _pct, z_value
from onefuture.stats.results import Estimate

__all__ = ["AGE_BANDS", "life_expectancy"]

#: Start ages of the 20 bands of the abridged table: under 1, 1-4, 5-9, …, 85-89, 90+.
AGE_BANDS = (0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)

#: A group whose total population is at or below this is not published.
MIN_TOTAL_POPULATION = 5_000

#: A value whose 95 % confidence interval is wider than this many years is not published.
MAX_CI_WIDTH_YEARS = 20


def life_expectancy(
    deaths: Any,
    population: Any,
    start_age: Any,
    *,
    groups: Any = None,
    confidence: float = 0.95,
) -> Estimate:
    """Life expectancy at each age band's start age, for every group, with confidence limits.

    Input is long: one row per group and age band, the bands starting at ages 0, 1, 5, 10, …,
    85, 90 (``AGE_BANDS``), with deaths and mid-year population. The result has one row per
    group and age band, ordered by group (``np.unique`` order) then age: ``.groups`` holds the
    group of each row and ``.parameters["start_age"]`` its start age.

    With n_i the band width (n = 2/M for 90+), a_i = 0.1 under 1 and 0.5 otherwise, M_i = D_i/P_i:
    q_i = n_i M_i / (1 + n_i M_i (1 − a_i)) (1 when D_i > P_i/(n_i a_i)); l_0 = 100,000;
    l_{i+1} = l_i(1 − q_i); L_i = n_i(l_{i+1} + a_i d_i), L_90+ = l/M; e_i = Σ_{j≥i} L_j / l_i.
    Variance (Silcocks): s²_i = q_i²(1 − q_i)/D_i, s²_90+ = 4/(D M²);
    W_i = s²_i l_i² ((1 − a_i) n_i + e_{i+1})², W_90+ = (l/2)² s²_90+;
    SE(e_i) = √(Σ_{j≥i} W_j) / l_i; limits e ∓ z·SE (not truncated at 0).

    Suppression (NaN with ``.reason``), as the peer does it: a whole group when a band is missing
    or repeated, a population is zero or missing, deaths exceed population in a band, or the
    total population is 5,000 or less; a single value (its limits kept) when its 95 %
    confidence interval is wider than 20 years, or when it is infinite (no deaths in 90+).

    Source: Chiang (1984), *The Life Table and its Applications*; Silcocks, Jenner & Reza
    (2001), *J Epidemiol Community Health* 55:38-43; PHEindicatormethods
    ``phe_life_expectancy``.

    Raises
    ------
    StatsError
        For negative deaths or population, or a start age that is not one of ``AGE_BANDS``.

    Examples
    --------
    >>> deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390,
    ...           1605, 1936, 1937]
    >>> population = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
    ...               50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936]
    >>> est = life_expectancy(deaths, population, AGE_BANDS)
    >>> round(float(est.value[0]), 4), round(float(est.lower[0]), 2), round(float(est.upper[0]), 2)
    (80.1696, 79.88, 80.46)
    """
    confidence = check_confidence(confidence)
    d = as_float(deaths, "deaths")
    p = as_float(population, "population")
    age = as_float(start_age, "start_age")
    same_length(deaths=d, population=p, start_age=age)
    check_non_negative(d, "deaths")
    check_non_negative(p, "population", "populations")
    bands = np.asarray(AGE_BANDS, dtype=np.float64)
    band = np.searchsorted(bands, age)
    band = np.minimum(band, len(bands) - 1)
    not_a_band = np.flatnonzero(bands[band] != age)
    if not_a_band.size:
        i = int(not_a_band[0])
        raise StatsError(
            f"start_age[{i}] is {age[i]:g}, which does not start an age band: "
            f"the bands start at {', '.join(str(a) for a in AGE_BANDS)}"
        )
    grouping = group_rows(groups, len(d))
    n_groups, n_bands = grouping.size, len(AGE_BANDS)
    cell = grouping.inverse * n_bands + band
    filled = np.bincount(cell, minlength=n_groups * n_bands).reshape(n_groups, n_bands)
    D = np.full((n_groups, n_bands), np.nan)
    P = np.full((n_groups, n_bands), np.nan)
    D.flat[cell] = d
    P.flat[cell] = p

    reason = np.full(n_groups, "", dtype=object)
    with np.errstate(invalid="ignore"):
        too_small = ~(np.nansum(P, axis=1) > MIN_TOTAL_POPULATION)
        too_many_deaths = (D > P).any(axis=1)
        bad_population = ~(P > 0).all(axis=1) | np.isnan(D).any(axis=1)
    incomplete = (filled != 1).any(axis=1)
    reason[too_small] = f"a total population of {MIN_TOTAL_POPULATION:,} or less"
    reason[too_many_deaths] = "more deaths than population in an age band"
    reason[bad_population] = "a missing or zero population (or missing deaths) in an age band"
    reason[incomplete] = "not exactly one row for each of the 20 age bands"
    whole_group_out = incomplete | bad_population | too_many_deaths | too_small

    value, se = _chiang_silcocks(D, P)
    z = z_value(confidence)
    with np.errstate(invalid="ignore"):
        lower, upper = value - z * se, value + z * se
    row_reason = np.repeat(reason, n_bands).reshape(n_groups, n_bands)
    wide = z_value(0.95) * se > MAX_CI_WIDTH_YEARS / 2
    infinite = ~np.isfinite(value)
    row_reason[wide & ~whole_group_out[:, None]] = (
        f"95 % confidence interval wider than {MAX_CI_WIDTH_YEARS} years"
    )
    row_reason[infinite & ~whole_group_out[:, None]] = "no deaths in the oldest age band"
    value[wide | infinite] = np.nan
    for array in (value, lower, upper):
        array[whole_group_out] = np.nan
        array[~np.isfinite(array)] = np.nan

    return Estimate(
        value=value.reshape(-1),
        lower=lower.reshape(-1),
        upper=upper.reshape(-1),
        method="Chiang, using Silcocks et al for confidence limits",
        rule=(
            "Life expectancy from an abridged life table (Chiang II) of deaths and population in "
            f"20 age bands, with {_pct(confidence)} confidence limits by Silcocks' method; not "
            f"shown for a population of {MIN_TOTAL_POPULATION:,} or less, or where the 95 % "
            f"interval is wider than {MAX_CI_WIDTH_YEARS} years."
        ),
        confidence=confidence,
        groups=None if groups is None else np.repeat(grouping.keys, n_bands),
        statistic="life expectancy",
        parameters={
            "start_age": np.tile(bands, n_groups),
            "age_bands": AGE_BANDS,
            "min_total_population": MIN_TOTAL_POPULATION,
            "max_ci_width_years": MAX_CI_WIDTH_YEARS,
        },
        reason=row_reason.reshape(-1),
    )


def _chiang_silcocks(
    D: NDArray[np.float64], P: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Life expectancy and its standard error for each (group, band) cell of the matrices."""
    n_bands = D.shape[1]
    bands = np.asarray(AGE_BANDS, dtype=np.float64)
    width = np.append(np.diff(bands), np.nan)
    a = np.where(bands == 0, 0.1, 0.5)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        M = D / P
        n = np.broadcast_to(width, D.shape).copy()
        n[:, -1] = 2.0 / M[:, -1]
        q = np.where(P / n / a >= D, n * M / (1.0 + n * M * (1.0 - a)), 1.0)
        l = np.empty_like(D)  # noqa: E741 - l is the life table's own name
        l[:, 0] = 100_000.0
        l[:, 1:] = 100_000.0 * np.cumprod(1.0 - q[:, :-1], axis=1)
        l_next = np.concatenate([l[:, 1:], np.zeros((len(D), 1))], axis=1)
        d = l - l_next
        L = n * (l_next + a * d)
        L[:, -1] = l[:, -1] / M[:, -1]
        T = np.cumsum(L[:, ::-1], axis=1)[:, ::-1]
        e = np.where(l == 0, 0.0, T / l)
        s2 = np.where(d == 0, 0.0, q * q * (1.0 - q) / D)
        s2[:, -1] = 4.0 / (D[:, -1] * M[:, -1] ** 2)
        e_next = np.concatenate([e[:, 1:], np.zeros((len(D), 1))], axis=1)
        W = s2 * l * l * ((1.0 - a) * n + e_next) ** 2
        W[:, -1] = (l[:, -1] / 2.0) ** 2 * s2[:, -1]
        se = np.sqrt(np.cumsum(W[:, ::-1], axis=1)[:, ::-1] / (l * l))
    assert e.shape[1] == n_bands
    return e, se
