"""Input handling shared by every statistics module: coercion to float arrays and checks.

Array-likes (lists, numpy arrays, pandas or polars Series) come in; float64 numpy arrays go out.
Checks raise :class:`StatsError` naming the argument and the first offending position.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onefuture.stats.errors import StatsError

FloatArray = NDArray[np.float64]


def as_float(values: Any, name: str) -> FloatArray:
    """``values`` as a 1-d float64 array (a scalar becomes length 1); None becomes NaN."""
    if hasattr(values, "to_numpy"):  # pandas / polars Series
        values = values.to_numpy()
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise StatsError(f"{name} must be numbers") from None
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        raise StatsError(f"{name} must be one-dimensional, got shape {array.shape}")
    return array


def as_keys(values: Any, name: str) -> NDArray[Any]:
    """Group keys as a 1-d numpy array (any dtype that ``np.unique`` can sort)."""
    if hasattr(values, "to_numpy"):
        values = values.to_numpy()
    array = np.asarray(values)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        raise StatsError(f"{name} must be one-dimensional, got shape {array.shape}")
    return array


def same_length(**arrays: NDArray[Any]) -> int:
    """The common length of the arrays; raises naming the first one that differs."""
    items = list(arrays.items())
    first_name, first = items[0]
    for name, array in items[1:]:
        if len(array) != len(first):
            raise StatsError(
                f"{name} has {len(array)} values but {first_name} has {len(first)}: "
                "they must be the same length"
            )
    return len(first)


def broadcast(named: dict[str, NDArray[Any]]) -> list[NDArray[Any]]:
    """Broadcast scalars (length 1) against arrays; raise naming a mismatched argument."""
    lengths = {name: len(a) for name, a in named.items() if len(a) != 1}
    if len(set(lengths.values())) > 1:
        first = next(iter(lengths))
        for name, size in lengths.items():
            if size != lengths[first]:
                raise StatsError(
                    f"{name} has {size} values but {first} has {lengths[first]}: "
                    "they must be the same length (or a single value)"
                )
    return [np.asarray(a) for a in np.broadcast_arrays(*named.values())]


def check_confidence(confidence: float) -> float:
    """A confidence level strictly between 0 and 1 (0.95, 0.998)."""
    if not (isinstance(confidence, int | float) and 0 < confidence < 1):
        raise StatsError(f"confidence must be a fraction between 0 and 1, got {confidence!r}")
    return float(confidence)


def check_non_negative(array: FloatArray, name: str, what: str = "counts") -> None:
    """Raise at the first negative value (NaN is allowed: it means missing)."""
    bad = np.flatnonzero(array < 0)
    if bad.size:
        i = int(bad[0])
        raise StatsError(f"{name}[{i}] is {array[i]:g}: {what} cannot be negative")


def check_not_above(
    smaller: FloatArray, larger: FloatArray, smaller_name: str, larger_name: str
) -> None:
    """Raise at the first position where ``smaller`` exceeds ``larger``."""
    bad = np.flatnonzero(smaller > larger)
    if bad.size:
        i = int(bad[0])
        raise StatsError(
            f"{smaller_name}[{i}] is {smaller[i]:g}, above {larger_name}[{i}] = {larger[i]:g}"
        )


def check_multiplier(multiplier: Any, name: str = "multiplier") -> float:
    """A positive, finite scale (100 for a percentage, 100,000 for a rate); Decimals are fine."""
    try:
        value = float(multiplier)
    except (TypeError, ValueError):
        raise StatsError(f"{name} must be a number, got {multiplier!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise StatsError(f"{name} must be a positive number, got {multiplier!r}")
    return value
