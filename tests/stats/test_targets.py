"""Progress to target (Eurostat CAGR) and the trajectory check.

No peer publishes test vectors for these; the expected values are the worked cases of
``/work/shared/docs/indicator-methods.md`` §3.1 (cases A-D and the no-target examples), derived from
the Eurostat / Open SDG formulas and recomputed here by hand where noted.
"""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats


def test_eurostat_cases_with_a_target():
    """indicator-methods.md §3.1 cases A-D (2015 -> 2020, target 2030)."""
    p = stats.progress(
        2015,
        [50, 20, 20, 50],
        2020,
        [55, 18, 21, 51],
        desired=["increase", "decrease", "decrease", "increase"],
        target_year=2030,
        target_value=[70, 10, 10, 70],
    )
    np.testing.assert_allclose(p.cagr_actual, [0.019245, -0.020852, 0.009806, 0.003968], atol=5e-7)
    np.testing.assert_allclose(
        p.cagr_required, [0.022685, -0.045158, -0.045158, 0.022685], atol=5e-7
    )
    np.testing.assert_allclose(p.ratio, [0.8484, 0.4617, -0.2171, 0.1749], atol=5e-5)
    assert p.category.tolist() == [
        "moderate_progress",
        "insufficient_progress",
        "movement_away",
        "insufficient_progress",
    ]


def test_eurostat_cases_without_a_target():
    """indicator-methods.md §3.1 no-target examples (5 years, base 100)."""
    p = stats.progress(
        2015,
        100,
        2020,
        [106, 103, 98, 93, 93],
        desired=["increase", "increase", "increase", "increase", "decrease"],
    )
    np.testing.assert_allclose(
        p.cagr_actual, [0.011722, 0.005929, -0.004032, -0.014409, -0.014409], atol=5e-7
    )
    assert p.category.tolist() == [
        "significant_progress",
        "moderate_progress",
        "movement_away",
        "significant_movement_away",
        "significant_progress",
    ]
    assert np.isnan(p.cagr_required).all()


def test_thresholds_are_parameters_and_boundaries_inclusive():
    # Ratio exactly 0.95 is significant progress (>=); exactly 0.6 is moderate.
    base, years = 100.0, 10
    required = (200 / base) ** (1 / years) - 1
    latest = [base * (1 + f * required) ** 5 for f in (0.95, 0.6)]
    p = stats.progress(
        2020, base, 2025, latest, desired="increase", target_year=2030, target_value=200
    )
    np.testing.assert_allclose(p.ratio, [0.95, 0.6], rtol=1e-12)
    assert p.category.tolist() == ["significant_progress", "moderate_progress"]
    stricter = stats.progress(
        2020,
        base,
        2025,
        latest,
        desired="increase",
        target_year=2030,
        target_value=200,
        target_thresholds=(0.99, 0.7, 0.0),
    )
    assert stricter.category.tolist() == ["moderate_progress", "insufficient_progress"]
    assert "99%" in stricter.rule and stricter.parameters["target_thresholds"] == (0.99, 0.7, 0.0)


def test_target_already_reached_and_target_behind_baseline():
    p = stats.progress(
        2015,
        [50, 50, 50],
        2020,
        [72, 45, 40],
        desired="increase",
        target_year=2030,
        target_value=[70, 45, 45],
    )
    # Reached; reached exactly at the latest value; target below baseline, now missed.
    assert p.category.tolist() == ["significant_progress", "significant_progress", "movement_away"]
    assert p.reason[0] == "the target is reached"


def test_progress_not_assessed_for_non_positive_or_missing_values():
    p = stats.progress(2015, [0, 10, np.nan], 2020, [5, -1, 3], desired="increase")
    assert p.category.tolist() == ["not_assessed"] * 3
    assert np.isnan(p.cagr_actual).all()
    assert "above zero" in p.reason[0] and "missing" in p.reason[2]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stats.progress(2020, 1, 2020, 2, desired="increase"), r"latest_year\[0\] is 2020"),
        (lambda: stats.progress(2015, 1, 2020, 2, desired="up"), r"desired\[0\] is .up."),
        (
            lambda: stats.progress(2015, 1, 2020, 2, desired="increase", target_year=2030),
            "give both target_year and target_value",
        ),
        (
            lambda: stats.progress(
                2015, 1, 2020, 2, desired="increase", target_year=2010, target_value=3
            ),
            r"target_year\[0\] is 2010",
        ),
        (
            lambda: stats.progress(
                2015, 1, 2020, 2, desired="increase", target_thresholds=(0.5, 0.9, 0.0)
            ),
            "highest to lowest",
        ),
        (
            lambda: stats.progress(2015, [1, 2], 2020, [1, 2, 3], desired="increase"),
            "latest_value has 3 values but base_value has 2",
        ),
    ],
)
def test_progress_nonsense_raises(call, message):
    with pytest.raises(stats.StatsError, match=message):
        call()


def test_on_trajectory_linear_and_constant_growth():
    t = stats.on_trajectory(
        2020, 60, 2040, 70, [2025, 2025, 2030], [63, 62, 65], desired="increase"
    )
    np.testing.assert_allclose(t.expected, [62.5, 62.5, 65.0])
    assert t.status.tolist() == ["on_or_ahead", "behind", "on_or_ahead"]
    assert t.on_track.tolist() == [True, False, True]
    np.testing.assert_allclose(t.difference, [0.5, -0.5, 0.0])
    # Constant growth from 100 to 400 over 20 years doubles every 10 years.
    g = stats.on_trajectory(
        2020, 100, 2040, 400, 2030, [199, 201], desired="increase", path="constant_growth"
    )
    np.testing.assert_allclose(g.expected, [200.0, 200.0])
    assert g.on_track.tolist() == [False, True]
    assert "constant percentage" in g.rule


def test_on_trajectory_decrease_and_not_assessed():
    t = stats.on_trajectory(
        2020,
        [30, 30, 30, 0],
        2030,
        [10, 10, 10, 5],
        2025,
        [17, 18, np.nan, 1],
        desired="decrease",
        path="constant_growth",
    )
    assert t.status.tolist() == ["on_or_ahead", "behind", "not_assessed", "not_assessed"]
    assert t.expected[0] == pytest.approx(30 * (1 / 3) ** 0.5)


def test_on_trajectory_nonsense_raises():
    with pytest.raises(stats.StatsError, match=r"target_year\[0\] is 2019"):
        stats.on_trajectory(2020, 1, 2019, 2, 2021, 1, desired="increase")
    with pytest.raises(stats.StatsError, match="path must be"):
        stats.on_trajectory(2020, 1, 2030, 2, 2021, 1, desired="increase", path="curved")
