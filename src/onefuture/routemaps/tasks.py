"""Reminders of updates due, sent by the background worker (``onefuture worker``).

``onefuture remind --place SLUG`` calls :func:`reminders_enqueue`, which queues
:func:`reminders_send` for the place's current reporting period through
:mod:`onefuture.core.jobs`; the task works out who owns what is still due
(:func:`~onefuture.routemaps.selectors.updates.reminders_due`), writes the messages
(:mod:`onefuture.routemaps.emails`) and sends them through Django's e-mail backend. The job's
record is the reporting period; a failed job leaves its reason on the job, and nothing about
the period changes.
"""

from __future__ import annotations

import logging

from django.core.mail import get_connection
from django_tasks import task

from onefuture.core.jobs import job_enqueue, job_lifecycle_register, job_running
from onefuture.core.models import Job
from onefuture.routemaps.emails import reminder_messages
from onefuture.routemaps.models import ReportingPeriod
from onefuture.routemaps.selectors.updates import reminders_due

log = logging.getLogger(__name__)


def _reminders_failed(period_id: int, message: str) -> bool:
    # A reminder run changes no record: the job keeps the reason; say it in the log too.
    log.warning("Reminders for reporting period %s stopped: %s", period_id, message)
    return True


job_lifecycle_register(
    ReportingPeriod,
    fail=_reminders_failed,
    worker_gone="The worker stopped while sending reminders; run onefuture remind again.",
)


@task()
def reminders_send(*, job_id: int) -> int:
    """Send the reminders for the job's reporting period; returns how many were sent."""
    with job_running(job_id) as job:
        period = ReportingPeriod.objects.select_related("place").get(id=job.record_id)
        messages = reminder_messages(
            place=period.place,
            period=period,
            reminders=reminders_due(place=period.place, period=period),
        )
        if not messages:
            return 0
        with get_connection() as connection:
            return connection.send_messages(messages) or 0


def reminders_enqueue(*, period: ReportingPeriod) -> Job:
    """Queue the reminders for ``period`` for the background worker."""
    return job_enqueue(task=reminders_send, record=period)
