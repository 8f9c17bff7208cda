"""The data import's routes of the JSON API (``/api/v1/imports/…``; registered in ``apps.py``).

``POST /imports/``             a CSV or Excel (.xlsx) file in the tidy data format (multipart
                               field ``file``; ``dry_run`` to check it only): the same import as
                               the upload page — a queued batch run by the background worker
                               (``measures.tasks.import_enqueue``). Answers 202 with the batch,
                               its ``status_url`` and, once it has run, every row and column
                               error.
``GET /imports/{id}/``         the batch's status, counts and errors.

Both need the right to import data in the place (``data.import``: administrators and strategy
officers); the refusal is the service's (403). ADR 0039. Every route takes ``?place=<slug>``.
No route returns who made a batch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from onefuture.api.main import api_place
from onefuture.api.paging import ERRORS
from onefuture.core.errors import ApplicationError, ErrorDetail, NotFound
from onefuture.core.jobs import jobs_reap
from onefuture.measures import selectors
from onefuture.measures.forms import UploadForm
from onefuture.measures.models import ImportBatch, ImportStatus
from onefuture.measures.services import import_batch_create, import_permission_check
from onefuture.measures.tasks import import_enqueue


class ImportProblemOut(Schema):
    """One problem of the file, where to look for it (the API's error item shape)."""

    field: str
    row: int | None
    column: str
    message: str


class ImportBatchOut(Schema):
    id: int
    filename: str
    #: queued, running, succeeded or failed.
    status: str
    status_label: str
    dry_run: bool
    created_at: dt.datetime
    finished_at: dt.datetime | None
    rows_total: int
    rows_created: int
    rows_updated: int
    rows_unchanged: int
    rows_computed: int
    message: str
    errors: list[ImportProblemOut]
    #: Where to ask for the batch's status (GET) until it has finished.
    status_url: str


def _batch(batch: ImportBatch, place_slug: str) -> dict[str, Any]:
    url = reverse("api:import_detail", kwargs={"batch_id": batch.pk})
    return {
        "id": batch.pk,
        "filename": batch.filename,
        "status": batch.status,
        "status_label": batch.get_status_display(),
        "dry_run": batch.dry_run,
        "created_at": batch.created_at,
        "finished_at": batch.finished_at,
        "rows_total": batch.rows_total,
        "rows_created": batch.rows_created,
        "rows_updated": batch.rows_updated,
        "rows_unchanged": batch.rows_unchanged,
        "rows_computed": batch.rows_computed,
        "message": batch.message,
        "errors": [
            {
                "field": e.get("field", "") or "",
                "row": e.get("row"),
                "column": e.get("column", "") or "",
                "message": e.get("message", ""),
            }
            for e in (batch.errors or [])
        ],
        "status_url": f"{url}?place={place_slug}",
    }


def _detail(place: Any, batch_id: int) -> ImportBatch:
    try:
        return selectors.import_batch_detail(place=place, batch_id=batch_id)
    except ImportBatch.DoesNotExist:
        raise NotFound(f"There is no import {batch_id} in {place.name}.") from None


def imports_router() -> Router:
    """A new router with the data import's routes (see the module)."""
    router = Router()

    @router.post("/imports/", response={202: ImportBatchOut, **ERRORS}, url_name="import_create")
    def import_create(
        request: HttpRequest,
        response: HttpResponse,
        file: File[UploadedFile],
        dry_run: Form[bool] = False,
        place: str | None = None,
    ) -> Status:
        """Import a tidy CSV or Excel file (or only check it, ``dry_run``), in the background."""
        found = api_place(place)
        import_permission_check(user=request.user, place=found)  # 403 before the file is read
        form = UploadForm(data={"dry_run": dry_run}, files={"file": file})
        if not form.is_valid():
            raise ApplicationError(
                "The file was not imported:",
                errors=[
                    ErrorDetail(field=name, message=str(message))
                    for name, messages in form.errors.items()
                    for message in messages
                ],
            )
        batch = import_batch_create(
            place=found, filename=file.name, user=request.user, origin="api"
        )
        import_enqueue(
            batch=batch,
            data=form.cleaned_data["data"],
            filename=file.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        body = _batch(_detail(found, batch.pk), found.slug)
        response["Location"] = body["status_url"]
        return Status(202, body)

    @router.get(
        "/imports/{batch_id}/", response={200: ImportBatchOut, **ERRORS}, url_name="import_detail"
    )
    def import_detail(
        request: HttpRequest, batch_id: int, place: str | None = None
    ) -> dict[str, Any]:
        """One import's status, counts and every row and column error."""
        found = api_place(place)
        import_permission_check(user=request.user, place=found)
        batch = _detail(found, batch_id)
        if batch.status in (ImportStatus.QUEUED, ImportStatus.RUNNING) and jobs_reap(
            record=batch
        ):  # its worker died: the batch now says so
            batch = _detail(found, batch_id)
        return _batch(batch, found.slug)

    return router
