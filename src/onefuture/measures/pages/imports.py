"""The import pages' reads: an import batch, and a measure's data as an import template."""

from __future__ import annotations

from onefuture.measures import selectors
from onefuture.measures.models import ImportBatch
from onefuture.measures.selectors import TEMPLATE_COLUMNS, measure_template_frame
from onefuture.places.models import Place

__all__ = ["ERRORS_SHOWN", "TEMPLATE_COLUMNS", "import_batch_get", "measure_template_frame"]


def import_batch_get(*, place: Place, batch_id: int) -> ImportBatch:
    """The place's import batch ``batch_id`` (raises ImportBatch.DoesNotExist otherwise)."""
    return selectors.import_batch_detail(place=place, batch_id=batch_id)


#: How many of an import's errors the status page lists (the rest are counted).
ERRORS_SHOWN = 200
