"""The upload page's import, run by the background worker (``onefuture worker``).

:func:`import_enqueue` queues a file for a batch made by
:func:`~onefuture.measures.services.import_batch_create`; the worker runs :func:`import_run`,
which calls :func:`~onefuture.measures.services.import_file` with that batch, so the status page
can follow it. :func:`reassessment_enqueue` queues :func:`reassessment_run`, which re-assesses
the measures a change touched (``services.assessments_queue``). A job that raises, or whose
worker dies, leaves the batch failed with a reason
(:mod:`onefuture.core.jobs`); nothing is written either way, as the import is one transaction.
"""

from __future__ import annotations

import contextlib
import logging
import time

from django.utils import timezone
from django_tasks import task

from onefuture.core.jobs import job_enqueue, job_lifecycle_register, job_running
from onefuture.core.models import Job
from onefuture.measures.models import (
    ImportBatch,
    ImportStatus,
    Reassessment,
    ReassessmentStatus,
)
from onefuture.measures.services import (
    UNEXPECTED_FAILURE,
    DataImportError,
    import_batch_fail,
    import_file,
)

log = logging.getLogger(__name__)

#: How often :func:`import_wait` looks whether the worker has finished.
WAIT_POLL_SECONDS = 0.1

_UNFINISHED = (ImportStatus.QUEUED, ImportStatus.RUNNING)

#: What a batch says when the worker running it stopped (killed, restarted, out of memory).
WORKER_GONE = (
    "The background worker stopped while this import was running; nothing was written. "
    "Upload the file again."
)


def _batch_fail(batch_id: int, message: str) -> bool:
    return import_batch_fail(batch_id=batch_id, message=message)


job_lifecycle_register(
    ImportBatch, fail=_batch_fail, worker_gone=WORKER_GONE, crashed=UNEXPECTED_FAILURE
)


@task()
def import_run(*, job_id: int, filename: str, dry_run: bool) -> str:
    """Import the job's file (its payload) into its batch; returns the batch's status."""
    with job_running(job_id) as job:
        batch = ImportBatch.objects.select_related("place", "created_by").get(id=job.record_id)
        # DataImportError is an expected outcome: the batch holds every row and column error.
        with contextlib.suppress(DataImportError):
            import_file(
                place=batch.place,
                source=bytes(job.payload),
                filename=filename,
                dry_run=dry_run,
                user=batch.created_by,
                origin=batch.origin,
                batch=batch,
            )
        return ImportBatch.objects.values_list("status", flat=True).get(id=batch.id)


def import_enqueue(*, batch: ImportBatch, data: bytes, filename: str, dry_run: bool) -> Job:
    """Queue the import of ``data`` into the queued ``batch`` for the background worker."""
    return job_enqueue(
        task=import_run, record=batch, payload=data, filename=filename, dry_run=dry_run
    )


def import_wait(*, batch: ImportBatch, seconds: float) -> bool:
    """Wait up to ``seconds`` for the worker to finish ``batch``; True if it has.

    The upload page waits a moment so that a small file's result shows at once.
    """
    deadline = time.monotonic() + seconds
    while ImportBatch.objects.filter(id=batch.id, status__in=_UNFINISHED).exists():
        if time.monotonic() >= deadline:
            return False
        time.sleep(WAIT_POLL_SECONDS)
    return True


#: How long a batch may wait in the queue before its status page says no worker has taken it.
QUEUED_WARNING_SECONDS = 30


def import_waiting_for_worker(*, batch: ImportBatch) -> bool:
    """Whether ``batch`` has been queued so long that no worker seems to be running.

    A queued batch is not failed for this (a busy worker takes it later); its status page says
    the worker may not be running, so the officer knows whom to ask rather than waiting.
    """
    if batch.status != ImportStatus.QUEUED:
        return False
    return (timezone.now() - batch.created_at).total_seconds() > QUEUED_WARNING_SECONDS


# --------------------------------------------------------------------------- re-assessment

#: What a re-assessment says when its worker stopped; the next change queues another.
REASSESS_WORKER_GONE = (
    "The background worker stopped while re-assessing; run `onefuture data assess` or save the"
    " measure again."
)


def _reassessment_fail(record_id: int, message: str) -> bool:
    return bool(
        Reassessment.objects.filter(
            id=record_id, status__in=[ReassessmentStatus.QUEUED, ReassessmentStatus.RUNNING]
        ).update(status=ReassessmentStatus.FAILED, finished_at=timezone.now(), message=message)
    )


job_lifecycle_register(Reassessment, fail=_reassessment_fail, worker_gone=REASSESS_WORKER_GONE)


@task()
def reassessment_run(*, job_id: int) -> int:
    """Re-assess the measures of the job's :class:`Reassessment`; returns how many results."""
    from onefuture.measures.services import assessments_recompute

    with job_running(job_id) as job:
        record = Reassessment.objects.select_related("place").get(id=job.record_id)
        Reassessment.objects.filter(id=record.id).update(status=ReassessmentStatus.RUNNING)
        count = assessments_recompute(
            place=record.place, measure_ids=record.measure_ids, cause=record.cause
        )
        Reassessment.objects.filter(id=record.id).update(
            status=ReassessmentStatus.DONE,
            finished_at=timezone.now(),
            message=f"{count} assessments recomputed.",
        )
        return count


def reassessment_enqueue(*, record: Reassessment) -> Job:
    """Queue the queued ``record``'s re-assessment for the background worker."""
    return job_enqueue(task=reassessment_run, record=record)
