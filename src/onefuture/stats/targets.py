"""Progress towards a target: Eurostat's growth-rate assessment and the trajectory check.

:func:`progress` answers "is the measure moving towards the goal fast enough?" the way Eurostat's
EU Sustainable Development Goals monitoring report does, from compound annual growth rates (CAGR).
:func:`on_trajectory` answers "is the latest value where a straight (or constant-growth) path from
the baseline to the target says it should be by now?", for interim milestones.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from onefuture.stats._arrays import FloatArray, as_float, as_keys, broadcast
from onefuture.stats.errors import StatsError
from onefuture.stats.results import Progress, Trajectory

Desired = Literal["increase", "decrease"]

#: Eurostat's thresholds on the ratio of actual to required growth (with a quantified target):
#: at least 95 % significant progress, 60-95 % moderate, 0-60 % insufficient, below 0 movement away.
TARGET_THRESHOLDS = (0.95, 0.60, 0.0)
#: Eurostat's thresholds on growth in the desired direction (no quantified target), per year:
#: at least 1 % significant progress, above 0 moderate, above -1 % movement away, else significant
#: movement away.
DIRECTION_THRESHOLDS = (0.01, 0.0, -0.01)

#: Every category :func:`progress` can return (``.category``): the last but one only without a
#: target, "not_assessed" where a year or value is missing or a value is not above zero.
PROGRESS_CATEGORIES: tuple[str, ...] = (
    "significant_progress",
    "moderate_progress",
    "insufficient_progress",
    "movement_away",
    "significant_movement_away",
    "not_assessed",
)
#: Every status :func:`on_trajectory` can return (``.status``).
TRAJECTORY_STATUSES: tuple[str, ...] = ("on_or_ahead", "behind", "not_assessed")


def _direction(desired: Any, n: int) -> FloatArray:
    """+1 where an increase is desired, -1 for a decrease; raise naming a bad entry."""
    words = as_keys(desired, "desired")
    bad = np.flatnonzero(~np.isin(words, ["increase", "decrease"]))
    if bad.size:
        i = int(bad[0])
        raise StatsError(f'desired[{i}] is {str(words[i])!r}: it must be "increase" or "decrease"')
    if len(words) not in (1, n):
        raise StatsError(f"desired has {len(words)} values but the data have {n}")
    return np.broadcast_to(np.where(words == "increase", 1.0, -1.0), (n,)).astype(np.float64)


def _check_after(
    later: FloatArray, earlier: FloatArray, later_name: str, earlier_name: str
) -> None:
    bad = np.flatnonzero(later <= earlier)
    if bad.size:
        i = int(bad[0])
        raise StatsError(
            f"{later_name}[{i}] is {later[i]:g}, not after {earlier_name}[{i}] = {earlier[i]:g}"
        )


def _check_thresholds(thresholds: tuple[float, float, float], name: str) -> None:
    if len(thresholds) != 3 or not (thresholds[0] >= thresholds[1] >= thresholds[2]):
        raise StatsError(f"{name} must be three numbers from highest to lowest, got {thresholds!r}")


def progress(
    base_year: Any,
    base_value: Any,
    latest_year: Any,
    latest_value: Any,
    *,
    desired: Desired | Any,
    target_year: Any = None,
    target_value: Any = None,
    target_thresholds: tuple[float, float, float] = TARGET_THRESHOLDS,
    direction_thresholds: tuple[float, float, float] = DIRECTION_THRESHOLDS,
) -> Progress:
    """Eurostat-style progress category from compound annual growth rates.

    Parameters
    ----------
    base_year, base_value : array-like or scalar
        The baseline (e.g. 2015 for the SDGs, or the vision's start year) and its value.
    latest_year, latest_value : array-like or scalar
        The latest observation.
    desired : "increase" or "decrease" (or an array of them)
        The direction of improvement.
    target_year, target_value : array-like or scalar, optional
        A quantified target. Where given (not NaN) the actual growth is compared with the growth
        needed to reach it; elsewhere the growth in the desired direction is judged on its own.
    target_thresholds : (significant, moderate, insufficient)
        Lower bounds of the ratio actual / required growth for "significant_progress",
        "moderate_progress" and "insufficient_progress" (default 0.95, 0.60, 0.0); below the last
        is "movement_away".
    direction_thresholds : (significant, moderate, movement_away)
        Without a target, growth per year in the desired direction of at least the first is
        "significant_progress", above the second "moderate_progress", above the third
        "movement_away", otherwise "significant_movement_away" (default 1 %, 0, -1 %).

    Returns
    -------
    Progress
        ``.category``, ``.cagr_actual``, ``.cagr_required`` (NaN without a target),
        ``.ratio`` (actual / required), ``.reason``, ``.method``, ``.rule``, ``.parameters``;
        arrays with one entry per input (scalars give length-1 arrays).

    Notes
    -----
    Source: Eurostat, *Sustainable development in the European Union — monitoring report*,
    methodological annex (as summarised by IISD and restated by Open SDG's progress
    methodology, ``open-sdg/open-sdg:docs/progress-methodology.md``). ``CAGR = (y_t / y_0)^(1 /
    (t - t0)) - 1``; with a target, ``required = (x_T / y_0)^(1 / (T - t0)) - 1`` and the ratio
    is ``actual / required``. A target already reached at the latest observation counts as
    significant progress. Growth rates need positive values; a zero or negative value gives
    "not_assessed" with the reason.

    Examples
    --------
    From 50 in 2015 to 55 in 2020, aiming for 70 by 2030:

    >>> from onefuture import stats
    >>> p = stats.progress(2015, 50, 2020, 55, desired="increase", target_year=2030,
    ...                    target_value=70)
    >>> str(p.category[0]), round(float(p.ratio[0]), 4)
    ('moderate_progress', 0.8484)
    >>> str(stats.progress(2015, 100, 2020, 93, desired="decrease").category[0])
    'significant_progress'
    """
    _check_thresholds(target_thresholds, "target_thresholds")
    _check_thresholds(direction_thresholds, "direction_thresholds")
    named: dict[str, NDArray[Any]] = {
        "base_year": as_float(base_year, "base_year"),
        "base_value": as_float(base_value, "base_value"),
        "latest_year": as_float(latest_year, "latest_year"),
        "latest_value": as_float(latest_value, "latest_value"),
    }
    has_target_arg = target_year is not None or target_value is not None
    if has_target_arg:
        if target_year is None or target_value is None:
            raise StatsError("give both target_year and target_value (or neither)")
        named["target_year"] = as_float(target_year, "target_year")
        named["target_value"] = as_float(target_value, "target_value")
    arrays = broadcast(named)
    y0_year, y0, yt_year, yt = arrays[:4]
    n = len(y0)
    with np.errstate(invalid="ignore"):
        _check_after(yt_year, y0_year, "latest_year", "base_year")
    direction = _direction(desired, n)
    if has_target_arg:
        target_t, target_x = arrays[4], arrays[5]
        with np.errstate(invalid="ignore"):
            _check_after(target_t, y0_year, "target_year", "base_year")
    else:
        target_t = target_x = np.full(n, np.nan)
    with_target = np.isfinite(target_t) & np.isfinite(target_x)

    with np.errstate(divide="ignore", invalid="ignore"):
        actual = (yt / y0) ** (1 / (yt_year - y0_year)) - 1
        required = np.where(with_target, (target_x / y0) ** (1 / (target_t - y0_year)) - 1, np.nan)
        ratio = np.where(with_target & (required != 0), actual / required, np.nan)
    present = np.isfinite(y0) & np.isfinite(yt) & np.isfinite(y0_year) & np.isfinite(yt_year)
    positive = (y0 > 0) & (yt > 0) & (~with_target | (target_x > 0))
    assessable = present & positive
    # A target already met at the latest observation is significant progress; a target already
    # met at the baseline but no longer met is movement away.
    reached = with_target & (direction * (yt - target_x) >= 0)
    # A target no further than the baseline, not met now, can only have been moved away from.
    behind_base = with_target & (direction * (target_x - y0) <= 0) & ~reached
    st, mt, it = target_thresholds
    target_category = np.select(
        [reached, behind_base, ratio >= st, ratio >= mt, ratio >= it],
        [
            "significant_progress",
            "movement_away",
            "significant_progress",
            "moderate_progress",
            "insufficient_progress",
        ],
        default="movement_away",
    )
    growth = direction * actual
    sd, md, ad = direction_thresholds
    direction_category = np.select(
        [growth >= sd, growth > md, growth > ad],
        ["significant_progress", "moderate_progress", "movement_away"],
        default="significant_movement_away",
    )
    category = np.where(
        ~assessable, "not_assessed", np.where(with_target, target_category, direction_category)
    )
    reason = np.select(
        [~present, ~positive, with_target & reached, with_target],
        [
            "a year or value is missing",
            "growth rates need values above zero",
            "the target is reached",
            "ratio of actual to required annual growth",
        ],
        default="annual growth in the desired direction",
    )
    rule = (
        "Progress is judged from the compound annual growth rate (CAGR) between the baseline and "
        "the latest value, as Eurostat's SDG monitoring report does. With a target, the actual "
        "growth is divided by the growth needed to reach the target on time: at least "
        f"{st:.0%} is significant progress, {mt:.0%} to {st:.0%} moderate progress, {it:.0%} to "
        f"{mt:.0%} insufficient progress, and below {it:.0%} movement away (a target already "
        "reached is significant progress). Without a target, growth in the desired direction of "
        f"at least {sd:.0%} a year is significant progress, above {md:.0%} moderate progress, "
        f"above {ad:.0%} movement away, and otherwise significant movement away."
    )
    return Progress(
        category=category.astype(str),
        cagr_actual=np.where(assessable, actual, np.nan),
        cagr_required=np.where(assessable, required, np.nan),
        ratio=np.where(assessable, ratio, np.nan),
        reason=reason.astype(str),
        method="Eurostat compound annual growth rate (CAGR) assessment",
        rule=rule,
        parameters={
            "target_thresholds": tuple(target_thresholds),
            "direction_thresholds": tuple(direction_thresholds),
        },
    )


def on_trajectory(
    base_year: Any,
    base_value: Any,
    target_year: Any,
    target_value: Any,
    year: Any,
    value: Any,
    *,
    desired: Desired | Any,
    path: Literal["linear", "constant_growth"] = "linear",
) -> Trajectory:
    """Whether each value is on or ahead of the path from its baseline to its target.

    Parameters
    ----------
    base_year, base_value, target_year, target_value : array-like or scalar
        The baseline and the target that define the path.
    year, value : array-like or scalar
        The observation (or interim milestone date) to judge.
    desired : "increase" or "decrease" (or an array of them)
        The direction of improvement: "on or ahead" means at or above the path for an increase,
        at or below it for a decrease.
    path : {"linear", "constant_growth"}
        A straight line, or a constant percentage change each year (needs positive values).

    Returns
    -------
    Trajectory
        ``.on_track`` (bool), ``.status`` ("on_or_ahead", "behind", "not_assessed"),
        ``.expected`` (the path's value in that year), ``.difference`` (value − expected),
        ``.method``, ``.rule``, ``.parameters``.

    Notes
    -----
    Linear: ``expected = base + (target - base) (year - base_year) / (target_year - base_year)``.
    Constant growth: ``expected = base (target / base)^((year - base_year) / (target_year -
    base_year))``. The interim-milestone idea follows the Eurostat and Open SDG "on track"
    assessments; the comparison is exact (no tolerance).

    Examples
    --------
    A target of 70 % by 2040 from 60 % in 2020: in 2025 the straight path is at 62.5 %.

    >>> from onefuture import stats
    >>> t = stats.on_trajectory(2020, 60, 2040, 70, 2025, 63, desired="increase")
    >>> bool(t.on_track[0]), float(t.expected[0]), float(t.difference[0])
    (True, 62.5, 0.5)
    """
    if path not in ("linear", "constant_growth"):
        raise StatsError(f'path must be "linear" or "constant_growth", got {path!r}')
    arrays = broadcast(
        {
            "base_year": as_float(base_year, "base_year"),
            "base_value": as_float(base_value, "base_value"),
            "target_year": as_float(target_year, "target_year"),
            "target_value": as_float(target_value, "target_value"),
            "year": as_float(year, "year"),
            "value": as_float(value, "value"),
        }
    )
    y0_year, y0, t_year, t_value, year_a, val = arrays
    n = len(val)
    with np.errstate(invalid="ignore"):
        _check_after(t_year, y0_year, "target_year", "base_year")
    direction = _direction(desired, n)
    fraction = (year_a - y0_year) / (t_year - y0_year)
    with np.errstate(divide="ignore", invalid="ignore"):
        if path == "linear":
            expected = y0 + (t_value - y0) * fraction
            usable = np.ones(n, dtype=bool)
        else:
            usable = (y0 > 0) & (t_value > 0)
            expected = np.where(usable, y0 * (t_value / y0) ** fraction, np.nan)
    difference = val - expected
    assessed = usable & np.isfinite(difference)
    on_track = assessed & (direction * difference >= 0)
    status = np.where(~assessed, "not_assessed", np.where(on_track, "on_or_ahead", "behind"))
    shape = "a straight line" if path == "linear" else "a constant percentage change each year"
    rule = (
        f"The path from the baseline to the target is {shape}. A value is on track when it is "
        "at or better than (above for an increase, below for a decrease) the path's value for "
        "its year."
    )
    return Trajectory(
        on_track=on_track,
        status=status.astype(str),
        expected=expected.astype(np.float64),
        difference=np.where(assessed, difference, np.nan),
        method=f"Trajectory to target ({path.replace('_', ' ')} path)",
        rule=rule,
        parameters={"path": path},
    )
