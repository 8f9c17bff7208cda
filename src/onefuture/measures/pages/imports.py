"""The import pages' reads: an import batch, and a measure's data as an import template."""

from __future__ import annotations

import pandas as pd

from onefuture.measures import selectors
from onefuture.measures.models import (
    DataPoint,
    ImportBatch,
    Measure,
)
from onefuture.measures.pages.basics import _benchmarks, measure_home_area
from onefuture.places.models import Place


def import_batch_get(*, place: Place, batch_id: int) -> ImportBatch:
    """The place's import batch ``batch_id`` (raises ImportBatch.DoesNotExist otherwise)."""
    return selectors.import_batch_detail(place=place, batch_id=batch_id)


#: How many of an import's errors the status page lists (the rest are counted).
ERRORS_SHOWN = 200

TEMPLATE_COLUMNS = (
    "measure",
    "area",
    "period",
    "breakdown",
    "category",
    "value",
    "lower",
    "upper",
    "numerator",
    "denominator",
    "notes",
    "source",
    "illustrative",
)


def measure_template_frame(*, measure: Measure) -> pd.DataFrame:
    """The measure's data in the import format: re-importing it changes nothing.

    Without data yet, one row per area the measure is shown for (its own area, benchmarks and
    comparators) with the period and value left for the officer to fill in.
    """
    rows = list(
        DataPoint.objects.filter(measure=measure)
        .order_by("area__code", "breakdown", "category", "year", "period")
        .values(
            "area__code",
            "period",
            "breakdown",
            "category",
            "value",
            "lower",
            "upper",
            "numerator",
            "denominator",
            "notes",
            "source",
            "illustrative",
        )
    )
    if rows:
        frame = pd.DataFrame(rows).rename(columns={"area__code": "area"})
        frame["illustrative"] = frame["illustrative"].map({True: "yes", False: ""})
    else:
        areas = [measure_home_area(measure), *_benchmarks(measure)]
        if measure.comparator_group is not None:
            areas += list(measure.comparator_group.areas.all())
        codes = list(dict.fromkeys(a.code for a in areas if a is not None))
        frame = pd.DataFrame({"area": codes or [""], "breakdown": "none"})
    frame["measure"] = measure.key
    return frame.reindex(columns=list(TEMPLATE_COLUMNS))
