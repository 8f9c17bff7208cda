"""Background jobs tied to a record with a lifecycle, on Django's tasks framework (ADR 0014).

A job is a ``django-tasks`` task that drives one record a person watches (an import batch, a
report being built, feedback being themed). The record holds the outcome; a
:class:`~onefuture.core.models.Job` row beside it holds which worker runs it, so the record is
never left "running" for ever:

- a task that raises fails its record (the lifecycle's ``fail``) and the error is kept on the
  job and in the task's result;
- a worker that dies (killed, out of memory, the machine restarted) is noticed by
  :func:`jobs_reap`, which fails the record with the lifecycle's ``worker_gone`` message. On the
  worker's own host a job is dead when its process is; elsewhere, when its heartbeat (written
  every :data:`HEARTBEAT_SECONDS` by the worker) is older than :data:`STALE_SECONDS`.
  ``onefuture worker`` reaps at start and every :data:`REAP_SECONDS`; a status page reaps its
  own record when read.

USE IT in three steps (``onefuture.measures.tasks`` is the worked example)::

    job_lifecycle_register(ImportBatch, fail=batch_fail, worker_gone="The worker stopped ...")

    @task()
    def import_run(*, job_id: int, filename: str) -> None:
        with job_running(job_id) as job:
            import_file(..., source=job.payload, batch=ImportBatch.objects.get(id=job.record_id))

    job_enqueue(task=import_run, record=batch, payload=data, filename=name)

``fail(record_id, message) -> bool`` marks the record failed unless it has already finished
(then it keeps its own outcome) and says whether it did. Settings: ``TASKS`` (the backend: the
database in development and production, the immediate backend in tests).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, close_old_connections, connection, models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from onefuture.core.models import Job, WorkerHeartbeat

log = logging.getLogger(__name__)
#: One line per job when it ends (onefuture.core.logs: JSON in production).
jobs_log = logging.getLogger("onefuture.jobs")

#: How often a running job tells the database its worker is alive.
HEARTBEAT_SECONDS = 10
#: How old a heartbeat from another host may be before its worker counts as gone.
STALE_SECONDS = 120
#: On the worker's own host a live process is trusted for this long without a heartbeat (a
#: long write on SQLite can hold the heartbeat back; beyond this, the pid has been reused).
SAME_HOST_STALE_SECONDS = 30 * 60
#: How often ``onefuture worker`` looks for jobs whose worker died.
REAP_SECONDS = 30

#: What a job's record says when its task raised something unexpected.
CRASHED = "The job stopped because of an unexpected error. Please tell the site's administrators."

HOST = socket.gethostname()

#: Set by :func:`worker_run`: in a worker process a running job writes heartbeats.
_in_worker = False


@dataclass(frozen=True)
class Lifecycle:
    """How to fail a kind of record, and the words for each way its job can stop."""

    fail: Callable[[int, str], bool]
    worker_gone: str
    crashed: str = CRASHED


_LIFECYCLES: dict[str, Lifecycle] = {}


def job_lifecycle_register(
    model: type[models.Model],
    *,
    fail: Callable[[int, str], bool],
    worker_gone: str,
    crashed: str = CRASHED,
) -> None:
    """Say how a job fails records of ``model`` (call once, where the job's task is defined)."""
    _LIFECYCLES[model._meta.label_lower] = Lifecycle(fail, worker_gone, crashed)


def _lifecycle(job: Job) -> Lifecycle:
    # Importing the task's module registers its lifecycle (the reaper may run in a process that
    # has not imported it yet).
    import_string(job.task_path)
    return _LIFECYCLES[f"{job.record_type.app_label}.{job.record_type.model}"]


def job_enqueue(*, task: Any, record: models.Model, payload: bytes = b"", **kwargs: Any) -> Job:
    """Queue ``task`` for ``record``: a :class:`Job` row, then the task with ``job_id``.

    ``payload`` (bytes, e.g. an uploaded file) is kept on the job, where the task reads it,
    rather than in the task's JSON arguments; it is cleared when the job ends. ``kwargs`` must
    be JSON. With the immediate backend (tests) the task has run when this returns.
    """
    job = Job.objects.create(
        task_path=task.module_path,
        record_type=ContentType.objects.get_for_model(record),
        record_id=record.pk,
        payload=payload,
    )
    result = task.enqueue(job_id=job.id, **kwargs)
    Job.objects.filter(id=job.id, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


@contextmanager
def job_running(job_id: int) -> Iterator[Job]:
    """Run a job's body: record the worker, beat while it runs, fail the record if it raises.

    An exception is re-raised after the record is failed, so the task's own result keeps the
    traceback too.
    """
    now = timezone.now()
    Job.objects.filter(id=job_id).update(
        started_at=now, heartbeat_at=now, worker_host=HOST, worker_pid=os.getpid()
    )
    job = Job.objects.select_related("record_type").get(id=job_id)
    beat = _Heartbeat(job_id) if _in_worker else None
    started = time.perf_counter()
    outcome = "ok"
    try:
        yield job
    except BaseException as error:
        log.exception("Job %s failed", job_id)
        lifecycle = _lifecycle(job)
        stopped = isinstance(error, (SystemExit, KeyboardInterrupt))  # the worker was stopped
        outcome = "stopped" if stopped else "failed"
        lifecycle.fail(job.record_id, lifecycle.worker_gone if stopped else lifecycle.crashed)
        _job_finish(job_id, outcome=f"{type(error).__name__}: {error}")
        raise
    else:
        _job_finish(job_id, outcome="")
    finally:
        if beat is not None:
            beat.stop()
        _job_log(job, outcome, started)


def _job_log(job: Job, outcome: str, started: float) -> None:
    """The job's one log line: task, record, outcome (ok, failed, stopped), duration."""
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    record = f"{job.record_type.app_label}.{job.record_type.model}:{job.record_id}"
    jobs_log.log(
        logging.INFO if outcome == "ok" else logging.WARNING,
        "job %s %s %s %s (%s ms)",
        job.id,
        job.task_path.rsplit(".", 1)[-1],
        record,
        outcome,
        duration_ms,
        extra={
            "job": job.id,
            "task": job.task_path,
            "record": record,
            "outcome": outcome,
            "duration_ms": duration_ms,
        },
    )


def _job_finish(job_id: int, *, outcome: str) -> None:
    Job.objects.filter(id=job_id).update(finished_at=timezone.now(), payload=b"", outcome=outcome)


class _Heartbeat:
    """A thread that stamps ``heartbeat_at`` until stopped (with its own database connection)."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-{job_id}-heartbeat")
        self._thread.daemon = True
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.wait(HEARTBEAT_SECONDS):
                try:
                    Job.objects.filter(id=self.job_id).update(heartbeat_at=timezone.now())
                except DatabaseError:  # e.g. SQLite busy during the job's own write: next time
                    log.debug("Heartbeat of job %s skipped", self.job_id, exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process holds that number
    try:  # a killed worker not yet waited for by its parent is a zombie: dead
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _worker_gone(job: Job, now: Any) -> bool:
    if job.started_at is None:
        return False  # still waiting for a worker: queued, not lost
    beat = job.heartbeat_at or job.started_at
    if job.worker_host == HOST and job.worker_pid:
        if not _process_alive(job.worker_pid):
            return True
        return now - beat > timedelta(seconds=SAME_HOST_STALE_SECONDS)
    return now - beat > timedelta(seconds=STALE_SECONDS)


def jobs_reap(*, record: models.Model | None = None) -> int:
    """Fail the records of unfinished jobs whose worker is gone; return how many were failed.

    Safe to run anywhere, any time, in several processes at once: a record that has finished
    keeps its outcome, and each job is finished once.
    """
    jobs = Job.objects.filter(finished_at__isnull=True, started_at__isnull=False)
    if record is not None:
        jobs = jobs.filter(
            record_type=ContentType.objects.get_for_model(record), record_id=record.pk
        )
    now = timezone.now()
    failed = 0
    for job in jobs.select_related("record_type"):
        if not _worker_gone(job, now):
            continue
        lifecycle = _lifecycle(job)
        where = f"{job.worker_host} pid {job.worker_pid}"
        with transaction.atomic():
            claimed = Job.objects.filter(id=job.id, finished_at__isnull=True).update(
                finished_at=now, payload=b"", outcome=f"The worker ({where}) stopped."
            )
            if claimed and lifecycle.fail(job.record_id, lifecycle.worker_gone):
                failed += 1
                log.warning("Job %s: its worker (%s) is gone; record failed", job.id, where)
    return failed


def _reap_periodically(stop: threading.Event) -> None:
    while not stop.wait(REAP_SECONDS):
        try:
            close_old_connections()
            jobs_reap()
        except DatabaseError:
            log.warning("Could not look for jobs whose worker died", exc_info=True)
        finally:
            connection.close()


def _worker_beat(stop: threading.Event) -> None:
    """This worker's :class:`WorkerHeartbeat` row, stamped every HEARTBEAT_SECONDS until stopped."""
    pid = os.getpid()
    started = timezone.now()
    try:
        while True:
            try:
                close_old_connections()
                WorkerHeartbeat.objects.update_or_create(
                    host=HOST, pid=pid, defaults={"seen_at": timezone.now(), "started_at": started}
                )
            except DatabaseError:  # the database is down or busy: next time
                log.warning("Could not write the worker's heartbeat", exc_info=True)
            if stop.wait(HEARTBEAT_SECONDS):
                break
        with contextlib.suppress(DatabaseError):
            WorkerHeartbeat.objects.filter(host=HOST, pid=pid).delete()
    finally:
        connection.close()


def worker_alive_latest() -> WorkerHeartbeat | None:
    """The most recent heartbeat of a worker seen within STALE_SECONDS, or None."""
    fresh = timezone.now() - timedelta(seconds=STALE_SECONDS)
    return WorkerHeartbeat.objects.filter(seen_at__gte=fresh).order_by("-seen_at").first()


def _exit_cleanly(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def worker_run(*, queues: str = "*", interval: float = 1.0, reload: bool = False) -> None:
    """Run the database backend's worker (``db_worker``) in this process, until stopped.

    Before it takes a task it fails the records of jobs whose worker died, and it looks again
    every :data:`REAP_SECONDS`. SIGTERM or Ctrl+C lets the running task finish, then stops.
    """
    from django.core.management import call_command

    global _in_worker
    _in_worker = True
    # Until db_worker installs its own graceful handlers, SIGTERM is a clean exit.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    reaped = jobs_reap()
    if reaped:
        log.warning("%s job(s) had lost their worker; their records are marked failed", reaped)
    connection.close()
    stop = threading.Event()
    threading.Thread(
        target=_reap_periodically, args=(stop,), name="job-reaper", daemon=True
    ).start()
    # Not a daemon: on a clean stop it deletes this worker's heartbeat row before the exit.
    beat = threading.Thread(target=_worker_beat, args=(stop,), name="worker-heartbeat")
    beat.start()
    try:
        call_command(
            "db_worker",
            queue_name=queues,
            interval=interval,
            reload=reload,
            startup_delay=False,
        )
    finally:
        stop.set()
        beat.join(timeout=10)
