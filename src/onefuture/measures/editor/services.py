"""The measure editor's preview: what the measure page will say after an edit, saving nothing.

The edit is applied by the one write path (:func:`onefuture.measures.services.measure_edit`,
with its rights, rules and target validation), the measure is assessed as the worker would,
the page is built, and everything is rolled back: the preview shows the real verdicts of the
changed targets and benchmarks, and nothing is stored, queued or kept in the history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction

from onefuture.measures.services import assessments_recompute, measure_edit
from onefuture.places.models import Place

T = TypeVar("T")


class _RolledBack(Exception):
    """Carries the preview out of the rolled-back transaction."""

    def __init__(self, result: Any) -> None:
        super().__init__("preview rolled back")
        self.result = result


def measure_preview(
    *, user: Any, place: Place, key: str, build: Callable[[], T], **changes: Any
) -> T:
    """``build()`` (e.g. the measure page) as it would be after ``measure_edit(**changes)``.

    Raises what ``measure_edit`` raises (``PermissionDenied``, ``NotFound``,
    ``MeasureDefinitionError`` with the fields named); writes nothing: the edit, its
    assessments and any queued re-assessment are rolled back.
    """
    try:
        with transaction.atomic():
            measure = measure_edit(user=user, place=place, key=key, reason="preview", **changes)
            assessments_recompute(place=place, measure_ids=[measure.id], cause="preview")
            raise _RolledBack(build())
    except _RolledBack as done:
        return done.result
