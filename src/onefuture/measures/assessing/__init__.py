"""Assessment of every series in bulk, through :mod:`onefuture.stats` and nothing else.

A series is one measure × area × breakdown × category, ordered by period. For the measures
asked for, :mod:`.load` reads all their data points in one query; each kind hands whole arrays to
the library (one call per kind and polarity, never one per row); :mod:`.store` replaces the
stored :class:`~onefuture.measures.models.Assessment` rows in one bulk write:

* :mod:`.comparison` — each series' latest value against each benchmark area's value
  (``stats.compare``);
* :mod:`.trend` — the recent trend of each annual series (``stats.trend``);
* :mod:`.targets` — progress (``stats.progress``) and trajectory (``stats.on_trajectory``) of
  the home area's headline series against the next target due;
* :mod:`.inequality` — slope index of inequality and gap across deprivation deciles (quintiles)
  or a local authority's wards (``stats.sii``, ``stats.gap``).

Every stored row carries the library's method name and rule text, and its words come from
:mod:`onefuture.measures.vocabulary`, the one table of what each label means.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from onefuture.measures.assessing.comparison import comparisons_assess
from onefuture.measures.assessing.inequality import inequality_assess, limits_where_missing
from onefuture.measures.assessing.load import Inputs, inputs_load, points_load
from onefuture.measures.assessing.store import Rows, assessments_store
from onefuture.measures.assessing.targets import targets_assess
from onefuture.measures.assessing.trend import trends_assess
from onefuture.measures.importers.upsert import statistics_refresh_on_commit
from onefuture.measures.models import Assessment, AssessmentRecord, Measure
from onefuture.places.models import Place

__all__ = [
    "Inputs",
    "Rows",
    "assessments_compute_and_store",
    "assessments_store",
    "comparisons_assess",
    "inequality_assess",
    "inputs_load",
    "limits_where_missing",
    "points_load",
    "targets_assess",
    "trends_assess",
]


#: Measures assessed together: each measure's assessments depend on its own data alone, so a
#: national data set (10⁷ points) is read and assessed a slice at a time, in bounded memory.
MEASURES_PER_PASS = 10


def assessments_compute_and_store(
    *,
    place: Place,
    measure_ids: Iterable[int] | None = None,
    cause: str = "",
    batch_id: int | None = None,
) -> int:
    """Recompute and replace the assessments of ``measure_ids`` (all of ``place``'s if None);
    return how many were stored. ``cause`` and ``batch_id`` go into the history of results
    that changed. All or nothing: one transaction, however many passes of
    ``MEASURES_PER_PASS`` measures it takes."""
    if measure_ids is None:
        ids = list(Measure.objects.filter(place=place).order_by("id").values_list("id", flat=True))
    else:
        ids = sorted({int(m) for m in measure_ids})
    stored = 0
    with transaction.atomic():
        for start in range(0, len(ids), MEASURES_PER_PASS):
            stored += _assess_pass(
                place=place,
                measure_ids=ids[start : start + MEASURES_PER_PASS],
                cause=cause,
                batch_id=batch_id,
            )
        statistics_refresh_on_commit(
            [Assessment._meta.db_table, AssessmentRecord._meta.db_table], stored
        )
    return stored


def _assess_pass(*, place: Place, measure_ids: list[int], cause: str, batch_id: int | None) -> int:
    inputs = inputs_load(place=place, measure_ids=measure_ids)
    if inputs is None:
        return 0
    rows = Rows()
    points = inputs.points
    if len(points):
        comparisons_assess(inputs, rows)
        trends_assess(inputs, rows)
        targets_assess(inputs, rows)
        inequality_assess(inputs, rows)
        illustrative = set(
            points.loc[points["illustrative"], ["measure_id", "area_id", "breakdown"]]
            .drop_duplicates()
            .itertuples(index=False, name=None)
        )
    else:
        illustrative = set()
    return assessments_store(
        measure_ids=sorted(inputs.measures),
        rows=rows,
        illustrative=illustrative,
        cause=cause,
        batch_id=batch_id,
    )
