"""Quantile assignment against PHEindicatormethods v2.1.0 (``phe_quantile``).

Vector file ``tests/data/indicator-vectors/quantiles_phe.csv``: the peer's
``testdata_Quantiles.xlsx`` rows with GroupSet "None" (ungrouped quartiles, invert = TRUE),
expected column ``expected_quartile_nq4_invert_true``. Exact agreement.
"""

from __future__ import annotations

import numpy as np
import pytest

from onefuture import stats
from tests.stats.vectors import num, rows


def vector():
    data = rows("quantiles_phe.csv")
    values = np.array([num(r["value"]) for r in data])
    expected = np.array([num(r["expected_quartile_nq4_invert_true"]) for r in data])
    return values, expected


def test_quartiles_match_peer_exactly():
    values, expected = vector()
    result = stats.quantiles(values, n=4)
    assert np.isnan(expected).sum() == 6
    np.testing.assert_array_equal(result.quantile, expected)
    assert set(result.reason[np.isnan(expected)]) == {"no value"}
    assert result.parameters == {"n": 4, "invert": True, "grouped": False}


def test_groups_are_ranked_separately_and_in_any_row_order():
    """The peer's vector twice, as two groups, shuffled together: each keeps its quartiles."""
    values, expected = vector()
    both = np.concatenate([values, values + 1000])
    groups = np.repeat(["x", "y"], len(values))
    shuffle = np.random.default_rng(7).permutation(len(both))
    result = stats.quantiles(both[shuffle], n=4, groups=groups[shuffle])
    back = np.empty_like(result.quantile)
    back[shuffle] = result.quantile
    np.testing.assert_array_equal(back, np.concatenate([expected, expected]))


def test_not_inverted_reverses_the_order():
    values, _ = vector()
    result = stats.quantiles(values, n=4, invert=False)
    flipped = stats.quantiles(-values, n=4, invert=True)
    np.testing.assert_array_equal(result.quantile, flipped.quantile)
    assert np.nanmax(result.quantile[np.nanargmax(values)]) == 4


def test_small_groups_get_no_quantile():
    result = stats.quantiles([1, 2, 3, 4, 5, 6, 7], n=5, groups=list("aaaabbb"))
    assert np.isnan(result.quantile).all()
    assert result.reason[0] == "fewer than 5 values in the group"


def test_deciles_cover_one_to_ten_evenly():
    result = stats.quantiles(np.arange(1000.0), n=10)
    assert np.array_equal(np.bincount(result.quantile.astype(int)), [0] + [100] * 10)


@pytest.mark.parametrize("n", [0, 2.5, True])
def test_bad_number_of_quantiles(n):
    with pytest.raises(stats.StatsError, match="number of quantiles"):
        stats.quantiles([1, 2, 3], n=n)
