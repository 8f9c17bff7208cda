"""The recent trend of each series of annual, non-overlapping periods (``stats.trend``,
Fingertips trend markers), worded for the measure's polarity."""

from __future__ import annotations

import numpy as np
import pandas as pd

from onefuture import stats
from onefuture.measures import vocabulary
from onefuture.measures.assessing.load import SERIES, Inputs
from onefuture.measures.assessing.store import Rows, json_lines
from onefuture.measures.models import AssessmentKind

KIND = AssessmentKind.TREND.value


def trends_assess(inputs: Inputs, rows: Rows) -> None:
    points = inputs.points
    # Annual, non-overlapping periods only (calendar, financial and academic years: span 1).
    annual = points[(points["span"] == 1) & points["measure_id"].isin(inputs.wanting(KIND))]
    if annual.empty:
        return
    polarity_of = inputs.per_measure(annual["measure_id"], "polarity")
    for polarity, part in annual.groupby(polarity_of.to_numpy(), sort=False):
        # Integer series codes: cheaper for the library to group than a million string keys.
        codes = part.groupby(SERIES, sort=True).ngroup().to_numpy()
        is_proportion = (
            inputs.per_measure(part["measure_id"], "value_type") == "proportion"
        ).to_numpy(dtype=bool)
        numerator = np.where(is_proportion, part["numerator"].to_numpy(), np.nan)
        denominator = np.where(is_proportion, part["denominator"].to_numpy(), np.nan)
        result = stats.trend(
            part["year"].to_numpy(),
            part["value"].to_numpy(),
            part["lower"].to_numpy(),
            part["upper"].to_numpy(),
            numerator=numerator,
            denominator=denominator,
            polarity=polarity,
            groups=codes,
        )
        # Rows are sorted by year within each series, so the last row of a code is its latest.
        last = part.assign(_code=codes).drop_duplicates("_code", keep="last").set_index("_code")
        series = last.loc[np.asarray(result.groups)]
        n = len(series)
        markers = np.asarray(result.marker).astype(str)
        rows.extend(
            measure_id=series["measure_id"],
            area_id=series["area_id"],
            breakdown=series["breakdown"],
            category=series["category"],
            kind=[KIND] * n,
            benchmark_id=[None] * n,
            period=series["period"],
            label=markers,
            text=vocabulary.sentences(KIND, markers, polarity=polarity),
            numbers=json_lines(
                pd.DataFrame(
                    {
                        "chi2": np.asarray(result.chi2),
                        "slope": np.asarray(result.slope),
                        "reason": np.asarray(result.reason).astype(str),
                        # The polarity the words were written for: the tag's colour needs it.
                        "polarity": np.full(n, polarity),
                    }
                )
            ),
            method=[result.method] * n,
            rule=[result.rule] * n,
        )
