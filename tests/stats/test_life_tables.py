"""Life expectancy against PHEindicatormethods v2.1.0 (``testLifeExpectancy.R``).

Vector file ``tests/data/indicator-vectors/life_expectancy_chiang.csv`` (cases ``df1`` and
``widecis_area2``). The peer's expected limits were made with z = 1.96 and its test compares
after rounding to 4 decimal places; so do we (4 dp), and also check the values to 1e-8.
"""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats
from tests.stats.vectors import num, rows


def case(name):
    data = [r for r in rows("life_expectancy_chiang.csv") if r["case"] == name]
    return {
        key: np.array([num(r[key]) for r in data])
        for key in ("startage", "population", "deaths", "value", "lower95", "upper95")
    }


def test_life_expectancy_matches_peer_df1():
    """life_expectancy_chiang.csv, case df1: one area, all 20 bands."""
    c = case("df1")
    est = stats.life_expectancy(c["deaths"], c["population"], c["startage"])
    order = np.argsort(c["startage"])
    np.testing.assert_allclose(est.value, c["value"][order], rtol=0, atol=1e-8)
    np.testing.assert_allclose(est.lower, c["lower95"][order], rtol=0, atol=5e-4)
    np.testing.assert_allclose(est.upper, c["upper95"][order], rtol=0, atol=5e-4)
    assert list(est.parameters["start_age"]) == list(stats.life_tables.AGE_BANDS)
    assert est.method == "Chiang, using Silcocks et al for confidence limits"


def test_life_expectancy_limits_match_peer_with_its_z():
    """The same vectors to 1e-6 once the peer's z = 1.96 is used (confidence 0.95000421…)."""
    c = case("df1")
    confidence = 2 * 0.975002104851780 - 1  # Φ(1.96) = 0.9750021048517795
    est = stats.life_expectancy(c["deaths"], c["population"], c["startage"], confidence=confidence)
    order = np.argsort(c["startage"])
    np.testing.assert_allclose(est.lower, c["lower95"][order], rtol=0, atol=1e-6)
    np.testing.assert_allclose(est.upper, c["upper95"][order], rtol=0, atol=1e-6)


def test_wide_intervals_suppress_the_value_but_keep_the_limits():
    """life_expectancy_chiang.csv, case widecis_area2: from age 40 the 95 % CI is over 20 years."""
    c = case("widecis_area2")
    est = stats.life_expectancy(c["deaths"], c["population"], c["startage"])
    order = np.argsort(c["startage"])
    expected = c["value"][order]
    assert np.array_equal(np.isnan(est.value), np.isnan(expected))
    kept = ~np.isnan(expected)
    np.testing.assert_allclose(est.value[kept], expected[kept], rtol=0, atol=1e-7)
    # these expected limits were made with qnorm(0.975), not 1.96: they agree to 4 dp
    np.testing.assert_allclose(est.lower, c["lower95"][order], rtol=0, atol=5e-5)
    np.testing.assert_allclose(est.upper, c["upper95"][order], rtol=0, atol=5e-5)
    assert est.reason[-1] == "95 % confidence interval wider than 20 years"
    assert est.reason[0] == ""


def test_groups_are_computed_together_and_suppressed_independently():
    """df1 twice (as areas B and A, shuffled) plus an area with more deaths than population."""
    c = case("df1")
    bad = c["deaths"].copy()
    bad[-1] = c["population"][-1] + 1
    deaths = np.concatenate([c["deaths"], c["deaths"], bad])
    population = np.tile(c["population"], 3)
    start = np.tile(c["startage"], 3)
    groups = np.repeat(["B", "A", "C"], 20)
    shuffle = np.random.default_rng(3).permutation(60)
    est = stats.life_expectancy(
        deaths[shuffle], population[shuffle], start[shuffle], groups=groups[shuffle]
    )
    assert list(est.groups[::20]) == ["A", "B", "C"]
    np.testing.assert_allclose(est.value[:20], est.value[20:40])
    assert est.value[0] == pytest.approx(80.16960813, abs=1e-8)
    assert np.isnan(est.value[40:]).all() and np.isnan(est.lower[40:]).all()
    assert est.reason[40] == "more deaths than population in an age band"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d, p, a: (d * 0 + 1, p * 0 + 250, a), "a total population of 5,000 or less"),
        (lambda d, p, a: (d[:-1], p[:-1], a[:-1]), "not exactly one row for each of the 20"),
        (lambda d, p, a: (d, np.where(a == 5, 0, p), a), "a missing or zero population"),
    ],
)
def test_whole_group_suppression_rules(change, reason):
    c = case("df1")
    d, p, a = change(c["deaths"], c["population"], c["startage"])
    est = stats.life_expectancy(d, p, a)
    assert np.isnan(est.value).all()
    assert est.reason[0].startswith(reason)


def test_no_deaths_in_the_oldest_band_gives_nan_not_infinity():
    c = case("df1")
    d = np.where(c["startage"] == 90, 0, c["deaths"])
    est = stats.life_expectancy(d, c["population"], c["startage"])
    assert np.isnan(est.value).all() and not np.isinf(est.upper).any()
    assert est.reason[-1] == "no deaths in the oldest age band"


def test_nonsense_raises():
    c = case("df1")
    with pytest.raises(stats.StatsError, match=r"start_age\[0\] is 2"):
        stats.life_expectancy(
            c["deaths"], c["population"], np.where(c["startage"] == 0, 2, c["startage"])
        )
    with pytest.raises(stats.StatsError, match=r"deaths\[3\] is -1"):
        stats.life_expectancy(
            np.where(np.arange(20) == 3, -1, c["deaths"]), c["population"], c["startage"]
        )
