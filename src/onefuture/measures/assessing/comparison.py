"""Each series' latest value against each benchmark area's value for the same period, breakdown
and category (``stats.compare``: confidence intervals, Fingertips style)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from onefuture import stats
from onefuture.measures import vocabulary
from onefuture.measures.assessing.load import Inputs, latest
from onefuture.measures.assessing.store import Rows, json_lines
from onefuture.measures.models import AssessmentKind

KIND = AssessmentKind.COMPARISON.value


def comparisons_assess(inputs: Inputs, rows: Rows) -> None:
    points = inputs.points
    pairs = [(m, b) for m, bs in inputs.benchmarks.items() for b in bs if inputs.applies(m, KIND)]
    if not pairs:
        return
    bench_keys = pd.DataFrame(pairs, columns=["measure_id", "benchmark_id"])
    subject = latest(points).merge(bench_keys, on="measure_id")
    subject = subject[subject["area_id"] != subject["benchmark_id"]]
    reference = points[
        ["measure_id", "area_id", "period", "breakdown", "category", "value"]
    ].rename(columns={"area_id": "benchmark_id", "value": "benchmark_value"})
    joined = subject.merge(
        reference, on=["measure_id", "benchmark_id", "period", "breakdown", "category"], how="left"
    )
    if joined.empty:
        return
    joined["polarity"] = inputs.per_measure(joined["measure_id"], "polarity")
    for polarity, part in joined.groupby("polarity", sort=False):
        result = stats.compare(
            part["value"].to_numpy(),
            part["lower"].to_numpy(),
            part["upper"].to_numpy(),
            part["benchmark_value"].to_numpy(),
            polarity=polarity,
        )
        labels = np.asarray(result)
        method, rule = str(result.method), str(result.rule)
        names = [inputs.area_names.get(b, "the benchmark") for b in part["benchmark_id"]]
        rows.extend(
            measure_id=part["measure_id"],
            area_id=part["area_id"],
            breakdown=part["breakdown"],
            category=part["category"],
            kind=[KIND] * len(part),
            benchmark_id=part["benchmark_id"],
            period=part["period"],
            label=labels,
            text=vocabulary.sentences(KIND, labels, benchmark=names),
            numbers=json_lines(part[["value", "lower", "upper", "benchmark_value"]]),
            method=[method] * len(part),
            rule=[rule] * len(part),
        )
