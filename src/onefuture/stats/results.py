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
    row_method: NDArray[Any] | None = None
    reason: NDArray[Any] | None = None

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


def _freeze_fields(result: Any) -> None:
    """Make every array of a frozen result read-only and its parameters a read-only mapping."""
    for name, value in vars(result).items():
        if isinstance(value, np.ndarray):
            object.__setattr__(result, name, _freeze(value))
    if isinstance(getattr(result, "parameters", None), Mapping):
        object.__setattr__(result, "parameters", MappingProxyType(dict(result.parameters)))


@dataclass(frozen=True, eq=False)
class InequalityIndex:
    """Slope and relative index of inequality, one row per group (``inequality.sii``).

    ``sii`` and ``rii`` are :class:`Estimate` objects (value with simulated limits), so a page shows
    them like any other estimate; ``intercept`` is the fitted value at the most deprived end.
    ``reason`` says why a group's row is NaN (empty string otherwise); ``levels`` maps each
    confidence level asked for to its ``(sii, rii)`` pair.
    """

    sii: Estimate
    rii: Estimate
    intercept: FloatArray
    groups: NDArray[Any] | None
    method: str
    rule: str
    reason: NDArray[np.str_]
    parameters: Mapping[str, Any] = field(default_factory=dict)
    levels: Mapping[float, tuple[Estimate, Estimate]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze_fields(self)


@dataclass(frozen=True, eq=False)
class Gap:
    """Absolute (difference) and relative (ratio) gap between two groups (``inequality.gap``)."""

    absolute: FloatArray
    relative: FloatArray
    method: str
    rule: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze_fields(self)


@dataclass(frozen=True, eq=False)
class Quintiles:
    """Fingertips quintiles (``comparison.quintiles``): bounds per group, a category per row.

    ``bounds`` has one row per group: minimum, 20th, 40th, 60th, 80th percentile, maximum.
    ``category`` is 1..5 (0 where not compared); ``label`` names where the value sits.
    """

    category: NDArray[np.int64]
    label: NDArray[np.str_]
    bounds: FloatArray
    groups: NDArray[Any] | None
    method: str
    rule: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze_fields(self)


@dataclass(frozen=True, eq=False)
class Trend:
    """Recent trend per series (``trends.trend``), one row per group.

    ``marker`` is ``"increasing"``, ``"decreasing"``, ``"no_significant_change"`` or
    ``"cannot_be_calculated"``; ``label`` is the marker in words with polarity; ``reason`` says why.
    """

    marker: NDArray[np.str_]
    label: NDArray[np.str_]
    chi2: FloatArray
    slope: FloatArray
    reason: NDArray[np.str_]
    groups: NDArray[Any] | None
    method: str
    rule: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    row_method: NDArray[np.str_] | None = None

    def __post_init__(self) -> None:
        _freeze_fields(self)


@dataclass(frozen=True, eq=False)
class Progress:
    """Progress towards a target or desired direction (``targets.progress``), one row per input."""

    category: NDArray[np.str_]
    cagr_actual: FloatArray
    cagr_required: FloatArray
    ratio: FloatArray
    reason: NDArray[np.str_]
    method: str
    rule: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze_fields(self)


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The latest value against the path from baseline to target (``targets.on_trajectory``).

    ``status`` is ``"on_or_ahead"``, ``"behind"`` or ``"not_assessed"``; ``on_track`` is True only
    for the first; ``expected`` is the path's value that year; ``difference`` is value − expected.
    """

    on_track: NDArray[np.bool_]
    status: NDArray[np.str_]
    expected: FloatArray
    difference: FloatArray
    method: str
    rule: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze_fields(self)


@dataclass(frozen=True, eq=False)
class QuantileAssignment:
    """Each row's quantile within its group (``quantiling.quantiles``), in the input's row order.

    ``quantile`` is 1..n as floats, NaN where the value is missing or its group has fewer
    values than quantiles; ``reason`` says why for those rows (empty string otherwise).
    """

    quantile: FloatArray
    reason: NDArray[Any]
    method: str
    rule: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze_fields(self)


@dataclass(frozen=True, eq=False)
class FunnelLimits:
    """Funnel-plot control limits at 100 points along the x axis (``funnels.funnel_limits``).

    ``x`` is the axis (population for proportions, observed events for ratios, events for
    rates); the limits are the 95 % ("2s") and 99.8 % ("3s") lines around ``baseline``. For rates,
    ``population`` is the person-years per year at which each limit applies.
    """

    x: FloatArray
    lower_95: FloatArray
    upper_95: FloatArray
    lower_99_8: FloatArray
    upper_99_8: FloatArray
    baseline: float
    statistic: str
    method: str
    rule: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze_fields(self)


@dataclass(frozen=True, eq=False)
class FunnelSignificance:
    """Where each row falls on a funnel plot (``funnels.funnel_significance``).

    ``label`` is ``"high_99_8"``, ``"high_95"``, ``"not_significant"``, ``"low_95"``,
    ``"low_99_8"`` or ``"not_applicable"``; ``baseline`` is the funnel's average.
    """

    label: NDArray[Any]
    baseline: float
    method: str
    rule: str
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze_fields(self)


class Labels(np.ndarray):
    """A numpy array of category words that also says how they were decided.

    ``compare`` and ``compare_spc`` return one: it behaves as the plain array of strings the
    architecture promises (``labels.tolist()``, ``labels == "worse"``), and it carries
    ``.method``, ``.rule`` and ``.parameters`` so a page can show the rule beside the words.
    """

    method: str
    rule: str
    parameters: Mapping[str, Any]

    def __new__(
        cls, words: NDArray[Any], *, method: str, rule: str, parameters: Mapping[str, Any]
    ) -> Labels:
        labels = np.asarray(words).view(cls)
        labels.method = method
        labels.rule = rule
        labels.parameters = MappingProxyType(dict(parameters))
        labels.flags.writeable = False
        return labels

    def __array_finalize__(self, obj: Any) -> None:
        self.method = getattr(obj, "method", "")
        self.rule = getattr(obj, "rule", "")
        self.parameters = getattr(obj, "parameters", MappingProxyType({}))

    def __repr__(self) -> str:
        return repr(self.view(np.ndarray))
