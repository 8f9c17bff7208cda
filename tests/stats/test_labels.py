"""The exported label sets are exactly what the functions return.

Callers put words and colours on the labels by iterating ``stats.COMPARISON_LABELS``,
``stats.TREND_MARKERS`` and the rest (``onefuture.measures.vocabulary``), so a function that
returned a label outside its set would reach a page with no words for it, and a set wider than
its function would promise words for a result that never occurs. Two checks per set: random
inputs (with missing values) only ever give members, and hand-built inputs give every member.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from onefuture import stats

SETTINGS = settings(max_examples=60, deadline=None)
POLARITIES = ("high_is_good", "low_is_good", "no_judgement")

values = st.one_of(st.floats(0.01, 99.0), st.just(float("nan")))


def _union(*arrays) -> set[str]:
    return {str(x) for array in arrays for x in np.asarray(array).ravel()}


# ---- comparison -------------------------------------------------------------------------


def test_comparison_sets_are_the_union_over_polarities():
    union = {label for labels in stats.COMPARISON_LABELS_BY_POLARITY.values() for label in labels}
    assert set(stats.COMPARISON_LABELS) == union
    assert set(stats.COMPARISON_LABELS_BY_POLARITY) == set(POLARITIES)


@SETTINGS
@given(
    st.sampled_from(POLARITIES),
    hnp.arrays(np.float64, st.integers(1, 30), elements=values),
    st.floats(0.0, 100.0),
    st.floats(0.0, 5.0),
)
def test_compare_returns_only_its_labels(polarity, value, benchmark, width):
    lower, upper = value - width, value + width
    one = stats.compare(value, lower, upper, benchmark, polarity=polarity)
    two = stats.compare(
        value,
        lower,
        upper,
        benchmark,
        polarity=polarity,
        lower_998=lower - width,
        upper_998=upper + width,
    )
    assert _union(one, two) <= set(stats.COMPARISON_LABELS_BY_POLARITY[polarity])


@SETTINGS
@given(
    st.sampled_from(POLARITIES),
    st.sampled_from(["proportion", "dsr"]),
    hnp.arrays(np.float64, st.integers(1, 30), elements=values),
    st.floats(0.5, 99.0),
    st.integers(0, 100_000),
)
def test_compare_spc_returns_only_its_labels(polarity, kind, value, benchmark, denominator):
    for confidence in (0.95, (0.95, 0.998)):
        labels = stats.compare_spc(
            value,
            np.full(len(value), float(denominator)),
            benchmark,
            kind=kind,
            polarity=polarity,
            confidence=confidence,
            multiplier=100,
        )
        assert _union(labels) <= set(stats.COMPARISON_LABELS_BY_POLARITY[polarity])


@pytest.mark.parametrize("polarity", POLARITIES)
def test_compare_reaches_every_label_of_its_polarity(polarity):
    # Benchmarks far below, just below, inside, just above and far above [48, 52] (99.8 %:
    # [46, 54]), then a missing value.
    benchmark = [40.0, 47.0, 50.0, 53.0, 60.0, 50.0]
    value = [50.0] * 5 + [float("nan")]
    labels = stats.compare(
        value,
        [48.0] * 6,
        [52.0] * 6,
        benchmark,
        polarity=polarity,
        lower_998=[46.0] * 6,
        upper_998=[54.0] * 6,
    )
    assert _union(labels) == set(stats.COMPARISON_LABELS_BY_POLARITY[polarity])


@pytest.mark.parametrize("polarity", POLARITIES)
def test_compare_spc_reaches_every_label_of_its_polarity(polarity):
    value = [20.0, 29.0, 30.0, 31.0, 40.0, 30.0]
    labels = stats.compare_spc(
        value,
        [10_000, 10_000, 10_000, 10_000, 10_000, 0],
        30.0,
        kind="proportion",
        polarity=polarity,
        confidence=(0.95, 0.998),
        multiplier=100,
    )
    assert _union(labels) == set(stats.COMPARISON_LABELS_BY_POLARITY[polarity])


@SETTINGS
@given(hnp.arrays(np.float64, st.integers(1, 40), elements=values))
def test_quintiles_return_only_their_labels(value):
    assert _union(stats.quintiles(value).label) <= set(stats.QUINTILE_LABELS)


def test_quintiles_reach_every_label():
    labels = stats.quintiles([*range(1, 51), float("nan")]).label
    assert _union(labels) == set(stats.QUINTILE_LABELS)


# ---- trend ------------------------------------------------------------------------------


@SETTINGS
@given(
    st.sampled_from(POLARITIES),
    st.integers(1, 8),
    hnp.arrays(np.float64, 8, elements=values),
    st.booleans(),
)
def test_trend_returns_only_its_markers(polarity, n, value, counts):
    years = np.arange(2015, 2015 + n)
    value = value[:n]
    kwargs = {}
    if counts:
        denominator = np.full(n, 1000.0)
        kwargs = {"numerator": np.nan_to_num(value) * 10, "denominator": denominator}
    result = stats.trend(years, value, value - 1, value + 1, polarity=polarity, **kwargs)
    assert _union(result.marker) <= set(stats.TREND_MARKERS)


def test_trend_reaches_every_marker():
    years = list(range(2016, 2021)) * 4
    rising = [10.0, 11.0, 12.0, 13.0, 14.0]
    falling = rising[::-1]
    flat = [12.0, 12.1, 11.9, 12.0, 12.05]
    gap = [10.0, 11.0, float("nan"), 13.0, 14.0]
    value = np.array(rising + falling + flat + gap)
    result = stats.trend(
        years, value, value - 0.1, value + 0.1, groups=np.repeat(["a", "b", "c", "d"], 5)
    )
    assert _union(result.marker) == set(stats.TREND_MARKERS)


# ---- targets ----------------------------------------------------------------------------


@SETTINGS
@given(
    st.sampled_from(["increase", "decrease"]),
    hnp.arrays(np.float64, 4, elements=st.one_of(st.floats(-5.0, 100.0), st.just(float("nan")))),
    st.booleans(),
)
def test_progress_returns_only_its_categories(desired, numbers, with_target):
    base, latest, target, _ = numbers
    targets = {"target_year": 2030, "target_value": target} if with_target else {}
    result = stats.progress(2015, base, 2020, latest, desired=desired, **targets)
    assert _union(result.category) <= set(stats.PROGRESS_CATEGORIES)


def test_progress_reaches_every_category():
    with_target = stats.progress(
        2015,
        [50.0, 50.0, 50.0, 50.0, float("nan")],
        2020,
        [55.0, 53.5, 51.0, 49.0, 50.0],
        desired="increase",
        target_year=2025,
        target_value=60.0,
    )
    without = stats.progress(2015, 50.0, 2020, [60.0, 50.5, 48.5, 40.0], desired="increase")
    assert _union(with_target.category, without.category) == set(stats.PROGRESS_CATEGORIES)


@SETTINGS
@given(
    st.sampled_from(["increase", "decrease"]),
    st.sampled_from(["linear", "constant_growth"]),
    hnp.arrays(np.float64, 3, elements=st.one_of(st.floats(-5.0, 100.0), st.just(float("nan")))),
)
def test_on_trajectory_returns_only_its_statuses(desired, path, numbers):
    base, target, value = numbers
    result = stats.on_trajectory(2015, base, 2030, target, 2020, value, desired=desired, path=path)
    assert _union(result.status) <= set(stats.TRAJECTORY_STATUSES)


def test_on_trajectory_reaches_every_status():
    result = stats.on_trajectory(
        2020, 60, 2040, 70, 2025, [63.0, 61.0, float("nan")], desired="increase"
    )
    assert _union(result.status) == set(stats.TRAJECTORY_STATUSES)


# ---- funnels ----------------------------------------------------------------------------


@SETTINGS
@given(
    hnp.arrays(np.int64, st.integers(2, 30), elements=st.integers(0, 10_000)),
    st.floats(0.0, 1.0),
)
def test_funnel_significance_returns_only_its_labels(denominator, share):
    numerator = np.floor(denominator * share)
    result = stats.funnel_significance(numerator.astype(float), denominator.astype(float))
    assert _union(result.label) <= set(stats.FUNNEL_LABELS)


def test_funnel_significance_reaches_every_label():
    # Twenty areas at the average of 50 %, then 1.2 and 2 points above and below it, then none.
    proportion = stats.funnel_significance(
        [5000] * 20 + [5120, 5200, 4880, 4800, 0], [10000] * 24 + [0]
    )
    dsr = stats.funnel_significance(
        [5], [1000], statistic="rate", rate=[500.0], rate_type="dsr", multiplier=100_000
    )
    assert _union(proportion.label, dsr.label) == set(stats.FUNNEL_LABELS)
