"""Invariants of the interval, standardisation, life-table, quantile and funnel functions.

Whatever the data: a lower limit never exceeds the value nor the value the upper limit; a
proportion stays within [0, multiplier]; the 99.8 % limits contain the 95 % limits; and the
results do not depend on the order of the rows.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from onefuture import stats

SETTINGS = settings(max_examples=60, deadline=None)
EPS = 1e-9


def ordered(lower, value, upper):
    ok = ~np.isnan(value) & ~np.isnan(lower) & ~np.isnan(upper)
    scale = np.maximum(np.abs(value[ok]), 1.0)
    assert np.all(lower[ok] <= value[ok] + EPS * scale)
    assert np.all(value[ok] <= upper[ok] + EPS * scale)


def nested(narrow, wide):
    ok = ~np.isnan(narrow.lower) & ~np.isnan(wide.lower)
    assert np.all(
        wide.lower[ok] <= narrow.lower[ok] + EPS * np.maximum(1, np.abs(narrow.lower[ok]))
    )
    ok = ~np.isnan(narrow.upper) & ~np.isnan(wide.upper)
    assert np.all(
        wide.upper[ok] >= narrow.upper[ok] - EPS * np.maximum(1, np.abs(narrow.upper[ok]))
    )


@st.composite
def counts_and_denominators(draw, proportion=True, max_size=40):
    size = draw(st.integers(1, max_size))
    denominators = draw(hnp.arrays(np.int64, size, elements=st.integers(0, 10**7)))
    fractions = draw(hnp.arrays(np.float64, size, elements=st.floats(0, 1 if proportion else 3)))
    counts = np.floor(fractions * denominators)
    return counts.astype(float), denominators.astype(float)


levels = st.floats(0.5, 0.9999)
multipliers = st.sampled_from([1, 100, 1000, 100_000])


@SETTINGS
@given(counts_and_denominators(), levels, multipliers)
def test_proportion_limits_order_and_range(data, confidence, multiplier):
    x, n = data
    est = stats.proportion(x, n, confidence=confidence, multiplier=multiplier)
    ordered(est.lower, est.value, est.upper)
    defined = n > 0
    assert np.all(np.isnan(est.value[~defined]))
    for limit in (est.lower[defined], est.upper[defined]):
        assert np.all(limit >= -EPS * multiplier) and np.all(limit <= multiplier * (1 + EPS))


@SETTINGS
@given(counts_and_denominators(proportion=False), levels, multipliers)
def test_rate_limits_order(data, confidence, multiplier):
    x, n = data
    est = stats.rate(x, n, confidence=confidence, multiplier=multiplier)
    ordered(est.lower, est.value, est.upper)
    assert np.all(est.lower[n > 0] >= 0)


@SETTINGS
@given(counts_and_denominators())
def test_998_limits_contain_95_limits(data):
    x, n = data
    nested(stats.proportion(x, n), stats.proportion(x, n, confidence=0.998))
    nested(stats.rate(x, n), stats.rate(x, n, confidence=0.998))


@SETTINGS
@given(counts_and_denominators(), st.data())
def test_grouped_results_do_not_depend_on_row_order(data, draw):
    x, n = data
    groups = draw.draw(hnp.arrays(np.int64, len(x), elements=st.integers(0, 5)))
    order = draw.draw(st.permutations(range(len(x))))
    for function in (stats.proportion, stats.rate):
        a = function(x, n, groups=groups)
        b = function(x[order], n[order], groups=groups[order])
        assert np.array_equal(a.groups, b.groups)
        for field in ("value", "lower", "upper"):
            np.testing.assert_allclose(getattr(a, field), getattr(b, field), rtol=1e-12)


@SETTINGS
@given(
    hnp.arrays(np.float64, st.integers(2, 30), elements=st.floats(-1e6, 1e6)),
    st.data(),
)
def test_mean_limits(values, draw):
    groups = draw.draw(hnp.arrays(np.int64, len(values), elements=st.integers(0, 3)))
    a = stats.mean(values, groups=groups)
    ordered(a.lower, a.value, a.upper)
    nested(a, stats.mean(values, groups=groups, confidence=0.998))
    order = draw.draw(st.permutations(range(len(values))))
    b = stats.mean(values[order], groups=groups[order])
    np.testing.assert_allclose(a.value, b.value, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(a.upper, b.upper, rtol=1e-9, atol=1e-6)


@st.composite
def age_banded(draw, bands=19):
    areas = draw(st.integers(1, 6))
    counts = draw(hnp.arrays(np.int64, areas * bands, elements=st.integers(0, 400)))
    pops = draw(hnp.arrays(np.int64, areas * bands, elements=st.integers(1, 50_000)))
    return counts.astype(float), pops.astype(float), np.repeat(np.arange(areas), bands)


@SETTINGS
@given(age_banded(), st.data())
def test_dsr_and_isr_invariants(data, draw):
    counts, pops, areas = data
    std = np.tile(stats.ESP2013, areas.max() + 1)
    a = stats.dsr(counts, pops, std, groups=areas)
    ordered(a.lower, a.value, a.upper)
    nested(a, stats.dsr(counts, pops, std, groups=areas, confidence=0.998))
    order = np.asarray(draw.draw(st.permutations(range(len(counts)))))
    b = stats.dsr(counts[order], pops[order], std[order], groups=areas[order])
    np.testing.assert_allclose(a.value, b.value, rtol=1e-10)
    np.testing.assert_allclose(a.lower, b.lower, rtol=1e-10)

    reference = np.tile(np.linspace(1, 19, 19), areas.max() + 1) * 10
    ref_pop = np.full(len(counts), 1e5)
    for kind in ("ratio", "rate"):
        i = stats.isr(counts, pops, reference, ref_pop, groups=areas, kind=kind)
        ordered(i.lower, i.value, i.upper)
        nested(
            i,
            stats.isr(counts, pops, reference, ref_pop, groups=areas, kind=kind, confidence=0.998),
        )
        j = stats.isr(
            counts[order],
            pops[order],
            reference[order],
            ref_pop[order],
            groups=areas[order],
            kind=kind,
        )
        np.testing.assert_allclose(i.value, j.value, rtol=1e-10)


@SETTINGS
@given(age_banded(bands=20), st.data())
def test_life_expectancy_invariants(data, draw):
    deaths, pops, areas = data
    pops = pops * 10  # enough population for most areas to pass the 5,000 rule
    deaths = np.minimum(deaths, pops)
    deaths[19::20] = np.maximum(deaths[19::20], 1)  # the oldest band needs a death
    ages = np.tile(stats.life_tables.AGE_BANDS, areas.max() + 1)
    a = stats.life_expectancy(deaths, pops, ages, groups=areas)
    ordered(a.lower, a.value, a.upper)
    nested(a, stats.life_expectancy(deaths, pops, ages, groups=areas, confidence=0.998))
    order = np.asarray(draw.draw(st.permutations(range(len(deaths)))))
    b = stats.life_expectancy(deaths[order], pops[order], ages[order], groups=areas[order])
    np.testing.assert_allclose(a.value, b.value, rtol=1e-12)
    np.testing.assert_allclose(a.upper, b.upper, rtol=1e-12)


@SETTINGS
@given(
    hnp.arrays(np.float64, st.integers(1, 60), elements=st.floats(0, 100) | st.just(np.nan)),
    st.integers(1, 10),
    st.data(),
)
def test_quantiles_invariants(values, n, draw):
    groups = draw.draw(hnp.arrays(np.int64, len(values), elements=st.integers(0, 2)))
    a = stats.quantiles(values, n=n, groups=groups).quantile
    assert np.all(np.isnan(a) | ((a >= 1) & (a <= n) & (a == np.floor(a))))
    order = np.asarray(draw.draw(st.permutations(range(len(values)))))
    b = stats.quantiles(values[order], n=n, groups=groups[order]).quantile
    np.testing.assert_array_equal(a[order], b)


@SETTINGS
@given(
    counts_and_denominators(max_size=30).filter(lambda d: d[1].min() > 0 and d[0].sum() > 0),
    st.data(),
)
def test_funnel_invariants(data, draw):
    x, n = data
    f = stats.funnel_limits(x, n)
    assert np.all(f.lower_99_8 <= f.lower_95 + 1e-9) and np.all(f.upper_95 <= f.upper_99_8 + 1e-9)
    assert np.all(f.lower_95 <= f.baseline + 1e-9) and np.all(f.baseline <= f.upper_95 + 1e-9)
    order = np.asarray(draw.draw(st.permutations(range(len(x)))))
    a = stats.funnel_significance(x, n).label
    b = stats.funnel_significance(x[order], n[order]).label
    assert list(a[order]) == list(b)
