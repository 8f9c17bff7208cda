"""The theme run, run by the background worker (``onefuture worker``).

:func:`theme_run_enqueue` queues a run made by
:func:`~onefuture.engagement.services.themes.theme_run_start`; the worker runs
:func:`theme_run`, which calls :func:`~onefuture.engagement.services.themes.theme_run_execute`.
A job that raises, or whose worker dies, leaves the run failed with a reason
(:mod:`onefuture.core.jobs`); the themes are written in one transaction at the end, so a failed
run leaves the previous themes as they were.
"""

from __future__ import annotations

from django_tasks import task

from onefuture.core.jobs import job_enqueue, job_lifecycle_register, job_running
from onefuture.core.models import Job
from onefuture.engagement.models import RunStatus, ThemeRun

#: What a run says when its worker stopped (killed, restarted, out of memory).
WORKER_GONE = (
    "The background worker stopped while finding themes; the themes are as they were before. "
    "Start the run again."
)
#: What a run says when it raised something unexpected.
CRASHED = (
    "The theme run stopped because of an unexpected error; the themes are as they were before. "
    "Please tell the site's administrators."
)


def _run_fail(run_id: int, message: str) -> bool:
    from onefuture.engagement.services.themes import theme_run_fail

    return theme_run_fail(run_id=run_id, message=message)


job_lifecycle_register(ThemeRun, fail=_run_fail, worker_gone=WORKER_GONE, crashed=CRASHED)


@task()
def theme_run(*, job_id: int) -> str:
    """Run the job's theme run; returns the run's status."""
    from onefuture.engagement.services.themes import theme_run_execute

    with job_running(job_id) as job:
        run = ThemeRun.objects.select_related("place", "consultation", "event").get(
            id=job.record_id
        )
        return theme_run_execute(run=run).status


def theme_run_enqueue(*, run: ThemeRun) -> Job:
    """Queue the queued ``run`` for the background worker."""
    return job_enqueue(task=theme_run, record=run)


def theme_run_unfinished(*, run: ThemeRun) -> bool:
    """Whether the run is still queued or running."""
    return run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
