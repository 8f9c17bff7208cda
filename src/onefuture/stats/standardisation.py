"""Age-standardised rates: direct (DSR, Dobson limits) and indirect (ratio and rate).

Standardisation removes the effect of an area's age structure, so an older place is not "worse"
merely for being older. Methods, defaults and small-number rules are those of PHEindicatormethods
v2.1.0 (``calculate_dsr``, ``calculate_ISRatio``, ``calculate_ISRate``). Input is long: one row per
area (``groups``) and age band; the arithmetic is grouped sums, with no loop per area.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from onefuture.stats._arrays import (
    as_float,
    as_keys,
    check_confidence,
    check_multiplier,
    check_non_negative,
    same_length,
)
from onefuture.stats._groups import group_rows
from onefuture.stats.errors import StatsError
from onefuture.stats.intervals import (
    EXACT_BELOW,
    _byars,
    _pct,
    _poisson,
    _row_methods,
    z_value,
)
from onefuture.stats.results import Estimate

__all__ = ["ESP2013", "dsr", "isr"]

#: The 2013 European Standard Population, 19 bands 0-4, 5-9, …, 85-89, 90+ (sums to 100,000).
ESP2013 = np.array(
    [
        *(5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000),
        *(7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000),
    ],
    dtype=np.float64,
)
ESP2013.flags.writeable = False

#: A DSR from fewer events than this is not published (PHEindicatormethods, Fingertips).
DSR_MIN_EVENTS = 10


def _first_bad(flags: np.ndarray) -> int | None:
    bad = np.flatnonzero(flags)
    return int(bad[0]) if bad.size else None


def dsr(
    count: Any,
    population: Any,
    standard_population: Any,
    *,
    groups: Any = None,
    confidence: float = 0.95,
    multiplier: float = 100_000,
    event_frequency: Any = None,
    age_band: Any = None,
    min_events: int = DSR_MIN_EVENTS,
) -> Estimate:
    """Directly standardised rate with Dobson confidence limits, one row per group.

    For the age bands i of a group, with events x_i, population n_i and standard population w_i:

    DSR = Σ x_i·w_i/n_i / Σ w_i × multiplier;  var = Σ x_i·(w_i/n_i)² / (Σ w_i)²;  O = Σ x_i;
    limits = DSR + √(var/O)·(O_L − O) × multiplier, with O_L, O_U Byar's limits of O
    (always Byar's: there is no exact switch, because of the small-number rule).

    A group with fewer than ``min_events`` (10) events is NaN, with the reason in ``.reason``;
    so is a group with a missing or zero population, or a missing standard population, in any
    age band. A missing count is taken as 0 events, as the peer does.

    **Non-independent events** (one person may have several, e.g. repeat admissions): give
    ``event_frequency`` (f) and ``age_band``; ``count`` is then the number of *persons* with f
    events in that age band, one row per group, age band and f. Events per band are Σ f·persons,
    and var = Σ_f f²·var_f (persons with f events contribute f² times the variance). Population
    and standard population must then agree on every row of the same group and age band.

    Source: Dobson, Kuulasmaa, Eberle & Scherer (1991), *Statistics in Medicine* 10:457-62;
    PHEindicatormethods ``calculate_dsr`` (including ``independent_events = FALSE``).

    Parameters
    ----------
    count, population, standard_population : array-like
        One value per row (group × age band). ``ESP2013`` holds the 2013 European Standard
        Population for the usual 19 bands: ``np.tile(stats.ESP2013, n_areas)``.
    groups : array-like, optional
        Area (or area-period) key per row; ``None`` makes all rows one group.
    confidence, multiplier : float
        Two-sided confidence level; rate per this many (100,000).
    event_frequency, age_band : array-like, optional
        For non-independent events, see above.
    min_events : int
        Smaller totals are suppressed (NaN).

    Examples
    --------
    >>> counts = [30, 50, 80]
    >>> pops = [10_000, 8_000, 4_000]
    >>> est = dsr(counts, pops, [50_000, 30_000, 20_000])
    >>> round(float(est.value[0]), 3), round(float(est.lower[0]), 3), round(float(est.upper[0]), 3)
    (737.5, 626.781, 862.019)
    >>> dsr([3, 4], [1000, 1000], [1, 1]).reason
    array(['fewer than 10 events'], dtype=object)
    """
    confidence = check_confidence(confidence)
    multiplier = check_multiplier(multiplier)
    x = as_float(count, "count")
    n = as_float(population, "population")
    w = as_float(standard_population, "standard_population")
    same_length(count=x, population=n, standard_population=w)
    check_non_negative(x, "count")
    check_non_negative(n, "population", "populations")
    check_non_negative(w, "standard_population", "standard populations")
    grouping = group_rows(groups, len(x))
    x = np.nan_to_num(x, nan=0.0)  # the peer's rule: a missing count is no events

    with np.errstate(divide="ignore", invalid="ignore"):
        weight = w / n
    bad_population = ~(n > 0) | np.isnan(w)  # zero or missing

    if event_frequency is None:
        if age_band is not None:
            raise StatsError(
                "age_band is only needed with event_frequency (non-independent events)"
            )
        events = x
        weighted = x * weight
        variance_terms = weighted * weight
        total_weight = grouping.sum(w)
        independent = True
    else:
        f = as_float(event_frequency, "event_frequency")
        same_length(count=x, event_frequency=f)
        check_non_negative(f, "event_frequency", "event frequencies")
        if age_band is None:
            raise StatsError("event_frequency needs age_band, to know which rows share a band")
        bands = as_keys(age_band, "age_band")
        same_length(count=x, age_band=bands)
        _, band_index = np.unique(bands, return_inverse=True)
        cell = grouping.inverse.astype(np.int64) * (int(band_index.max()) + 1) + band_index
        _, first, cell_index = np.unique(cell, return_index=True, return_inverse=True)
        for name, values in (("population", n), ("standard_population", w)):
            differs = _first_bad(~np.isclose(values, values[first][cell_index], equal_nan=True))
            if differs is not None:
                raise StatsError(
                    f"{name}[{differs}] is {values[differs]:g} but another row of the same "
                    f"group and age band has {values[first][cell_index][differs]:g}: "
                    "they must agree"
                )
        events = f * x
        weighted = events * weight
        variance_terms = f * f * x * weight * weight
        total_weight = np.bincount(
            grouping.inverse[first], weights=w[first], minlength=grouping.size
        ).astype(np.float64)
        independent = False

    if bad_population.any():
        bad_population = grouping.any(bad_population)
        # Their groups are suppressed below; zeroing their rows keeps inf/NaN out of the sums.
        weighted = np.where(bad_population[grouping.inverse], 0.0, weighted)
        variance_terms = np.where(bad_population[grouping.inverse], 0.0, variance_terms)
    else:
        bad_population = np.zeros(grouping.size, dtype=bool)
    observed = grouping.sum(events)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = grouping.sum(weighted) / total_weight
        variance = grouping.sum(variance_terms) / (total_weight * total_weight)
        lower_o, upper_o = _byars(observed, z_value(confidence))
        spread = np.sqrt(variance / observed)
        lower = value + spread * (lower_o - observed)
        upper = value + spread * (upper_o - observed)

    reason = np.full(grouping.size, "", dtype=object)
    too_few = observed < min_events
    reason[too_few] = f"fewer than {min_events} events"
    reason[bad_population] = "a missing or zero population (or standard population) in an age band"
    suppressed = too_few | bad_population
    for array in (value, lower, upper):
        array[suppressed] = np.nan
    method = (
        "Dobson" if independent else "Dobson, with confidence adjusted for non-independent events"
    )
    return Estimate(
        value=value * multiplier,
        lower=lower * multiplier,
        upper=upper * multiplier,
        method=method,
        rule=(
            f"Directly age-standardised rate per {multiplier:,g}: each age band's rate weighted "
            f"by a standard population, with {_pct(confidence)} confidence limits by Dobson's "
            f"method; not shown when there are fewer than {min_events} events."
        ),
        confidence=confidence,
        groups=None if groups is None else grouping.keys,
        statistic=f"dsr per {multiplier:g}",
        parameters={
            "multiplier": multiplier,
            "min_events": min_events,
            "independent_events": independent,
            "observed": observed,
        },
        reason=reason,
    )


def isr(
    count: Any,
    population: Any,
    reference_count: Any,
    reference_population: Any,
    *,
    groups: Any = None,
    kind: Literal["ratio", "rate"] = "ratio",
    confidence: float = 0.95,
    multiplier: float | None = None,
) -> Estimate:
    """Indirectly standardised ratio (e.g. an SMR) or rate, one row per group.

    Expected events E = Σ_i (X_i / N_i)·n_i, applying the reference population's age-specific
    rates (reference counts X_i over reference populations N_i) to the area's population n_i;
    observed O = Σ_i x_i. Missing counts and populations count as 0, and a reference band with
    no population contributes nothing, as in the peer.

    - ``kind="ratio"``: O/E × multiplier (default 1; 100 gives "SMR × 100").
    - ``kind="rate"``: O/E × reference rate, with reference rate = ΣX/ΣN × multiplier
      (default per 100,000).

    Limits are (O_L, O_U)/E on the same scale: exact Poisson below 10 observed events, Byar's
    from 10 (``.row_method`` says which). A group with no expected events is NaN.

    Source: Breslow & Day (1987); PHEindicatormethods ``calculate_ISRatio`` and
    ``calculate_ISRate`` (``refpoptype = "field"``: the reference values are given per row).

    Examples
    --------
    >>> est = isr([20, 30], [1000, 500], [500, 1500], [100_000, 50_000])
    >>> round(float(est.value[0]), 4), round(float(est.lower[0]), 4), round(float(est.upper[0]), 4)
    (2.5, 1.8554, 3.296)
    >>> est = isr([20, 30], [1000, 500], [500, 1500], [100_000, 50_000], kind="rate")
    >>> round(float(est.value[0]), 2), est.statistic
    (3333.33, 'indirectly standardised rate per 100000')
    """
    confidence = check_confidence(confidence)
    if kind not in ("ratio", "rate"):
        raise StatsError(f'kind must be "ratio" or "rate", got {kind!r}')
    x = as_float(count, "count")
    n = as_float(population, "population")
    rx = as_float(reference_count, "reference_count")
    rn = as_float(reference_population, "reference_population")
    same_length(count=x, population=n, reference_count=rx, reference_population=rn)
    check_non_negative(x, "count")
    check_non_negative(n, "population", "populations")
    check_non_negative(rx, "reference_count")
    check_non_negative(rn, "reference_population", "populations")
    grouping = group_rows(groups, len(x))
    x, n, rx, rn = (np.nan_to_num(a, nan=0.0) for a in (x, n, rx, rn))
    with np.errstate(divide="ignore", invalid="ignore"):
        reference_rate = np.where(rn > 0, rx / np.where(rn > 0, rn, 1.0), 0.0)
    observed = grouping.sum(x)
    expected = grouping.sum(reference_rate * n)
    if kind == "ratio":
        used = 1.0 if multiplier is None else check_multiplier(multiplier)
        scale_by = np.full(grouping.size, used)
        statistic = f"indirectly standardised ratio x {used:g}"
        rule = (
            f"Indirectly standardised ratio (observed ÷ expected events, × {used:g}), the expected "
            "events being what the area would have at the reference population's age-specific "
            f"rates; {_pct(confidence)} confidence limits exact Poisson below 10 events, "
            "Byar's from 10."
        )
    else:
        used = 100_000.0 if multiplier is None else check_multiplier(multiplier)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale_by = grouping.sum(rx) / grouping.sum(rn) * used
        statistic = f"indirectly standardised rate per {used:g}"
        rule = (
            f"Indirectly standardised rate per {used:,g}: observed ÷ expected events, times the "
            f"reference population's crude rate; {_pct(confidence)} confidence limits exact "
            "Poisson below 10 events, Byar's from 10."
        )
    lower_o, upper_o = _poisson(observed, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(expected > 0, scale_by / expected, np.nan)
    return Estimate(
        value=observed * scale,
        lower=lower_o * scale,
        upper=upper_o * scale,
        method="exact Poisson below 10 events, Byar's from 10",
        rule=rule,
        confidence=confidence,
        groups=None if groups is None else grouping.keys,
        statistic=statistic,
        parameters={
            "kind": kind,
            "multiplier": used,
            "exact_below": EXACT_BELOW,
            "observed": observed,
            "expected": expected,
        },
        row_method=_row_methods(observed, "exact Poisson", "Byar's"),
        reason=np.where(expected > 0, "", "no expected events").astype(object),
    )
