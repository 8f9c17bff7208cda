"""onefuture's statistics library: pure numpy/scipy, never Django.

Every public function is re-exported here, so callers write
``from onefuture import stats; stats.proportion(...)``.
"""

from onefuture.stats.errors import StatsError

__all__ = ["StatsError"]
