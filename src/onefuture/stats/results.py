"""The result types every statistics function shares.

Results are frozen dataclasses holding numpy arrays, so a page, a report or the API can show the
number, its limits *and* the rule that produced them without knowing which function ran.
Arrays inside a result are made read-only: a result is a record of a calculation, not a buffer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def _freeze(array: NDArray[Any] | None) -> NDArray[Any] | None:
    if array is None:
        return None
    array = np.asarray(array)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class Estimate:
    """A point estimate with confidence limits, one row per input row (or per group).

    Attributes
    ----------
    value, lower, upper : numpy arrays of float
        The estimate and its confidence limits; NaN where undefined (e.g. a denominator of 0,
        or a row suppressed by the method's small-number rule).
    method : str
        The method's name, e.g. ``"Wilson"``, ``"Byar's / exact Poisson"``, ``"Dobson"``.
    rule : str
        The rule in plain English, fit to show beside the number on a page.
    confidence : float
        The confidence level of ``lower``/``upper`` as a fraction (0.95, 0.998).
    groups : numpy array or None
        For grouped calls, the unique group keys in ``np.unique`` order, one per row.
    statistic : str
        What the value is, e.g. ``"percentage"``, ``"rate per 100000"``.
    parameters : mapping
        Every parameter that shaped the result (multiplier, thresholds, ...), for audit.
    row_method : numpy array of str or None
        Where the method differs row by row (a rate's exact or Byar's limits), each row's method.
    reason : numpy array of str or None
        Where a row is NaN by rule rather than by missing input, why (empty string otherwise).
    """

    value: FloatArray
    lower: FloatArray
    upper: FloatArray
    method: str
    rule: str
    confidence: float
    groups: NDArray[Any] | None = None
    statistic: str = ""
    parameters: Mapping[str, Any] = field(default_factory=dict)
    row_method: NDArray[np.str_] | None = None
    reason: NDArray[np.str_] | None = None

    def __post_init__(self) -> None:
        for name in ("value", "lower", "upper", "groups", "row_method", "reason"):
            object.__setattr__(self, name, _freeze(getattr(self, name)))
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    def __len__(self) -> int:
        return len(self.value)

    def as_records(self) -> list[dict[str, Any]]:
        """One plain dict per row (for JSON, templates and the API); NaN stays NaN."""
        n = len(self.value)
        rows: list[dict[str, Any]] = []
        for i in range(n):
            row: dict[str, Any] = {
                "value": float(self.value[i]),
                "lower": float(self.lower[i]),
                "upper": float(self.upper[i]),
                "confidence": self.confidence,
                "method": self.method if self.row_method is None else str(self.row_method[i]),
                "statistic": self.statistic,
            }
            if self.groups is not None:
                key = self.groups[i]
                row["group"] = key.item() if hasattr(key, "item") else key
            if self.reason is not None:
                row["reason"] = str(self.reason[i])
            rows.append(row)
        return rows
