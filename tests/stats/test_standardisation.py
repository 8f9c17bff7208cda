"""Directly and indirectly standardised rates against PHEindicatormethods v2.1.0.

Vector files in ``tests/data/indicator-vectors/``: ``dsr_isr_inputs.csv``,
``dsr_nonindependent_inputs.csv``, ``dsr_expected.csv`` and ``isr_expected.csv`` (all from the
peer's ``testdata_DSR_ISR.xlsx``). Tolerance 1e-9 relative, as the vectors' README gives.
"""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats
from tests.stats.vectors import num, rows

RTOL = 1e-9
LEVELS = [(0.95, "lower95", "upper95"), (0.998, "lower99_8", "upper99_8")]


def assert_close(actual, expected, rtol=RTOL):
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=0, equal_nan=True)


def inputs(areas):
    data = [r for r in rows("dsr_isr_inputs.csv") if r["area"] in areas]
    return {
        key: [num(r[key]) for r in data]
        for key in ("count", "pop", "stdpop", "ref_count", "ref_pop")
    } | {"area": [r["area"] for r in data]}


@pytest.mark.parametrize(("confidence", "lo", "hi"), LEVELS)
def test_dsr_matches_peer(confidence, lo, hi):
    """dsr_expected.csv rows testdata_big/small/tiny (ESP2013) and testdata_1976 (ESP1976)."""
    expected = [r for r in rows("dsr_expected.csv") if not r["area"].startswith("testdata_nonind")]
    data = inputs({r["area"] for r in expected})
    for multiplier in (10_000, 100_000):
        est = stats.dsr(
            data["count"],
            data["pop"],
            data["stdpop"],
            groups=data["area"],
            multiplier=multiplier,
            confidence=confidence,
        )
        by_area = dict(zip(est.groups, range(len(est)), strict=True))
        for r in expected:
            if num(r["multiplier"]) != multiplier:
                continue
            if confidence == 0.998 and r["area"] == "testdata_1976":
                continue  # the peer's 99.8 % columns for this row are ten times too large
            i = by_area[r["area"]]
            assert_close(est.value[i], num(r["value"]))
            assert_close(est.lower[i], num(r[lo]))
            assert_close(est.upper[i], num(r[hi]))
            assert est.parameters["observed"][i] == num(r["total_count"])
        assert est.method == "Dobson"


def test_dsr_below_ten_events_is_suppressed_with_a_reason():
    """dsr_expected.csv testdata_tiny: 9 events (one band's count missing, taken as 0)."""
    data = inputs({"testdata_tiny"})
    est = stats.dsr(data["count"], data["pop"], data["stdpop"])
    assert np.isnan(est.value[0]) and np.isnan(est.lower[0])
    assert est.reason[0] == "fewer than 10 events"
    assert stats.dsr(data["count"], data["pop"], data["stdpop"], min_events=5).value[0] > 0


@pytest.mark.parametrize(("confidence", "lo", "hi"), LEVELS)
def test_dsr_non_independent_events_match_peer(confidence, lo, hi):
    """dsr_nonindependent_inputs.csv → dsr_expected.csv testdata_nonind_* rows.

    As the peer's LoadTestdata.R does, frequency 4 is dropped for the dummy/small/tiny areas.
    """
    long = {"area": [], "band": [], "freq": [], "persons": [], "pop": []}
    source = rows("dsr_nonindependent_inputs.csv")
    esp = np.tile(stats.ESP2013, 4)
    stdpop = []
    for i, r in enumerate(source):
        for f in (1, 2, 3, 4):
            if f == 4 and r["area"] != "testdata_nonind_big":
                continue
            long["area"].append(r["area"])
            long["band"].append(r["ageband"])
            long["freq"].append(f)
            long["persons"].append(num(r[f"persons_with_{f}_event" + ("s" if f > 1 else "")]))
            long["pop"].append(num(r["pop"]))
            stdpop.append(esp[i])
    est = stats.dsr(
        long["persons"],
        long["pop"],
        stdpop,
        groups=long["area"],
        event_frequency=long["freq"],
        age_band=long["band"],
        confidence=confidence,
    )
    expected = {r["area"]: r for r in rows("dsr_expected.csv")}
    for i, area in enumerate(est.groups):
        e = expected[area]
        # the peer's non-independent expectations are stored to 8-11 significant figures
        assert_close(est.value[i], num(e["value"]), rtol=1e-9)
        assert_close(est.lower[i], num(e[lo]), rtol=1e-9)
        assert_close(est.upper[i], num(e[hi]), rtol=1e-9)
    assert est.method == "Dobson, with confidence adjusted for non-independent events"


def test_dsr_non_independent_needs_consistent_populations():
    with pytest.raises(stats.StatsError, match=r"population\[1\] is 900 but another row"):
        stats.dsr([5, 3], [1000, 900], [10, 10], event_frequency=[1, 2], age_band=["0-4", "0-4"])
    with pytest.raises(stats.StatsError, match="needs age_band"):
        stats.dsr([5], [1000], [10], event_frequency=[1])


def test_dsr_zero_population_band_makes_the_group_nan():
    est = stats.dsr([20, 30, 40, 50], [100, 0, 100, 100], [1, 1, 1, 1], groups=[1, 1, 2, 2])
    assert np.isnan(est.value[0])
    assert est.reason[0] == "a missing or zero population (or standard population) in an age band"
    assert est.value[1] > 0 and est.reason[1] == ""


def test_dsr_rejects_nonsense():
    with pytest.raises(stats.StatsError, match=r"count\[2\] is -1"):
        stats.dsr([1, 2, -1], [10, 10, 10], [1, 1, 1])
    with pytest.raises(stats.StatsError, match=r"standard_population\[0\] is -1"):
        stats.dsr([1], [10], [-1])


@pytest.mark.parametrize(("confidence", "lo", "hi"), LEVELS)
def test_isr_matches_peer(confidence, lo, hi):
    """isr_expected.csv, input sheet testdata_multiarea: rates per 100,000 and 1,000, ratios ×1 and
    ×100, exact below 10 observed events (testdata_tiny) and Byar's from 10."""
    expected = [r for r in rows("isr_expected.csv") if r["input_sheet"] == "testdata_multiarea"]
    data = inputs({"testdata_big", "testdata_small", "testdata_tiny"})
    for r in expected:
        kind = r["statistic"]
        est = stats.isr(
            data["count"],
            data["pop"],
            data["ref_count"],
            data["ref_pop"],
            groups=data["area"],
            kind=kind,
            multiplier=num(r["multiplier_or_refvalue"]),
            confidence=confidence,
        )
        i = list(est.groups).index(r["area"])
        assert est.parameters["observed"][i] == num(r["observed"])
        assert_close(est.parameters["expected"][i], num(r["expected"]))
        assert_close(est.value[i], num(r["value"]))
        assert_close(est.lower[i], num(r[lo]))
        assert_close(est.upper[i], num(r[hi]))
        assert est.row_method[i] == {"Exact": "exact Poisson", "Byars": "Byar's"}[r["method"]]


def test_isr_zero_population_band_contributes_no_expected_events():
    """isr_expected.csv, testdata_err2: Area1 is testdata_big with one band's population 0."""
    expected = [r for r in rows("isr_expected.csv") if r["input_sheet"].startswith("testdata_err2")]
    big = inputs({"testdata_big"})
    small = inputs({"testdata_small"})
    population = list(big["pop"])
    # the band whose removal takes expected events from 835.88 to 808.32
    reference_rate = np.array(big["ref_count"]) / np.array(big["ref_pop"])
    band = int(
        np.argmin(
            np.abs(
                reference_rate * np.array(population) - (835.88356123117433 - 808.32174009182529)
            )
        )
    )
    population[band] = 0
    for r in expected:
        est = stats.isr(
            big["count"] + small["count"],
            population + small["pop"],
            big["ref_count"] + small["ref_count"],
            big["ref_pop"] + small["ref_pop"],
            groups=["Area1"] * 19 + ["Area2"] * 19,
            kind=r["statistic"],
            multiplier=num(r["multiplier_or_refvalue"]),
        )
        i = list(est.groups).index(r["area"])
        assert_close(est.parameters["expected"][i], num(r["expected"]))
        assert_close(est.value[i], num(r["value"]))
        assert_close(est.lower[i], num(r["lower95"]))
        assert_close(est.upper[i], num(r["upper95"]))


def test_isr_without_expected_events_is_nan():
    est = stats.isr([3], [100], [0], [1000])
    assert np.isnan(est.value[0]) and est.reason[0] == "no expected events"
    with pytest.raises(stats.StatsError, match="kind must be"):
        stats.isr([3], [100], [1], [1000], kind="smr")
