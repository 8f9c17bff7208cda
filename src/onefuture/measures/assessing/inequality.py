"""Inequality: the slope index of inequality (``stats.sii``) and the gap between the most and
the least deprived groups (``stats.gap``), by one path for two kinds of grouping:

* a deprivation breakdown's latest period: the deciles (or quintiles) of one area;
* a local authority's wards, ranked from most to least deprived by their own deprivation decile,
  or the mean decile of their small areas (a ward with neither is left out; fewer than three
  wards give no result).

Both become the same table (one row per group member with its rank, value, limits and counts),
and every batch of groups with the same number of ranks is one call to the library.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from onefuture import stats
from onefuture.measures import vocabulary
from onefuture.measures.assessing.load import Inputs
from onefuture.measures.assessing.store import Rows, finite
from onefuture.measures.estimates import COUNTED_TYPES, estimate_from_counts
from onefuture.measures.models import AssessmentKind
from onefuture.places.models import Area, Place

KIND = AssessmentKind.INEQUALITY.value
#: Fixed, so a re-assessment of unchanged data gives the same confidence limits.
SEED = 20240401
SIMULATIONS = 10_000
WARD = "ward"
#: Fewer wards than this give no inequality result: a slope through two points says little.
MINIMUM_WARDS = 3

_GROUP_COLUMNS = [
    "measure_id",
    "area_id",  # the area the result is for: the deciles' area, or the wards' local authority
    "member_id",  # the area of each row: the same area for deciles, the ward for wards
    "breakdown",
    "quantile",  # 1 = most deprived ... quantiles = least deprived
    "quantiles",
    "period",
    "value",
    "lower",
    "upper",
    "numerator",
    "denominator",
    "illustrative",
]


def inequality_assess(inputs: Inputs, rows: Rows) -> None:
    wanted = inputs.wanting(KIND)
    if not wanted:
        return
    points = inputs.points[inputs.points["measure_id"].isin(wanted)]
    for members in (_deprivation_groups(points), _ward_groups(points, inputs.place)):
        if not members.empty:
            _assess(members, inputs, rows)


def _deprivation_groups(points: pd.DataFrame) -> pd.DataFrame:
    """The deciles (quintiles) of each measure × area × breakdown's latest period."""
    deprivation = points[points["breakdown"].isin(["deprivation_decile", "deprivation_quintile"])]
    if deprivation.empty:
        return pd.DataFrame(columns=_GROUP_COLUMNS)
    last_year = deprivation.groupby(["measure_id", "area_id", "breakdown"])["year"].transform("max")
    latest = deprivation[deprivation["year"] == last_year]
    return latest.assign(
        member_id=latest["area_id"],
        quantile=latest["category"].astype(int),
        quantiles=np.where(latest["breakdown"] == "deprivation_decile", 10, 5),
    )[_GROUP_COLUMNS]


def _ward_deprivation(place: Place) -> tuple[dict[int, float], dict[int, int]]:
    """Each ward's deprivation (its own decile, else the mean decile of its small areas) and
    its parent area. Lower is more deprived."""
    areas = list(
        Area.objects.filter(place=place).values_list(
            "id", "type", "parent_id", "deprivation_decile"
        )
    )
    children: dict[int, list[int]] = defaultdict(list)
    for _id, kind, parent, decile in areas:
        if kind == "small_area" and parent is not None and decile is not None:
            children[parent].append(decile)
    score, parent_of = {}, {}
    for area_id, kind, parent, decile in areas:
        if kind != "ward" or parent is None:
            continue
        if decile is not None:
            score[area_id] = float(decile)
        elif children.get(area_id):
            score[area_id] = float(np.mean(children[area_id]))
        else:
            continue
        parent_of[area_id] = parent
    return score, parent_of


def _ward_groups(points: pd.DataFrame, place: Place) -> pd.DataFrame:
    """The wards of each measure × local authority's latest period, ranked most deprived first
    (ties broken by area id, so the order is stable)."""
    headline = points[points["breakdown"] == "none"]
    if headline.empty:
        return pd.DataFrame(columns=_GROUP_COLUMNS)
    score, parent_of = _ward_deprivation(place)
    wards = headline[headline["area_id"].isin(list(score))]
    if wards.empty:
        return pd.DataFrame(columns=_GROUP_COLUMNS)
    wards = wards.assign(
        member_id=wards["area_id"],
        area_id=wards["area_id"].map(parent_of).astype(np.int64),
        score=wards["area_id"].map(score),
    )
    last = wards.groupby(["measure_id", "area_id"])["year"].transform("max")
    wards = wards[wards["year"] == last].sort_values(
        ["measure_id", "area_id", "score", "member_id"]
    )
    group = wards.groupby(["measure_id", "area_id"], sort=False)
    wards = wards.assign(
        breakdown=WARD,
        quantile=group.cumcount().to_numpy() + 1,
        quantiles=group["member_id"].transform("size").to_numpy(),
    )
    return wards[wards["quantiles"] >= MINIMUM_WARDS][_GROUP_COLUMNS]


def limits_where_missing(part: pd.DataFrame, inputs: Inputs) -> tuple[np.ndarray, np.ndarray]:
    """The rows' confidence limits, computed from the counts where only counts are given.

    ``stats.sii`` derives each value's uncertainty from its limits, so a single row without
    them makes the whole index NaN. Deprivation and ward breakdowns are often published as a
    numerator and denominator alone: for a proportion (Wilson) or a crude rate (Poisson) the
    limits follow from those counts (``estimates.estimate_from_counts``, the importer's rule
    too). Other value types (a DSR needs its standard population) keep what they were given.
    """
    lower = part["lower"].to_numpy(dtype=np.float64).copy()
    upper = part["upper"].to_numpy(dtype=np.float64).copy()
    numerator = part["numerator"].to_numpy(dtype=np.float64)
    denominator = part["denominator"].to_numpy(dtype=np.float64)
    value_type = inputs.per_measure(part["measure_id"], "value_type").to_numpy()
    multiplier = inputs.per_measure(part["measure_id"], "multiplier").to_numpy()
    counted = (
        (np.isnan(lower) | np.isnan(upper))
        & np.isfinite(numerator)
        & np.isfinite(denominator)
        & (denominator > 0)
        & (numerator >= 0)
    )
    for kind in COUNTED_TYPES:
        rows = counted & (value_type == kind)
        if kind == "proportion":
            rows &= numerator <= denominator
        for scale in np.unique(multiplier[rows]):
            at = np.flatnonzero(rows & (multiplier == scale))
            _, lower[at], upper[at] = estimate_from_counts(
                kind, float(scale), numerator[at], denominator[at]
            )
    return lower, upper


def _assess(members: pd.DataFrame, inputs: Inputs, rows: Rows) -> None:
    for (breakdown, size), part in members.groupby(["breakdown", "quantiles"], sort=False):
        size = int(size)
        keys = (part["measure_id"].astype(str) + "|" + part["area_id"].astype(str)).to_numpy()
        population = part["denominator"].to_numpy(dtype=np.float64)
        weights_known = pd.Series(np.isfinite(population)).groupby(keys).transform("all")
        population = np.where(weights_known.to_numpy(), population, 1.0)
        lower, upper = limits_where_missing(part, inputs)
        result = stats.sii(
            part["quantile"].to_numpy(),
            population,
            part["value"].to_numpy(dtype=np.float64),
            lower=lower,
            upper=upper,
            groups=keys,
            quantiles=size,
            seed=SEED,
            simulations=SIMULATIONS,
        )
        groups = [str(g) for g in result.groups]
        by_key = part.set_index(keys)
        most = by_key[by_key["quantile"] == 1]
        least = by_key[by_key["quantile"] == size]
        gap = stats.gap(
            most["value"].reindex(groups).to_numpy(dtype=np.float64),
            least["value"].reindex(groups).to_numpy(dtype=np.float64),
        )
        first = part.groupby(keys)["period"].first()
        weighted = pd.Series(weights_known.to_numpy()).groupby(keys).all()
        illustrative = pd.Series(part["illustrative"].to_numpy(dtype=bool)).groupby(keys).any()
        wards = breakdown == WARD
        if wards:
            across = f"{size} wards"
            method = f"{result.method}, across wards ranked by deprivation; {gap.method}"
            ranked = (
                "Wards are ranked from most to least deprived by their deprivation decile (or"
                f" the mean decile of their small areas). {result.rule} {gap.rule}"
            )
        else:
            word = "deciles" if size == 10 else "quintiles"
            across = f"deprivation {word}"
            method = f"{result.method}; {gap.method}"
            ranked = f"{result.rule} {gap.rule}"
        member = "ward" if wards else "group"
        for j, group in enumerate(groups):
            measure_id, area_id = (int(x) for x in group.split("|"))
            measure = inputs.measures[measure_id]
            sii_value = finite(result.sii.value[j])
            is_weighted = bool(weighted.get(group, False))
            numbers = {
                "sii": sii_value,
                "sii_lower": finite(result.sii.lower[j]),
                "sii_upper": finite(result.sii.upper[j]),
                "rii": finite(result.rii.value[j]),
                "gap_absolute": finite(gap.absolute[j]),
                "gap_relative": finite(gap.relative[j]),
                "reason": str(result.reason[j]),
                "population_weighted": is_weighted,
                "value_type": measure.value_type,
            }
            if wards:
                numbers.update(
                    most_deprived_ward=int(most.at[group, "member_id"]),
                    least_deprived_ward=int(least.at[group, "member_id"]),
                    wards=size,
                )
            if illustrative.get(group, False):
                numbers["illustrative"] = True
            rows.add(
                measure_id=measure_id,
                area_id=area_id,
                breakdown=breakdown,
                category="",
                kind=KIND,
                benchmark_id=None,
                period=str(first.get(group, "")),
                label=vocabulary.inequality_label(sii_value),
                text=vocabulary.inequality_sentence(sii_value, measure.unit, across),
                numbers=numbers,
                method=method,
                rule=ranked
                + (
                    ""
                    if is_weighted
                    else f" No populations were given, so every {member} counts equally."
                ),
            )
