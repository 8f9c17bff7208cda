"""Invariants of inequality, comparison, trends and targets, checked on generated inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from onefuture import stats

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


@st.composite
def decile_tables(draw, max_areas=4):
    """Several areas with 5-10 quantiles each: populations, values and standard errors."""
    n_areas = draw(st.integers(1, max_areas))
    k = draw(st.integers(5, 10))
    size = n_areas * k
    pop = draw(arrays(np.float64, size, elements=st.floats(10, 1e5)))
    value = draw(arrays(np.float64, size, elements=st.floats(40, 90)))
    se = draw(arrays(np.float64, size, elements=st.floats(0.01, 5)))
    quantile = np.tile(np.arange(1, k + 1), n_areas)
    groups = np.repeat(np.arange(n_areas), k)
    return quantile, pop, value, se, groups


@SETTINGS
@given(decile_tables(), st.integers(0, 2**32 - 1))
def test_sii_limits_bracket_the_value_and_998_contains_95(table, seed):
    quantile, pop, value, se, groups = table
    common = {"se": se, "groups": groups, "simulations": 1_000, "seed": seed}
    r95 = stats.sii(quantile, pop, value, confidence=0.95, **common)
    r998 = stats.sii(quantile, pop, value, confidence=0.998, **common)
    for a, b in ((r95.sii, r998.sii), (r95.rii, r998.rii)):
        assert np.all(a.lower <= a.value) and np.all(a.value <= a.upper)
        # Same seed, same draws: the wider level's order statistics lie outside the narrower's.
        assert np.all(b.lower <= a.lower) and np.all(a.upper <= b.upper)


@SETTINGS
@given(decile_tables(), finite, st.floats(0.1, 100))
def test_sii_shifts_and_scales_like_the_data(table, shift, scale):
    quantile, pop, value, se, groups = table
    base = stats.sii(quantile, pop, value, se=se, groups=groups, simulations=1_000, seed=1)
    moved = stats.sii(
        quantile, pop * scale, value + shift, se=se, groups=groups, simulations=1_000, seed=1
    )
    # Adding a constant moves the whole line: the slope and its limits are unchanged; scaling
    # every population leaves the shares, and so everything, unchanged.
    np.testing.assert_allclose(moved.sii.value, base.sii.value, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(moved.sii.lower, base.sii.lower, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(moved.intercept, base.intercept + shift, rtol=1e-6, atol=1e-6)


@SETTINGS
@given(decile_tables(), st.randoms(use_true_random=False))
def test_sii_does_not_depend_on_row_order(table, random):
    quantile, pop, value, se, groups = table
    order = list(range(len(value)))
    random.shuffle(order)
    a = stats.sii(quantile, pop, value, se=se, groups=groups, simulations=1_000, seed=7)
    b = stats.sii(
        quantile[order],
        pop[order],
        value[order],
        se=se[order],
        groups=groups[order],
        simulations=1_000,
        seed=7,
    )
    np.testing.assert_allclose(a.sii.value, b.sii.value, rtol=1e-12)
    np.testing.assert_allclose(a.sii.upper, b.sii.upper, rtol=1e-12)
    np.testing.assert_allclose(a.rii.lower, b.rii.lower, rtol=1e-12)


def _strip(labels):
    return np.char.replace(labels.astype(str), "_99_8", "")


SWAP = {"better": "worse", "worse": "better", "similar": "similar", "not_compared": "not_compared"}


@SETTINGS
@given(
    arrays(np.float64, 20, elements=st.floats(0, 100)),
    arrays(np.float64, 20, elements=st.floats(0, 10)),
    arrays(np.float64, 20, elements=st.floats(0, 10)),
    st.floats(0, 100),
)
def test_compare_two_levels_refines_one_level_and_polarity_swaps(value, half, extra, bench):
    lower, upper = value - half, value + half
    one = stats.compare(value, lower, upper, bench, polarity="high_is_good")
    two = stats.compare(
        value,
        lower,
        upper,
        bench,
        polarity="high_is_good",
        lower_998=lower - extra,
        upper_998=upper + extra,
    )
    assert _strip(two).tolist() == one.tolist()
    low_good = stats.compare(value, lower, upper, bench, polarity="low_is_good")
    assert [SWAP[x] for x in one.tolist()] == low_good.tolist()
    inside = (lower <= bench) & (bench <= upper)
    assert np.all(one[inside] == "similar")


@SETTINGS
@given(
    arrays(np.float64, 15, elements=st.floats(0, 100)),
    arrays(np.float64, 15, elements=st.floats(1, 1e6)),
    st.floats(0.1, 99.9),
    st.sampled_from(["proportion", "dsr"]),
)
def test_compare_spc_998_is_never_more_extreme_than_95(value, denominator, bench, kind):
    kwargs = {"kind": kind, "polarity": "no_judgement", "multiplier": 100}
    at95 = stats.compare_spc(value, denominator, bench, confidence=0.95, **kwargs)
    at998 = stats.compare_spc(value, denominator, bench, confidence=0.998, **kwargs)
    both = stats.compare_spc(value, denominator, bench, confidence=(0.95, 0.998), **kwargs)
    assert np.all(at95[at998 != "similar"] == at998[at998 != "similar"])
    assert _strip(both).tolist() == at95.tolist()
    assert np.all((both == "higher_99_8") == (at998 == "higher"))


@SETTINGS
@given(
    arrays(np.float64, 5, elements=st.floats(1, 100)),
    arrays(np.float64, 5, elements=st.floats(0.01, 5)),
    finite,
)
def test_trend_reversed_in_time_flips_direction_and_shift_changes_nothing(value, half, shift):
    years = np.arange(2015, 2020)
    fwd = stats.trend(years, value, value - half, value + half)
    back = stats.trend(years, value[::-1], (value - half)[::-1], (value + half)[::-1])
    moved = stats.trend(years, value + shift, value - half + shift, value + half + shift)
    np.testing.assert_allclose(back.chi2, fwd.chi2, rtol=1e-9, atol=1e-9)
    flip = {"increasing": "decreasing", "decreasing": "increasing"}
    assert flip.get(str(fwd.marker[0]), str(fwd.marker[0])) == back.marker[0]
    np.testing.assert_allclose(moved.chi2, fwd.chi2, rtol=1e-6, atol=1e-9)
    assert moved.marker[0] == fwd.marker[0]


@SETTINGS
@given(
    st.floats(1, 1e4),
    st.floats(1, 1e4),
    st.floats(1, 1e4),
    st.sampled_from(["increase", "decrease"]),
)
def test_progress_on_the_required_path_is_significant(base, latest, target, desired):
    # Growth that exactly matches the required rate gives a ratio of 1.
    required = (target / base) ** (1 / 15) - 1
    on_path = base * (1 + required) ** 5
    p = stats.progress(
        2015, base, 2020, on_path, desired=desired, target_year=2030, target_value=target
    )
    assert p.category[0] in {"significant_progress", "movement_away"}
    if target != base and np.sign(target - base) == (1 if desired == "increase" else -1):
        assert p.category[0] == "significant_progress"
    # The sign of the actual growth rate follows the change.
    q = stats.progress(2015, base, 2020, latest, desired=desired)
    assert np.sign(q.cagr_actual[0]) == np.sign(round(latest - base, 9)) or latest == base


@SETTINGS
@given(st.floats(1, 1e3), st.floats(1, 1e3), st.integers(2021, 2039))
def test_value_on_the_path_is_on_track(base, target, year):
    for path in ("linear", "constant_growth"):
        t0 = stats.on_trajectory(
            2020, base, 2040, target, year, base, desired="increase", path=path
        )
        t = stats.on_trajectory(
            2020, base, 2040, target, year, t0.expected, desired="increase", path=path
        )
        assert t.on_track[0]
        lo, hi = sorted((base, target))
        assert lo - 1e-9 <= t0.expected[0] <= hi + 1e-9


@SETTINGS
@given(arrays(np.float64, st.integers(5, 60), elements=st.floats(-1e3, 1e3)))
def test_quintile_categories_are_monotone_in_the_value(values):
    q = stats.quintiles(values)
    order = np.argsort(values, kind="stable")
    assert np.all(np.diff(q.category[order]) >= 0)
    assert set(q.category.tolist()) <= {1, 2, 3, 4, 5}
