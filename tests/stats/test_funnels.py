"""Funnel-plot limits and significance against PHEindicatormethods v2.1.0 (``testFunnels.R``).

Vector files: ``tests/data/indicator-vectors/funnel_proportion_limits.csv``,
``funnel_proportion_significance.csv`` and ``funnel_ratio_significance.csv``; and the peer's
ratio and rate funnels copied into ``tests/data/peer-funnels/`` (see its README).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from onefuture import stats
from tests.stats.vectors import num, rows

PEER_FUNNELS = Path(__file__).resolve().parent.parent / "data" / "peer-funnels"

LABELS = {
    "High (0.001)": "high_99_8",
    "High (0.025)": "high_95",
    "Low (0.001)": "low_99_8",
    "Low (0.025)": "low_95",
    "Not significant": "not_significant",
    "Not applicable for events less than 10 for dsrs": "not_applicable",
}


def peer(name):
    with (PEER_FUNNELS / name).open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader)]
        return [dict(zip(header, row, strict=True)) for row in reader]


def column(data, key):
    return np.array([num(r[key]) for r in data])


def assert_same_poisson_mean(ours, theirs, events, to_mean):
    """Compare funnel limits as the Poisson means behind them, on the peer's bisection scale.

    The peer (``poisson_funnel``) bisects on v = μ/(1 + events + μ) until its step is below
    1e-7; we invert the gamma function exactly. So the means must agree to about 1e-7 in v,
    which for the smallest means (v ~ 5e-4) is only 2e-4 relative.
    """
    mu_ours, mu_theirs = to_mean(ours), to_mean(theirs)
    v_ours = mu_ours / (1 + events + mu_ours)
    v_theirs = mu_theirs / (1 + events + mu_theirs)
    np.testing.assert_allclose(v_ours, v_theirs, rtol=0, atol=2e-7)
    np.testing.assert_allclose(ours, theirs, rtol=1e-5 if (v_theirs > 0.02).all() else 3e-4)


def proportion_inputs():
    data = rows("funnel_proportion_significance.csv")
    return column(data, "numerator"), column(data, "denominator"), data


def test_proportion_limits_match_peer():
    """funnel_proportion_limits.csv: 100 points, baseline 80.642448 %, printed to 6 dp."""
    x, n, _ = proportion_inputs()
    expected = rows("funnel_proportion_limits.csv")
    f = stats.funnel_limits(x, n, statistic="proportion", multiplier=100)
    np.testing.assert_array_equal(f.x, column(expected, "Population"))
    for ours, theirs in [
        (f.lower_95, "Lower2s0025limit"),
        (f.upper_95, "Upper2s0025limit"),
        (f.lower_99_8, "Lower3s0001limit"),
        (f.upper_99_8, "Upper3s0001limit"),
    ]:
        np.testing.assert_allclose(ours, column(expected, theirs), rtol=0, atol=5e-7)
    assert f.baseline == pytest.approx(80.642448, abs=5e-7)
    assert f.method == "Wilson"


def test_proportion_limits_with_axis_not_from_zero_match_peer():
    """peer-funnels/testdata_funnel_prop_outputs_with_axis_variation.csv: denominators < 31,000."""
    x, n, _ = proportion_inputs()
    keep = n < 31000
    expected = peer("testdata_funnel_prop_outputs_with_axis_variation.csv")
    f = stats.funnel_limits(x[keep], n[keep], statistic="proportion", multiplier=100)
    np.testing.assert_array_equal(f.x, column(expected, "Population"))
    np.testing.assert_allclose(f.lower_95, column(expected, "Lower2s0025limit"), rtol=1e-8)
    np.testing.assert_allclose(f.upper_99_8, column(expected, "Upper3s0001limit"), rtol=1e-8)


def test_proportion_significance_matches_peer():
    """funnel_proportion_significance.csv: 303 areas."""
    x, n, data = proportion_inputs()
    result = stats.funnel_significance(x, n, statistic="proportion")
    expected = [LABELS[r["significance"]] for r in data]
    assert list(result.label) == expected


def test_ratio_significance_matches_peer():
    """funnel_ratio_significance.csv: 300 observed/expected pairs."""
    data = rows("funnel_ratio_significance.csv")
    result = stats.funnel_significance(
        column(data, "obs"), column(data, "expected"), statistic="ratio"
    )
    assert list(result.label) == [LABELS[r["significance"]] for r in data]


@pytest.mark.parametrize("ratio_type", ["count", "isr"])
def test_ratio_limits_match_peer(ratio_type):
    """peer-funnels/testdata_funnel_ratio_outputs.csv for the ratio inputs."""
    data = rows("funnel_ratio_significance.csv")
    expected = peer("testdata_funnel_ratio_outputs.csv")
    f = stats.funnel_limits(
        column(data, "obs"), column(data, "expected"), statistic="ratio", ratio_type=ratio_type
    )
    np.testing.assert_array_equal(f.x, column(expected, "Observed_events"))
    for ours, side in [
        (f.lower_95, "lower_2s"),
        (f.upper_95, "upper_2s"),
        (f.lower_99_8, "lower_3s"),
        (f.upper_99_8, "upper_3s"),
    ]:
        theirs = column(expected, f"{side}_{ratio_type}")
        ratio = (lambda r: r + 1) if ratio_type == "count" else (lambda r: r / 100)
        assert_same_poisson_mean(ours, theirs, f.x, lambda r, ratio=ratio: f.x / ratio(r))


@pytest.mark.parametrize(
    ("rate_type", "file", "change_largest_to"),
    [
        ("dsr", "testdata_funnel_rate_outputs.csv", None),
        ("crude", "testdata_funnel_rate_outputs_2.csv", 5),
    ],
)
def test_rate_limits_match_peer(rate_type, file, change_largest_to):
    """peer-funnels/testdata_funnel_rate_outputs{,_2}.csv: 3 years of data, per 100,000."""
    inputs = peer("testdata_funnel_rate_input_funnels.csv")
    events = column(inputs, "ev")
    if change_largest_to is not None:
        events[events == events.max()] = change_largest_to
    expected = peer(file)
    f = stats.funnel_limits(
        events,
        statistic="rate",
        rate=column(inputs, "rate"),
        rate_type=rate_type,
        multiplier=100_000,
        years_of_data=3,
    )
    np.testing.assert_array_equal(f.x, column(expected, "Events"))
    assert f.baseline == pytest.approx(num(expected[0]["baseline"]), rel=1e-9)
    for ours, side in [
        (f.lower_95, "lower_2s"),
        (f.upper_95, "upper_2s"),
        (f.lower_99_8, "lower_3s"),
        (f.upper_99_8, "upper_3s"),
    ]:
        assert_same_poisson_mean(
            ours, column(expected, f"{side}_limit"), f.x, lambda r: f.x * f.baseline / r
        )
    np.testing.assert_allclose(
        f.parameters["population_per_year_lower_95"],
        column(expected, "lower_2s_population_1_year"),
        rtol=1e-5,
    )
    assert f.statistic == f"rate ({rate_type} per 100,000)"


@pytest.mark.parametrize(
    ("rate_type", "rate_column", "multiplier", "expected_column"),
    [
        ("dsr", "rate_dsr", 100_000, "dsr_per_100000_with_0"),
        ("dsr", "rate_dsr", 100, "dsr_per_100_with_0"),
        ("crude", "rate_crude_per_100000", 100_000, "crude_per_100000_with_0"),
        ("crude", "rate_crude_per_100", 100, "crude_per_100_with_0"),
    ],
)
def test_rate_significance_matches_peer(rate_type, rate_column, multiplier, expected_column):
    """peer-funnels/testdata_funnel_rate_dsr_inputs.csv, with and without the areas of 0 events."""
    data = peer("testdata_funnel_rate_dsr_inputs.csv")
    for subset in (data, [r for r in data if num(r["count"]) != 0]):
        without = expected_column.replace("with_0", "without_0")
        result = stats.funnel_significance(
            column(subset, "count"),
            column(subset, "pop"),
            statistic="rate",
            rate=column(subset, rate_column),
            rate_type=rate_type,
            multiplier=multiplier,
        )
        key = expected_column if subset is data else without
        assert list(result.label) == [LABELS[r[key]] for r in subset]


def test_nonsense_raises():
    with pytest.raises(stats.StatsError, match=r"numerator\[1\] is missing"):
        stats.funnel_limits([1, np.nan], [5, 5])
    with pytest.raises(stats.StatsError, match=r"numerator\[0\] is 6, above denominator"):
        stats.funnel_significance([6], [5])
    with pytest.raises(stats.StatsError, match="rates need rate"):
        stats.funnel_significance([6], [5], statistic="rate")
    with pytest.raises(stats.StatsError, match=r"numerator\[1\] is 0: an area with no events"):
        stats.funnel_significance(
            [5, 0], statistic="rate", rate=[10, 0], rate_type="crude", multiplier=100
        )
    with pytest.raises(stats.StatsError, match="statistic must be"):
        stats.funnel_limits([1], [5], statistic="mean")


def test_an_average_of_all_or_none_gives_a_flat_funnel_not_noise():
    """Found by hypothesis: at P̄ = 1 the peer's formula cancels to rounding noise or NaN."""
    for x, n, line in (([5, 9], [5, 9], 100.0), ([0, 0], [5, 9], 0.0)):
        f = stats.funnel_limits(x, n)
        for limit in (f.lower_95, f.upper_95, f.lower_99_8, f.upper_99_8):
            assert np.all(limit == line)
        assert set(stats.funnel_significance(x, n).label) == {"not_significant"}
