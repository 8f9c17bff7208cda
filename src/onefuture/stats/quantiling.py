"""Assigning areas to quantiles (e.g. deprivation deciles) the way English public health does.

The rule is PHEindicatormethods' ``phe_quantile`` (OHID, "Assigning deprivation categories"):
rank the values within each group (ties share the lowest rank) and cut the ranks into equal
shares. All groups are ranked in one sort, with no loop per group.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from onefuture.stats._arrays import as_float
from onefuture.stats._groups import group_rows
from onefuture.stats.errors import StatsError
from onefuture.stats.results import QuantileAssignment

__all__ = ["quantiles"]


def quantiles(
    values: Any, *, n: int = 10, groups: Any = None, invert: bool = True
) -> QuantileAssignment:
    """Each value's quantile (1..n) among the values of its group.

    With N the number of non-missing values in the group and r the value's rank (ties take the
    lowest rank; with ``invert`` — the default — the *highest* value has rank 1, so for an index of
    deprivation score quantile 1 is the most deprived):

        quantile = ⌊(n + 1) − ⌈((N + 1) − r) / (N / n)⌉⌋, with 0 becoming 1.

    A missing value has no quantile; nor has any value in a group with fewer than ``n`` values.

    Source: PHEindicatormethods ``phe_quantile`` (``ties.method = "min"``).

    Examples
    --------
    >>> quantiles([10, 40, 20, 30], n=2).quantile
    array([2., 1., 2., 1.])
    >>> quantiles([10, 40, 20, 30], n=2, invert=False).quantile
    array([1., 2., 1., 2.])
    >>> quantiles([5, 5, 1, 9, 7, 2], n=3, groups=["a", "a", "a", "b", "b", "b"]).quantile
    array([1., 1., 3., 1., 2., 3.])
    """
    if not isinstance(n, int | np.integer) or isinstance(n, bool) or n < 1:
        raise StatsError(f"n (the number of quantiles) must be a whole number from 1, got {n!r}")
    x = as_float(values, "values")
    grouping = group_rows(groups, len(x))
    g = grouping.inverse
    present = ~np.isnan(x)
    sort_key = np.where(present, -x if invert else x, np.inf)
    # Missing values sort last within their group (inf), after every real value.
    order = np.lexsort((sort_key, g))
    sorted_g, sorted_key = g[order], sort_key[order]
    position = np.arange(len(x))
    new_group = np.ones(len(x), dtype=bool)
    new_group[1:] = sorted_g[1:] != sorted_g[:-1]
    new_run = new_group.copy()
    new_run[1:] |= sorted_key[1:] != sorted_key[:-1]
    group_start = np.maximum.accumulate(np.where(new_group, position, 0))
    run_start = np.maximum.accumulate(np.where(new_run, position, 0))
    rank = np.empty(len(x))
    rank[order] = run_start - group_start + 1.0

    count = grouping.sum(present.astype(np.float64))[g]
    with np.errstate(divide="ignore", invalid="ignore"):
        quantile = np.floor((n + 1) - np.ceil(((count + 1) - rank) / (count / n)))
    quantile[quantile == 0] = 1.0
    too_few = count < n
    quantile[too_few | ~present] = np.nan
    reason = np.full(len(x), "", dtype=object)
    reason[too_few] = f"fewer than {n} values in the group"
    reason[~present] = "no value"
    lowest = "highest" if invert else "lowest"
    return QuantileAssignment(
        quantile=quantile,
        reason=reason,
        method="PHE quantiles (phe_quantile)",
        rule=(
            f"Values ranked within each group and split into {n} equal-sized groups; quantile 1 "
            f"holds the {lowest} values. Tied values share a quantile; a group with fewer than "
            f"{n} values is not split."
        ),
        parameters={"n": int(n), "invert": bool(invert), "grouped": groups is not None},
    )
