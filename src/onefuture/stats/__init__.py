"""onefuture's statistics library: pure numpy/scipy, never Django.

Every public function is re-exported here, so callers write
``from onefuture import stats; stats.proportion(...)``.
"""

from onefuture.stats.errors import StatsError
from onefuture.stats.intervals import (
    byars_limits,
    exact_poisson_limits,
    mean,
    poisson_limits,
    proportion,
    rate,
    wilson_limits,
)
from onefuture.stats.results import Estimate
from onefuture.stats.standardisation import ESP2013, dsr, isr

__all__ = [
    "ESP2013",
    "Estimate",
    "StatsError",
    "byars_limits",
    "dsr",
    "exact_poisson_limits",
    "isr",
    "mean",
    "poisson_limits",
    "proportion",
    "rate",
    "wilson_limits",
]
