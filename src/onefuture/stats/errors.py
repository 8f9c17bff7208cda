"""The one error type of :mod:`onefuture.stats`."""

from __future__ import annotations


class StatsError(ValueError):
    """Inputs that make no sense at all (not merely an undefined row, which gives NaN).

    The message names the argument and the first offending position, e.g.
    ``"numerator[3] is -2: counts cannot be negative"``.
    """
