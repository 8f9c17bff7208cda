"""Intervals against the peer's expected values (PHEindicatormethods v2.1.0 test workbooks).

Vector files in ``tests/data/indicator-vectors/``: ``proportion_wilson.csv``,
``rate_byars_exact.csv``, ``byars_wilson_limits.csv``, ``mean_inputs.csv`` and
``mean_expected.csv``. Tolerance 1e-9 relative, as the vectors' README gives.
"""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats
from onefuture.stats import intervals
from tests.stats.vectors import num, rows

RTOL = 1e-9


def assert_close(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=0, equal_nan=True)


LEVELS = [(0.95, "lower95", "upper95"), (0.998, "lower99_8", "upper99_8")]


@pytest.mark.parametrize(("confidence", "lo", "hi"), LEVELS)
def test_proportion_matches_peer_ungrouped(confidence, lo, hi):
    """proportion_wilson.csv, case ungrouped (×1 and ×100, NA rows)."""
    data = [r for r in rows("proportion_wilson.csv") if r["case"] == "ungrouped"]
    for multiplier in (1, 100):
        sub = [r for r in data if num(r["multiplier"]) == multiplier]
        est = stats.proportion(
            [num(r["numerator"]) for r in sub],
            [num(r["denominator"]) for r in sub],
            confidence=confidence,
            multiplier=multiplier,
        )
        assert_close(est.value, [num(r["value"]) for r in sub])
        assert_close(est.lower, [num(r[lo]) for r in sub])
        assert_close(est.upper, [num(r[hi]) for r in sub])
        assert est.method == "Wilson"
        assert est.confidence == confidence


def test_proportion_grouped_sums_rows_first():
    """proportion_wilson.csv, case grouped_sum_of_2_rows: each group is two identical rows."""
    data = [r for r in rows("proportion_wilson.csv") if r["case"] == "grouped_sum_of_2_rows"]
    valued = [r for r in data if r["value"]]
    halves = [(num(r["numerator"]) / 2, num(r["denominator"]) / 2) for r in valued]
    areas = [r["area"] for r in valued]
    est = stats.proportion(
        [x for x, _ in halves] * 2,
        [n for _, n in halves] * 2,
        groups=areas * 2,
        multiplier=1,
    )
    order = np.argsort(areas)
    assert list(est.groups) == sorted(areas)
    assert_close(est.value, np.array([num(r["value"]) for r in valued])[order])
    assert_close(est.lower, np.array([num(r["lower95"]) for r in valued])[order])
    assert_close(est.upper, np.array([num(r["upper95"]) for r in valued])[order])


def test_proportion_group_with_a_missing_value_is_nan():
    est = stats.proportion([1, np.nan, 5], [10, 10, 10], groups=["a", "a", "b"])
    assert np.isnan(est.value[0]) and np.isnan(est.lower[0])
    assert est.value[1] == 50


@pytest.mark.parametrize(("confidence", "lo", "hi"), LEVELS)
def test_rate_matches_peer_exact_and_byars(confidence, lo, hi):
    """rate_byars_exact.csv, ungrouped and single_row (per 100 and per 100,000; Area12 250/220)."""
    data = [r for r in rows("rate_byars_exact.csv") if r["case"] != "grouped_sum_of_2_rows"]
    for multiplier in (100, 100_000):
        sub = [r for r in data if num(r["multiplier"]) == multiplier]
        if confidence == 0.998:
            sub = [r for r in sub if r["case"] == "ungrouped"]
        est = stats.rate(
            [num(r["numerator"]) for r in sub],
            [num(r["denominator"]) for r in sub],
            confidence=confidence,
            multiplier=multiplier,
        )
        assert_close(est.value, [num(r["value"]) for r in sub])
        assert_close(est.lower, [num(r[lo]) for r in sub])
        assert_close(est.upper, [num(r[hi]) for r in sub])
        expected_methods = {"Exact": "exact Poisson", "Byars": "Byar's", "": ""}
        for r, method in zip(sub, est.row_method, strict=True):
            if r["numerator"]:
                assert method == expected_methods[r["method"]], r["area"]


def test_rate_grouped_matches_peer():
    """rate_byars_exact.csv, case grouped_sum_of_2_rows (95 % only in the peer's sheet)."""
    data = [r for r in rows("rate_byars_exact.csv") if r["case"] == "grouped_sum_of_2_rows"]
    valued = [r for r in data if r["value"]]
    areas = [r["area"] for r in valued]
    est = stats.rate(
        [num(r["numerator"]) / 2 for r in valued] * 2,
        [num(r["denominator"]) / 2 for r in valued] * 2,
        groups=areas * 2,
    )
    order = np.argsort(areas)
    assert_close(est.value, np.array([num(r["value"]) for r in valued])[order])
    assert_close(est.lower, np.array([num(r["lower95"]) for r in valued])[order])
    assert_close(est.upper, np.array([num(r["upper95"]) for r in valued])[order])


def test_raw_limits_match_peer():
    """byars_wilson_limits.csv: raw Byar's count limits and Wilson proportion limits."""
    for r in rows("byars_wilson_limits.csv"):
        confidence = num(r["confidence_pct"]) / 100
        if r["method"] == "Byars":
            lower, upper = intervals.byars_limits([num(r["x"])], confidence=confidence)
        else:
            lower, upper = intervals.wilson_limits(
                [num(r["x"])], [num(r["n"])], confidence=confidence
            )
        assert_close(lower, [num(r["lowercl"])])
        assert_close(upper, [num(r["uppercl"])])


@pytest.mark.parametrize(("confidence", "lo", "hi"), LEVELS)
def test_mean_matches_peer(confidence, lo, hi):
    """mean_inputs.csv / mean_expected.csv: per area and 'No grouping' (all 26 values)."""
    inputs = rows("mean_inputs.csv")
    expected = {r["group"]: r for r in rows("mean_expected.csv")}
    values = [num(r["value"]) for r in inputs]
    est = stats.mean(values, groups=[r["area"] for r in inputs], confidence=confidence)
    assert list(est.groups) == ["Area1", "Area2"]
    whole = stats.mean(values, confidence=confidence)
    assert whole.groups is None
    for i, key in enumerate(["Area1", "Area2"]):
        e = expected[key]
        assert_close(est.value[i], num(e["value"]))
        assert_close(est.lower[i], num(e[lo]))
        assert_close(est.upper[i], num(e[hi]))
        assert_close(est.parameters["standard_deviation"][i], num(e["stdev"]))
    e = expected["No grouping"]
    assert_close(whole.value, [num(e["value"])])
    assert_close(whole.lower, [num(e[lo])])
    assert_close(whole.upper, [num(e[hi])])


def test_undefined_rows_are_nan_not_errors():
    est = stats.proportion([0, 3], [0, 10])
    assert np.isnan(est.value[0]) and np.isnan(est.lower[0]) and np.isnan(est.upper[0])
    est = stats.rate([0, 3], [0, 10])
    assert np.isnan(est.value[0]) and np.isnan(est.upper[0])
    assert est.value[1] == 30_000


def test_rate_count_may_exceed_denominator():
    """rate_byars_exact.csv Area12: 250 events in 220 person-years."""
    assert stats.rate([250], [220]).value[0] == pytest.approx(113636.36363636365)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stats.proportion([1, -2], [5, 5]), r"numerator\[1\] is -2"),
        (lambda: stats.proportion([1, 6, 7], [5, 5, 5]), r"numerator\[1\] is 6, above denominator"),
        (lambda: stats.proportion([1], [-5]), r"denominator\[0\] is -5"),
        (lambda: stats.rate([3, 4, -1], [5, 5, 5]), r"count\[2\] is -1"),
        (lambda: stats.proportion([1], [5], confidence=95), "confidence must be a fraction"),
        (lambda: stats.rate([1], [5], confidence=1.0), "confidence must be a fraction"),
        (lambda: stats.mean([1, 2], confidence=0), "confidence must be a fraction"),
        (lambda: stats.proportion([1, 2], [5]), "denominator has 1 values but numerator has 2"),
        (lambda: stats.proportion([1, 2], [5, 5], groups=["a"]), "groups has 1 values"),
    ],
)
def test_nonsense_raises_naming_the_position(call, message):
    with pytest.raises(stats.StatsError, match=message):
        call()


def test_any_confidence_level():
    """A 90 % interval sits inside the 95 % one, which sits inside the 99 % one."""
    widths = [
        np.ptp(
            [
                stats.rate([40], [1000], confidence=c).lower,
                stats.rate([40], [1000], confidence=c).upper,
            ]
        )
        for c in (0.9, 0.95, 0.99)
    ]
    assert widths[0] < widths[1] < widths[2]


def test_exact_limits_do_not_depend_on_the_lookup_shortcut():
    """Many whole counts take a lookup table; the same counts one by one must agree."""
    counts = np.arange(10).repeat(10).astype(float)
    lower, upper = intervals.exact_poisson_limits(counts)
    for c in range(10):
        lo1, up1 = intervals.exact_poisson_limits([float(c)])
        assert lower[c * 10] == lo1[0] and upper[c * 10] == up1[0]


def test_result_names_its_method_and_rule():
    est = stats.rate([5], [100])
    assert "Byar" in est.rule and "exact Poisson" in est.rule
    assert est.statistic == "rate per 100000"
    assert est.as_records()[0]["method"] == "exact Poisson"


def test_multiplier_may_be_a_decimal_but_must_be_positive():
    from decimal import Decimal

    assert stats.proportion([1], [4], multiplier=Decimal("100")).value[0] == 25
    with pytest.raises(stats.StatsError, match="multiplier must be a positive number"):
        stats.rate([1], [4], multiplier=0)
    with pytest.raises(stats.StatsError, match="multiplier must be a number"):
        stats.dsr([1], [4], [1], multiplier="lots")
