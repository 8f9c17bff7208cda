"""Progress and trajectory: the home area's headline series from the baseline to the latest
value, against the next target due.

* progress — ``stats.progress`` (Eurostat-style CAGR ratio);
* trajectory — whether the latest value is on or ahead of the path from the baseline through the
  interim targets to the horizon target (``stats.on_trajectory``).

The home area is ``selectors.measure_home_area``'s (its own, else its comparator group's
subject): the same area the pages show the latest value for.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from onefuture import stats
from onefuture.measures import vocabulary
from onefuture.measures.assessing.load import Inputs
from onefuture.measures.assessing.store import Rows, finite
from onefuture.measures.models import AssessmentKind, Measure
from onefuture.measures.periods import period_parse

PROGRESS = AssessmentKind.PROGRESS.value
TRAJECTORY = AssessmentKind.TRAJECTORY.value


def _baseline(measure: Measure, first_year: float, first_value: float) -> tuple[float, float]:
    """Baseline (year, value) of the measure, or its first data point when it has none."""
    if measure.baseline_period and measure.baseline_value is not None:
        return period_parse(measure.baseline_period).year, float(measure.baseline_value)
    return first_year, first_value


def targets_assess(inputs: Inputs, rows: Rows) -> None:
    """Progress and trajectory rows for every measure with a judgement and a home area."""
    points = inputs.points
    headline = points[points["breakdown"] == "none"]
    progress_in: dict[str, list[Any]] = defaultdict(list)
    trajectory_in: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for measure_id, measure in inputs.measures.items():
        home = inputs.homes.get(measure_id)
        if measure.polarity == "no_judgement" or home is None:
            continue
        series = headline[(headline["measure_id"] == measure_id) & (headline["area_id"] == home)]
        if series.empty:
            continue
        first, last = series.iloc[0], series.iloc[-1]
        base_year, base_value = _baseline(measure, first.year, first.value)
        desired = "increase" if measure.polarity == "high_is_good" else "decrease"
        targets = inputs.targets.get(measure_id, [])
        due = [t for t in targets if t.year > last.year] or targets[-1:]
        target = due[0] if due else None
        common = {
            "measure_id": measure_id,
            "area_id": home,
            "period": last.period,
            "latest_year": float(last.year),
            "latest_value": float(last.value),
            "base_year": float(base_year),
            "base_value": float(base_value),
            "desired": desired,
            "target_period": target.period if target else "",
        }
        if inputs.applies(measure_id, PROGRESS) and last.year > base_year:
            for key, value in common.items():
                progress_in[key].append(value)
            progress_in["target_year"].append(target.year if target else np.nan)
            progress_in["target_value"].append(target.value if target else np.nan)
        if inputs.applies(measure_id, TRAJECTORY) and target is not None:
            # The path runs baseline → interim targets → horizon: use the segment the latest
            # year falls in.
            earlier = [t for t in targets if t.year <= last.year and t.year > base_year]
            start_year, start_value = (
                (earlier[-1].year, earlier[-1].value) if earlier else (base_year, base_value)
            )
            bucket = trajectory_in[measure.target_path]
            for key, value in common.items():
                bucket[key].append(value)
            bucket["start_year"].append(float(start_year))
            bucket["start_value"].append(float(start_value))
            bucket["target_year"].append(float(target.year))
            bucket["target_value"].append(float(target.value))
    if progress_in:
        _progress_rows(progress_in, rows)
    for path, bucket in trajectory_in.items():
        _trajectory_rows(path, bucket, rows)


def _progress_rows(data: dict[str, list[Any]], rows: Rows) -> None:
    desired = np.asarray(data["desired"])
    for direction in ("increase", "decrease"):
        mask = desired == direction
        if not mask.any():
            continue
        result = stats.progress(
            np.asarray(data["base_year"])[mask],
            np.asarray(data["base_value"])[mask],
            np.asarray(data["latest_year"])[mask],
            np.asarray(data["latest_value"])[mask],
            desired=direction,
            target_year=np.asarray(data["target_year"])[mask],
            target_value=np.asarray(data["target_value"])[mask],
        )
        index = np.flatnonzero(mask)
        categories = [str(c) for c in result.category]
        texts = vocabulary.sentences(
            PROGRESS,
            categories,
            goal=[vocabulary.goal_words(data["target_period"][i]) for i in index],
        )
        for j, i in enumerate(index):
            rows.add(
                measure_id=data["measure_id"][i],
                area_id=data["area_id"][i],
                breakdown="none",
                category="",
                kind=PROGRESS,
                benchmark_id=None,
                period=data["period"][i],
                label=categories[j],
                text=texts[j],
                numbers={
                    "base_year": data["base_year"][i],
                    "base_value": data["base_value"][i],
                    "latest_year": data["latest_year"][i],
                    "latest_value": data["latest_value"][i],
                    "target_year": finite(data["target_year"][i]),
                    "target_value": finite(data["target_value"][i]),
                    "cagr_actual": finite(result.cagr_actual[j]),
                    "cagr_required": finite(result.cagr_required[j]),
                    "ratio": finite(result.ratio[j]),
                    "reason": str(result.reason[j]),
                },
                method=result.method,
                rule=result.rule,
            )


def _trajectory_rows(path: str, data: dict[str, list[Any]], rows: Rows) -> None:
    desired = np.asarray(data["desired"])
    for direction in ("increase", "decrease"):
        mask = desired == direction
        if not mask.any():
            continue

        def pick(key: str, mask: np.ndarray = mask) -> np.ndarray:
            return np.asarray(data[key], dtype=np.float64)[mask]

        result = stats.on_trajectory(
            pick("start_year"),
            pick("start_value"),
            pick("target_year"),
            pick("target_value"),
            pick("latest_year"),
            pick("latest_value"),
            desired=direction,
            path=path,
        )
        index = np.flatnonzero(mask)
        statuses = [str(s) for s in result.status]
        texts = vocabulary.sentences(
            TRAJECTORY,
            statuses,
            goal=[vocabulary.goal_words(data["target_period"][i]) for i in index],
        )
        for j, i in enumerate(index):
            rows.add(
                measure_id=data["measure_id"][i],
                area_id=data["area_id"][i],
                breakdown="none",
                category="",
                kind=TRAJECTORY,
                benchmark_id=None,
                period=data["period"][i],
                label=statuses[j],
                text=texts[j],
                numbers={
                    "latest_year": data["latest_year"][i],
                    "latest_value": data["latest_value"][i],
                    "expected": finite(result.expected[j]),
                    "difference": finite(result.difference[j]),
                    "start_year": data["start_year"][i],
                    "start_value": data["start_value"][i],
                    "target_year": data["target_year"][i],
                    "target_value": data["target_value"][i],
                    "path": path,
                },
                method=result.method,
                rule=result.rule,
            )
