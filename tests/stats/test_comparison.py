"""Comparison with a benchmark, SPC limits and quintiles, as Fingertips does them.

Vectors: ``tests/data/indicator-vectors/fingertips_benchmark_comparison.csv`` (Fingertips
``SpcForProportionsComparerTest.cs`` / ``SpcForDsrComparerTest.cs``) and
``fingertips_quintile_bounds.csv`` (``QuintilesCalculatorTest.cs``). Categories must match exactly.
"""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats
from onefuture.stats.comparison import _poisson_limits
from tests.stats.vectors import num, rows

FINGERTIPS_WORDS = {"Better": "better", "Same": "similar", "Worse": "worse"}


def test_compare_spc_matches_fingertips():
    """fingertips_benchmark_comparison.csv: all 16 cases (RAG low is good)."""
    data = rows("fingertips_benchmark_comparison.csv")
    assert len(data) == 16
    for r in data:
        kind = "proportion" if r["comparator_method"].startswith("SpcForProportions") else "dsr"
        confidence = 0.95 if r["confidence_variable"] in {"z=1.96", "p=0.025"} else 0.998
        denominator = r["denominator"] if kind == "proportion" else r["denominator2_population"]
        got = stats.compare_spc(
            [num(r["value"])],
            [num(denominator)],
            num(r["benchmark_value"]),
            kind=kind,
            polarity="low_is_good",
            confidence=confidence,
            multiplier=num(r["unit"]),
        )
        assert got[0] == FINGERTIPS_WORDS[r["expected_significance"]], r


def test_compare_spc_vectorised_two_levels_match_one_level_calls():
    """fingertips_benchmark_comparison.csv, the 95 % and 99.8 % rows of each case at once."""
    data = rows("fingertips_benchmark_comparison.csv")
    dsr = [r for r in data if r["comparator_method"].startswith("SpcForDsr")]
    cases = dsr[::2]
    both = stats.compare_spc(
        [num(r["value"]) for r in cases],
        [num(r["denominator2_population"]) for r in cases],
        num(cases[0]["benchmark_value"]),
        kind="dsr",
        polarity="low_is_good",
        confidence=(0.95, 0.998),
        multiplier=100_000,
    )
    # Better at 95 % only, similar, worse at 95 % only (from the file's pairs of rows).
    assert both.tolist() == ["better", "similar", "worse"]


def test_spc_limits_agree_with_the_recomputed_limits_in_the_methods_notes():
    """indicator-methods.md §2.1 first SPC-DSR row: 95 % [1.2420, 3.6072], 99.8 % [0.8430,
    4.6158] per 100,000 (Fingertips' bisection stops at 1e-7, so compare at 1e-3)."""
    population, benchmark = 616282.0, 2.132708657734625
    expected_events = np.array([benchmark * population / 100_000])
    for tail, low, high in ((0.025, 1.2420, 3.6072), (0.001, 0.8430, 4.6158)):
        lo, hi = _poisson_limits(expected_events, tail)
        assert lo[0] / population * 100_000 == pytest.approx(low, rel=1e-3)
        assert hi[0] / population * 100_000 == pytest.approx(high, rel=1e-3)


def test_compare_one_level_rules_and_polarity():
    value = [70.0, 75.0, 82.0, np.nan, 75.0, 75.0]
    lower = [68.0, 73.0, 81.0, 1.0, 73.0, 73.0]
    upper = [72.0, 77.0, 83.0, 2.0, 77.0, 77.0]
    bench = [76.0, 76.0, 76.0, 76.0, 73.0, 77.0]  # benchmark on a limit is similar (inclusive)
    assert stats.compare(value, lower, upper, bench, polarity="high_is_good").tolist() == [
        "worse",
        "similar",
        "better",
        "not_compared",
        "similar",
        "similar",
    ]
    assert stats.compare(value, lower, upper, bench, polarity="low_is_good").tolist()[:3] == [
        "better",
        "similar",
        "worse",
    ]
    assert stats.compare(value, lower, upper, bench, polarity="no_judgement").tolist()[:3] == [
        "lower",
        "similar",
        "higher",
    ]


def test_compare_two_levels():
    # Benchmark 80 against intervals around 70, 75, 79, 81, 85 and 90.
    value = np.array([70.0, 75.0, 79.0, 81.0, 85.0, 90.0])
    got = stats.compare(
        value,
        value - 2,
        value + 2,
        80.0,
        polarity="high_is_good",
        lower_998=value - 6,
        upper_998=value + 6,
    )
    assert got.tolist() == ["worse_99_8", "worse", "similar", "similar", "better", "better_99_8"]
    # A row without 99.8 % limits falls back to the one-level answer.
    one = stats.compare(
        [70.0], [68.0], [72.0], 80.0, polarity="no_judgement", lower_998=[66], upper_998=[np.nan]
    )
    assert one.tolist() == ["lower"]


def test_compare_results_do_not_depend_on_row_order():
    rng = np.random.default_rng(4)
    value = rng.normal(50, 5, 200)
    half = rng.uniform(0.5, 4, 200)
    order = rng.permutation(200)
    a = stats.compare(value, value - half, value + half, 50.0, polarity="high_is_good")
    b = stats.compare(
        value[order], (value - half)[order], (value + half)[order], 50.0, polarity="high_is_good"
    )
    assert a[order].tolist() == b.tolist()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: stats.compare([1, 2], [0, 3], [2, 2.5], 1, polarity="high_is_good"),
            r"lower\[1\] is 3, above upper\[1\] = 2.5",
        ),
        (lambda: stats.compare([1], [0], [2], 1, polarity="good"), "polarity must be one of"),
        (
            lambda: stats.compare([1], [0], [2], 1, polarity="no_judgement", lower_998=[0]),
            "give both lower_998 and upper_998",
        ),
        (
            lambda: stats.compare([1, 2], [0, 1], [2, 3, 4], 1, polarity="no_judgement"),
            "upper has 3 values but value has 2",
        ),
        (
            lambda: stats.compare_spc(
                [5], [-3], 5, kind="proportion", polarity="low_is_good", multiplier=100
            ),
            r"denominator\[0\] is -3",
        ),
        (
            lambda: stats.compare_spc(
                [5], [30], 120, kind="proportion", polarity="low_is_good", multiplier=100
            ),
            r"benchmark\[0\] is 120",
        ),
        (
            lambda: stats.compare_spc(
                [5], [30], 10, kind="ratio", polarity="low_is_good", multiplier=100
            ),
            "kind must be",
        ),
        (
            lambda: stats.compare_spc(
                [5], [30], 10, kind="dsr", polarity="low_is_good", multiplier=1, confidence=1.5
            ),
            "confidence must be a fraction",
        ),
    ],
)
def test_nonsense_inputs_raise(call, message):
    with pytest.raises(stats.StatsError, match=message):
        call()


def test_compare_spc_zero_denominator_is_not_compared():
    got = stats.compare_spc(
        [5.0, 5.0], [0, 100], 5.0, kind="proportion", polarity="high_is_good", multiplier=100
    )
    assert got.tolist() == ["not_compared", "similar"]


def test_quintile_bounds_match_fingertips():
    """fingertips_quintile_bounds.csv: values 1..50 give bounds 1, 10.8, 20.6, 30.4, 40.2, 50."""
    expected = [num(r["expected_bound"]) for r in rows("fingertips_quintile_bounds.csv")]
    q = stats.quintiles(np.arange(1, 51, dtype=float))
    np.testing.assert_allclose(q.bounds[0], expected, rtol=0, atol=1e-12)
    # A value on a bound belongs to the lower quintile.
    assert q.category[9] == 1 and q.category[10] == 2 and q.category[49] == 5


def test_quintiles_grouped_polarity_and_too_few_values():
    values = np.concatenate([np.arange(1, 51, dtype=float), [3.0, 1.0, 2.0, np.nan]])
    groups = ["a"] * 50 + ["b"] * 4
    q = stats.quintiles(values, groups=groups, polarity="high_is_good")
    assert q.groups.tolist() == ["a", "b"]
    np.testing.assert_allclose(q.bounds[0], [1, 10.8, 20.6, 30.4, 40.2, 50])
    assert np.isnan(q.bounds[1]).all()
    # High is good: the highest fifth is category 1 (best), but its label says where it sits.
    assert q.category[49] == 1 and q.label[49] == "Highest quintile"
    assert q.category[0] == 5 and q.label[0] == "Lowest quintile"
    assert q.category[50:].tolist() == [0, 0, 0, 0]
    assert q.label[53] == "not_compared"


def test_labels_carry_their_method_and_rule():
    one = stats.compare([70.0], [68.0], [72.0], 80.0, polarity="high_is_good")
    assert isinstance(one, np.ndarray) and one.tolist() == ["worse"]
    assert "Overlapping" in one.method and "inside the area's confidence interval" in one.rule
    assert "higher value is better" in one.rule and one.parameters["polarity"] == "high_is_good"
    spc = stats.compare_spc(
        [7.7], [5930], 8.96, kind="dsr", polarity="no_judgement", multiplier=100_000
    )
    assert spc.method == "SPC limits for DSRs (Fingertips)"
    assert "exact Poisson" in spc.rule and "95%" in spc.rule
    assert spc.parameters["multiplier"] == 100_000
    with pytest.raises(ValueError, match="read-only"):
        one[0] = "better"
