"""Recent trend markers, as Fingertips computes them.

Vectors: ``tests/data/indicator-vectors/fingertips_trend_markers.csv`` (Fingertips
``AnalysisTest/TrendMarkerCalculatorTest.cs``): significance and chi-squared (rounded to 2 dp as the
peer asserts) must match exactly; the slopes are the methods notes' derived values.
"""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats
from tests.stats.vectors import num, rows

DATA = rows("fingertips_trend_markers.csv")


def case(name):
    data = [r for r in DATA if r["case"] == name]
    text = {"source", "case", "method", "expected"}
    return {c: [num(r[c]) for r in data] for c in data[0] if c not in text}


def test_set1_weighted_is_significant_increase():
    """fingertips_trend_markers.csv set1_weighted: chi2 rounds to 46.77, slope +1.7516."""
    c = case("set1_weighted")
    res = stats.trend(c["year"], c["value"], c["lower95"], c["upper95"])
    assert res.marker.tolist() == ["increasing"]
    assert round(float(res.chi2[0]), 2) == 46.77
    assert float(res.slope[0]) == pytest.approx(1.7516, abs=5e-5)
    assert res.label[0] == "Increasing"
    assert res.reason[0] == "significant trend, no outlier"


def test_set1_as_proportion_uses_chi_squared_for_trend():
    """fingertips_trend_markers.csv set1_proportion: chi2 rounds to 47.9, logit slope +0.06525."""
    c = case("set1_proportion")
    res = stats.trend(c["year"], numerator=c["count"], denominator=c["denominator"])
    assert res.marker.tolist() == ["increasing"]
    assert round(float(res.chi2[0]), 2) == 47.9
    assert float(res.slope[0]) == pytest.approx(0.06525, abs=5e-6)
    assert "Chi-squared" in res.method


def test_set2_weighted_is_not_significant():
    """fingertips_trend_markers.csv set2_weighted: not significant, chi2 0.4642."""
    c = case("set2_weighted")
    res = stats.trend(c["year"], c["value"], c["lower95"], c["upper95"], polarity="high_is_good")
    assert res.marker.tolist() == ["no_significant_change"]
    assert float(res.chi2[0]) == pytest.approx(0.4642, abs=5e-5)
    assert res.label[0] == "No significant change"


def test_set3_count_equal_to_denominator_cannot_be_calculated():
    """fingertips_trend_markers.csv set3_proportion: 5 of 5 in 2012 => cannot be calculated.

    Fingertips reports chi2 = 0 for this case (its default); here it is NaN (undefined)."""
    c = case("set3_proportion")
    res = stats.trend(c["year"], numerator=c["count"], denominator=c["denominator"])
    assert res.marker.tolist() == ["cannot_be_calculated"]
    assert res.label[0] == "Cannot be calculated"
    assert np.isnan(res.chi2[0])
    assert "equals its denominator" in res.reason[0]


def test_grouped_series_in_any_row_order():
    """All four vector cases at once, shuffled, keyed by case."""
    order = np.random.default_rng(2).permutation(len(DATA))
    shuffled = [DATA[i] for i in order]
    weighted = [r for r in shuffled if r["case"].endswith("weighted")]
    res = stats.trend(
        [num(r["year"]) for r in weighted],
        [num(r["value"]) for r in weighted],
        [num(r["lower95"]) for r in weighted],
        [num(r["upper95"]) for r in weighted],
        groups=[r["case"] for r in weighted],
        polarity="low_is_good",
    )
    assert res.groups.tolist() == ["set1_weighted", "set2_weighted"]
    assert res.marker.tolist() == ["increasing", "no_significant_change"]
    assert res.label.tolist() == ["Increasing and getting worse", "No significant change"]
    props = [r for r in shuffled if r["case"].endswith("proportion")]
    res = stats.trend(
        [num(r["year"]) for r in props],
        numerator=[num(r["count"]) for r in props],
        denominator=[num(r["denominator"]) for r in props],
        groups=[r["case"] for r in props],
    )
    assert res.marker.tolist() == ["increasing", "cannot_be_calculated"]


def test_only_the_latest_five_points_count():
    """set1_weighted preceded by two wild earlier years: the marker must not change."""
    c = case("set1_weighted")
    res = stats.trend(
        [2012, 2013, *c["year"]],
        [90.0, 1.0, *c["value"]],
        [89.0, 0.5, *c["lower95"]],
        [91.0, 1.5, *c["upper95"]],
    )
    assert res.marker[0] == "increasing"
    assert round(float(res.chi2[0]), 2) == 46.77


def test_outlier_check_leave_one_out():
    # A flat series with one huge jump at the end: chi2 is large but leaving out the last point
    # flips the slope's sign, so Fingertips calls it no significant change.
    res = stats.trend(
        [1, 2, 3, 4, 5],
        [10.0, 9.9, 9.8, 9.7, 30.0],
        [9.9, 9.8, 9.7, 9.6, 29.9],
        [10.1, 10.0, 9.9, 9.8, 30.1],
    )
    assert res.chi2[0] > 9.5495
    assert res.marker[0] == "no_significant_change"
    assert res.reason[0].startswith("outlier")


def test_cannot_be_calculated_reasons():
    ok = ([1, 2, 3, 4, 5], [1.0, 2, 3, 4, 5], [0.9, 1.9, 2.9, 3.9, 4.9], [1.1, 2.1, 3.1, 4.1, 5.1])
    res = stats.trend(*[v[:4] for v in ok])
    assert res.reason[0] == "fewer than 5 data points"
    res = stats.trend([1, 2, 3, 4, 6], *ok[1:])
    assert "not consecutive" in res.reason[0]
    res = stats.trend(ok[0], [1.0, 2, 3, 4, np.nan], ok[2], ok[3])
    assert "missing" in res.reason[0]
    assert res.marker[0] == "cannot_be_calculated" and np.isnan(res.slope[0])


def test_rule_and_parameters_name_the_threshold():
    c = case("set2_weighted")
    res = stats.trend(c["year"], c["value"], c["lower95"], c["upper95"])
    assert res.parameters["threshold"] == pytest.approx(9.54953570608324, rel=1e-12)
    assert "9.5495" in res.rule and "leaving out any one point" in res.rule


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"period": [1, 2, 2]}, r"period\[2\] \(2\) appears twice"),
        ({"lower": [0, 5, 0]}, r"lower\[1\] is 5, above upper\[1\] = 3"),
        ({"polarity": "up"}, "polarity must be one of"),
        ({"value": [1, 2]}, "value has 2 values but period has 3"),
        ({"period": [1, np.nan, 3]}, r"period\[1\] is missing"),
    ],
)
def test_nonsense_inputs_raise(kwargs, message):
    args = {"period": [1, 2, 3], "value": [1, 2, 3], "lower": [0, 1, 2], "upper": [2, 3, 4]}
    args.update(kwargs)
    with pytest.raises(stats.StatsError, match=message):
        stats.trend(
            args.pop("period"), args.pop("value"), args.pop("lower"), args.pop("upper"), **args
        )


def test_proportion_numerator_above_denominator_raises():
    with pytest.raises(stats.StatsError, match=r"numerator\[1\] is 7, above denominator\[1\]"):
        stats.trend([1, 2], numerator=[1, 7], denominator=[5, 5])


def test_counts_and_limits_mixed_each_series_uses_its_own_test():
    """fingertips_trend_markers.csv set1 as a proportion (counts) beside set2 (limits only):
    one call, counts NaN for the series that is not a proportion."""
    p, w = case("set1_proportion"), case("set2_weighted")
    nan5 = [np.nan] * 5
    res = stats.trend(
        p["year"] + w["year"],
        p["value"] + w["value"],
        p["lower95"] + w["lower95"],
        p["upper95"] + w["upper95"],
        numerator=p["count"] + nan5,
        denominator=p["denominator"] + nan5,
        groups=["a"] * 5 + ["b"] * 5,
    )
    assert round(float(res.chi2[0]), 2) == 47.9
    assert float(res.chi2[1]) == pytest.approx(0.4642, abs=5e-5)
    assert res.marker.tolist() == ["increasing", "no_significant_change"]
    assert res.row_method[0].startswith("Chi-squared") and res.row_method[1].startswith("Weighted")
    assert "chi-squared test" in res.rule and "weighted" in res.rule
