"""The grouping helper: rows already sorted by key take a fast path that must agree with
``np.unique`` (same keys, same order, same sums)."""

from __future__ import annotations

import numpy as np
import pytest

from onefuture.stats import StatsError
from onefuture.stats._groups import group_rows


@pytest.mark.parametrize(
    "keys",
    [
        np.array(["E02", "E01", "E02", "E03", "E01"], dtype=object),
        np.array(["E02", "E01", "E02", "E03", "E01"]),
        np.array([3, 1, 3, 2, 1]),
        np.array([0.5, -1.0, 0.5, 2.0, -1.0]),
    ],
)
def test_sorted_fast_path_agrees_with_unique(keys):
    values = np.arange(len(keys), dtype=float) + 1
    order = np.argsort(keys, kind="stable")
    slow = group_rows(keys, len(keys))
    fast = group_rows(keys[order], len(keys))
    assert slow.starts is None and fast.starts is not None
    assert list(fast.keys) == list(np.unique(keys)) == list(slow.keys)
    np.testing.assert_array_equal(fast.sum(values[order]), slow.sum(values))
    np.testing.assert_array_equal(fast.count(), slow.count())
    np.testing.assert_array_equal(fast.keys[fast.inverse], keys[order])


def test_nan_in_a_group_makes_its_sum_nan_on_both_paths():
    for keys in (["a", "a", "b"], ["b", "a", "a"]):
        sums = group_rows(keys, 3).sum(
            np.array([1.0, np.nan, 2.0]) if keys[0] == "a" else np.array([2.0, 1.0, np.nan])
        )
        assert np.isnan(sums[0]) and sums[1] == 2.0


def test_unsortable_keys_are_a_stats_error():
    with pytest.raises(StatsError, match="mixes kinds of key"):
        group_rows(np.array(["a", 1, "b"], dtype=object), 3)
