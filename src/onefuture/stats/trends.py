"""Recent trend of a measure, exactly as the Fingertips public-health profiles compute it.

Fingertips marks a series "increasing", "decreasing" or "no significant change" from its most
recent five annual points: a chi-squared test for trend for proportions (counts over
denominators), a weighted regression for everything else, at the 99.8 % level, and only if leaving
out any one of the five points never flips the direction (so one odd year cannot make a trend).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from onefuture.stats._arrays import (
    FloatArray,
    as_float,
    as_keys,
    check_non_negative,
    check_not_above,
    same_length,
)
from onefuture.stats._groups import group_rows
from onefuture.stats.errors import StatsError
from onefuture.stats.results import Trend

Polarity = Literal["high_is_good", "low_is_good", "no_judgement"]
POLARITIES = ("high_is_good", "low_is_good", "no_judgement")

#: Every marker :func:`trend` can return (``.marker``); its ``.label`` words add the polarity.
TREND_MARKERS: tuple[str, ...] = (
    "increasing",
    "decreasing",
    "no_significant_change",
    "cannot_be_calculated",
)

_WORDS = {
    "increasing": {
        "high_is_good": "Increasing and getting better",
        "low_is_good": "Increasing and getting worse",
        "no_judgement": "Increasing",
    },
    "decreasing": {
        "high_is_good": "Decreasing and getting worse",
        "low_is_good": "Decreasing and getting better",
        "no_judgement": "Decreasing",
    },
}


def _slopes_with_leave_one_out(
    t: FloatArray, y: FloatArray, w: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Weighted least-squares slopes of y on t, per row: all points, then each one left out.

    ``slope = (Sw Swty - Swt Swy) / D`` with ``D = Sw Swtt - Swt^2`` (so Var(slope) = Sw / D).
    A leave-one-out sum is the full sum minus that point's term, so no refit is needed.
    Returns the slopes, shape (rows, 1 + points), and the full fit's ``Sw`` and ``D``.
    """
    wt = w * t
    terms = (w, wt, w * y, wt * t, wt * y)
    # Column 0: the full sums; columns 1..: the full sums minus each point's term.
    sw, swt, swy, swtt, swty = (
        np.concatenate([term.sum(axis=1, keepdims=True), term], axis=1) for term in terms
    )
    for sums in (sw, swt, swy, swtt, swty):
        sums[:, 1:] = sums[:, :1] - sums[:, 1:]
    denominator = sw * swtt - swt * swt
    a, b = sw * swty, swt * swy
    # Subtracting sums leaves rounding noise where a slope is truly 0 (a flat run once a point
    # is left out): treat anything within that noise as exactly 0, so its sign is not random.
    numerator = a - b
    numerator[np.abs(numerator) <= 1e-10 * (np.abs(a) + np.abs(b))] = 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        slopes = numerator / denominator
    return slopes, sw[:, 0], denominator[:, 0]


def trend(
    period: Any,
    value: Any = None,
    lower: Any = None,
    upper: Any = None,
    *,
    numerator: Any = None,
    denominator: Any = None,
    polarity: Polarity = "no_judgement",
    groups: Any = None,
    points: int = 5,
    significance: float = 0.998,
    ci_width_in_se: float = 3.92,
) -> Trend:
    """Recent trend marker of each series, as Fingertips computes it.

    Parameters
    ----------
    period : array-like of numbers
        The year of each point (annual, so consecutive points differ by 1).
    value, lower, upper : array-like, optional
        Each point's value and 95 % confidence limits (needed unless ``numerator`` and
        ``denominator`` are given).
    numerator, denominator : array-like, optional
        Counts for a proportion: a series whose latest points all have counts is tested by the
        chi-squared test for trend and needs no limits. Give counts and limits together to mix
        proportions (counts present) and other measures (counts NaN) in one call; each series
        then uses the test its data allow, named in ``.row_method``.
    polarity : {"high_is_good", "low_is_good", "no_judgement"}
        Only changes ``.label`` ("Increasing and getting better" ...).
    groups : array-like, optional
        Series (area, indicator) key of each point; one result row per key in ``np.unique``
        order. Without it all points are one series.
    points : int
        How many of the most recent points are tested (Fingertips: 5).
    significance : float
        The chi-squared statistic must exceed this quantile of chi-squared with 1 degree of
        freedom (Fingertips: 0.998, i.e. 9.5495).
    ci_width_in_se : float
        The width of a 95 % interval in standard errors, used to recover each point's standard
        error (Fingertips: 3.92 = 2 x 1.96).

    Returns
    -------
    Trend
        ``.marker`` ("increasing", "decreasing", "no_significant_change",
        "cannot_be_calculated"), ``.label`` (in words, with polarity), ``.chi2``, ``.slope``
        (change per period in the value; for proportions, in the log-odds), ``.reason``,
        ``.groups``, ``.method``, ``.row_method`` (each series' test), ``.rule``,
        ``.parameters``.

    Notes
    -----
    Source: Fingertips ``TrendMarkerCalculator`` (``ukhsa-collaboration/fingertips-open``,
    ``PholioVisualisationWS/Analysis/TrendMarkers``) and the Fingertips technical guidance
    "Trend markers". The last ``points`` points, t = 1..5, must be present and consecutive.
    Proportions: ``chi2 = N (N S(xt) - X S(nt))^2 / [X (N - X) (N S(nt^2) - S(nt)^2)]`` with
    direction from the ordinary least-squares slope of logit(x/n) on t. Otherwise: weights
    ``w = 1/SE^2`` with ``SE = (upper - lower) / 3.92``, weighted slope ``b``, ``SE(b) =
    sqrt(S(w) / (S(w) S(wt^2) - S(wt)^2))``, ``chi2 = (b / SE(b))^2``. Significant when chi2
    exceeds the threshold and the slope keeps its sign when each point in turn is left out.

    Examples
    --------
    Five years of a rate rising steadily with narrow intervals:

    >>> from onefuture import stats
    >>> res = stats.trend([2014, 2015, 2016, 2017, 2018], [24.67, 24.6, 28.0, 30.2, 30.6],
    ...                   [23.16, 23.15, 26.44, 28.63, 28.98], [26.25, 26.19, 29.64, 31.9, 32.25],
    ...                   polarity="low_is_good")
    >>> str(res.marker[0]), str(res.label[0]), round(float(res.chi2[0]), 2)
    ('increasing', 'Increasing and getting worse', 46.77)
    """
    if polarity not in POLARITIES:
        raise StatsError(f"polarity must be one of {POLARITIES}, got {polarity!r}")
    if not (isinstance(points, int) and points >= 3):
        raise StatsError(f"points must be a whole number of at least 3, got {points!r}")
    if not (0 < significance < 1):
        raise StatsError(f"significance must be a fraction between 0 and 1, got {significance!r}")
    if not (ci_width_in_se > 0):
        raise StatsError(f"ci_width_in_se must be positive, got {ci_width_in_se!r}")
    has_counts = numerator is not None or denominator is not None
    has_limits = value is not None or lower is not None or upper is not None
    per = as_float(period, "period")
    arrays: dict[str, NDArray[Any]] = {"period": per}
    if has_counts:
        if numerator is None or denominator is None:
            raise StatsError("give both numerator and denominator for a proportion's trend")
        arrays["numerator"] = as_float(numerator, "numerator")
        arrays["denominator"] = as_float(denominator, "denominator")
        check_non_negative(arrays["numerator"], "numerator")
        check_non_negative(arrays["denominator"], "denominator")
        check_not_above(arrays["numerator"], arrays["denominator"], "numerator", "denominator")
    if has_limits or not has_counts:
        if value is None or lower is None or upper is None:
            raise StatsError(
                "give value, lower and upper (or numerator and denominator for a proportion)"
            )
        arrays["value"] = as_float(value, "value")
        arrays["lower"] = as_float(lower, "lower")
        arrays["upper"] = as_float(upper, "upper")
        check_not_above(arrays["lower"], arrays["upper"], "lower", "upper")
    if groups is not None:
        arrays["groups"] = as_keys(groups, "groups")
    n = same_length(**arrays)
    bad = np.flatnonzero(~np.isfinite(per))
    if bad.size:
        raise StatsError(f"period[{int(bad[0])}] is missing: every point needs its year")

    if groups is None:
        keys: NDArray[Any] | None = None
        inverse = np.zeros(n, dtype=np.intp)
        n_groups = 1
    else:
        grouping = group_rows(arrays["groups"], n)
        keys, inverse = grouping.keys, grouping.inverse
        n_groups = len(keys)
    # Tables usually arrive sorted by series and year: then no sort is needed.
    step_ok = (inverse[1:] > inverse[:-1]) | ((inverse[1:] == inverse[:-1]) & (per[1:] > per[:-1]))
    order = np.arange(n) if bool(np.all(step_ok)) else np.lexsort((per, inverse))
    sorted_group, sorted_period = inverse[order], per[order]
    repeated = np.flatnonzero(
        (sorted_group[1:] == sorted_group[:-1]) & (sorted_period[1:] == sorted_period[:-1])
    )
    if repeated.size:
        i = int(order[repeated[0] + 1])
        raise StatsError(f"period[{i}] ({per[i]:g}) appears twice in the same series")

    counts = np.bincount(inverse, minlength=n_groups)
    ends = np.cumsum(counts) - 1
    offsets = np.arange(points - 1, -1, -1)
    take = np.clip(ends[:, None] - offsets[None, :], 0, max(n - 1, 0))
    rows = order[take] if n else np.zeros((n_groups, points), dtype=np.intp)
    enough = counts >= points

    def gather(name: str) -> FloatArray:
        if name not in arrays:
            return np.full((n_groups, points), np.nan)
        return arrays[name][rows] if n else np.full((n_groups, points), np.nan)

    consecutive = np.all(np.diff(gather("period"), axis=1) == 1, axis=1)
    t = np.arange(1, points + 1, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Proportions: chi-squared test for trend on the counts, direction from the logit slope.
        x, m = gather("numerator"), gather("denominator")
        counted = np.all(np.isfinite(x) & np.isfinite(m), axis=1)
        chi2_counts = np.full(n_groups, np.nan)
        slopes_counts = np.full((n_groups, points + 1), np.nan)
        if has_counts:
            big_n, big_x = m.sum(axis=1), x.sum(axis=1)
            sxt, snt = (x * t).sum(axis=1), (m * t).sum(axis=1)
            sntt = (m * t * t).sum(axis=1)
            chi2_counts = (big_n * (big_n * sxt - big_x * snt) ** 2) / (
                big_x * (big_n - big_x) * (big_n * sntt - snt**2)
            )
            logit = np.log(x / (m - x))
            slopes_counts, _, _ = _slopes_with_leave_one_out(t, logit, np.ones_like(logit))
        # Everything else: regression weighted by each point's precision.
        y, lo, up = gather("value"), gather("lower"), gather("upper")
        limited = np.all(np.isfinite(y) & np.isfinite(lo) & np.isfinite(up), axis=1)
        se = (up - lo) / ci_width_in_se
        chi2_w = np.full(n_groups, np.nan)
        slopes_w = np.full((n_groups, points + 1), np.nan)
        if "value" in arrays:
            w = 1 / se**2
            slopes_w, sum_w, denominator_full = _slopes_with_leave_one_out(t, y, w)
            chi2_w = slopes_w[:, 0] ** 2 / (sum_w / denominator_full)
    # A series with complete counts is a proportion; otherwise it needs its limits.
    use_counts: NDArray[np.bool_] = counted if has_counts else np.zeros(n_groups, dtype=bool)
    present: NDArray[np.bool_] = use_counts | limited
    counts_ok = np.all((x > 0) & (x < m), axis=1)
    limits_ok = np.all(se > 0, axis=1)
    testable: NDArray[np.bool_] = (use_counts & counts_ok) | (~use_counts & limits_ok)
    chi2 = np.where(use_counts, chi2_counts, chi2_w)
    slopes = np.where(use_counts[:, None], slopes_counts, slopes_w)
    chi2_name = f"Chi-squared test for trend on the last {points} points (Fingertips)"
    weighted_name = f"Weighted regression on the last {points} points (Fingertips)"
    row_method = np.where(use_counts, chi2_name, weighted_name)
    if not has_limits:
        method = chi2_name
    elif not has_counts:
        method = weighted_name
    else:
        method = f"Recent trend on the last {points} points (Fingertips)"
    threshold = float(stats.chi2.ppf(significance, 1))
    valid = enough & present & consecutive & testable
    slope = slopes[:, 0]
    steady = np.all(slopes > 0, axis=1) | np.all(slopes < 0, axis=1)
    significant = valid & (chi2 > threshold) & steady
    marker = np.where(
        ~valid,
        "cannot_be_calculated",
        np.where(
            significant,
            np.where(slope > 0, "increasing", "decreasing"),
            "no_significant_change",
        ),
    )
    no_test: NDArray[np.str_] = np.where(
        use_counts, "a count is 0 or equals its denominator", "a confidence interval has no width"
    )
    reason = np.select(
        [
            ~enough,
            ~present,
            ~consecutive,
            ~testable,
            significant,
            chi2 <= threshold,
        ],
        [
            f"fewer than {points} data points",
            f"a value is missing among the latest {points} points",
            f"the latest {points} periods are not consecutive years",
            no_test,
            "significant trend, no outlier",
            "no significant trend",
        ],
        default="outlier: leaving one point out changes the direction",
    )
    label = np.select(
        [marker == "increasing", marker == "decreasing", marker == "no_significant_change"],
        [_WORDS["increasing"][polarity], _WORDS["decreasing"][polarity], "No significant change"],
        default="Cannot be calculated",
    )
    tests = []
    if has_counts:
        tests.append("a chi-squared test for trend on the counts (proportions)")
    if has_limits:
        tests.append("a regression weighted by each point's precision (from its 95% interval)")
    test = ", or ".join(tests)
    rule = (
        f"Recent trend over the latest {points} consecutive annual points, by {test}. It is "
        f"significant when the test statistic exceeds {threshold:.4f} (the {significance:.1%} "
        "level) and leaving out any one point never changes the direction; otherwise there is "
        f"no significant change. Fewer than {points} points, or a missing one, cannot be "
        "calculated."
    )
    return Trend(
        marker=marker,
        label=label,
        chi2=np.where(valid, chi2, np.nan),
        slope=np.where(valid, slope, np.nan),
        reason=reason,
        groups=keys,
        method=method,
        row_method=row_method,
        rule=rule,
        parameters={
            "points": points,
            "significance": significance,
            "threshold": threshold,
            "ci_width_in_se": ci_width_in_se,
            "polarity": polarity,
            "kind": "mixed"
            if has_counts and has_limits
            else "proportion"
            if has_counts
            else "weighted",
        },
    )
