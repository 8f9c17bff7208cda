"""onefuture's statistics library: pure numpy/scipy, never Django.

Every public function is re-exported here, so callers write
``from onefuture import stats; stats.proportion(...)``.
"""

from onefuture.stats.comparison import compare, compare_spc, quintiles
from onefuture.stats.errors import StatsError
from onefuture.stats.funnels import funnel_limits, funnel_significance
from onefuture.stats.inequality import gap, sii
from onefuture.stats.intervals import (
    byars_limits,
    exact_poisson_limits,
    mean,
    poisson_limits,
    proportion,
    rate,
    wilson_limits,
    z_value,
)
from onefuture.stats.life_tables import life_expectancy
from onefuture.stats.quantiling import quantiles
from onefuture.stats.results import Estimate
from onefuture.stats.standardisation import ESP2013, dsr, isr
from onefuture.stats.targets import on_trajectory, progress
from onefuture.stats.trends import trend

__all__ = [
    "ESP2013",
    "Estimate",
    "StatsError",
    "byars_limits",
    "compare",
    "compare_spc",
    "dsr",
    "exact_poisson_limits",
    "funnel_limits",
    "funnel_significance",
    "gap",
    "isr",
    "life_expectancy",
    "mean",
    "on_trajectory",
    "poisson_limits",
    "progress",
    "proportion",
    "quantiles",
    "quintiles",
    "rate",
    "sii",
    "trend",
    "wilson_limits",
    "z_value",
]
