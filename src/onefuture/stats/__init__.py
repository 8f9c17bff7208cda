"""onefuture's statistics library: pure numpy/scipy, never Django.

Every public function is re-exported here, so callers write
``from onefuture import stats; stats.proportion(...)``; so is every set of labels a function can
return (``stats.COMPARISON_LABELS``, ``stats.TREND_MARKERS`` ...), for callers that word them.
"""

from onefuture.stats.comparison import (
    COMPARISON_LABELS,
    COMPARISON_LABELS_BY_POLARITY,
    QUINTILE_LABELS,
    compare,
    compare_spc,
    quintiles,
)
from onefuture.stats.errors import StatsError
from onefuture.stats.funnels import FUNNEL_LABELS, funnel_limits, funnel_significance
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
from onefuture.stats.targets import (
    PROGRESS_CATEGORIES,
    TRAJECTORY_STATUSES,
    on_trajectory,
    progress,
)
from onefuture.stats.trends import TREND_MARKERS, trend

__all__ = [
    "COMPARISON_LABELS",
    "COMPARISON_LABELS_BY_POLARITY",
    "ESP2013",
    "FUNNEL_LABELS",
    "PROGRESS_CATEGORIES",
    "QUINTILE_LABELS",
    "TRAJECTORY_STATUSES",
    "TREND_MARKERS",
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
