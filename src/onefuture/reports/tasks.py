"""The reports page's report, made by the background worker (``onefuture worker``; ADR 0037).

:func:`report_run_enqueue` queues a run recorded by
:func:`~onefuture.reports.services.report_run_start`; the worker runs :func:`report_run`, which
calls :func:`~onefuture.reports.services.report_run_execute`. A job that raises, or whose worker
dies, leaves the run failed with a reason (:mod:`onefuture.core.jobs`); the files are written
with "done" in one transaction, so a failed run has none.
"""

from __future__ import annotations

from django_tasks import task

from onefuture.core.jobs import job_enqueue, job_lifecycle_register, job_running
from onefuture.core.models import Job
from onefuture.reports.models import ReportRun

#: What a run says when its worker stopped (killed, restarted, out of memory).
WORKER_GONE = (
    "The background worker stopped while making this report, so no file was kept. "
    "Generate the report again."
)
#: What a run says when it raised something unexpected.
CRASHED = (
    "The report stopped because of an unexpected error, so no file was kept. "
    "Please tell the site's administrators."
)


def _run_fail(run_id: int, message: str) -> bool:
    from onefuture.reports.services import report_run_fail

    return report_run_fail(run_id=run_id, message=message)


job_lifecycle_register(ReportRun, fail=_run_fail, worker_gone=WORKER_GONE, crashed=CRASHED)


@task()
def report_run(*, job_id: int) -> str:
    """Make the job's report run; returns the run's status."""
    from onefuture.reports.services import report_run_execute

    with job_running(job_id) as job:
        run = ReportRun.objects.select_related("place").get(id=job.record_id)
        return report_run_execute(run=run).status


def report_run_enqueue(*, run: ReportRun) -> Job:
    """Queue the queued ``run`` for the background worker."""
    return job_enqueue(task=report_run, record=run)
