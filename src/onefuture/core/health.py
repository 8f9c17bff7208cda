"""``/health``: is this installation able to serve and to run its background jobs? (ADR 0043)

Two checks, each in the JSON body, and the status 200 only when both pass (else 503), so a
load balancer takes a failing web process out of rotation and a monitor raises the alarm:

``database``
    A query (``SELECT 1``) on the default database answers; its time in milliseconds.
``queue``
    The queue's table (django-tasks' database backend) can be read, **and** at least one
    ``onefuture worker`` has written its heartbeat (:class:`~onefuture.core.models.WorkerHeartbeat`)
    within :data:`~onefuture.core.jobs.STALE_SECONDS`: queued uploads and reports will be run.
    Also, for the monitor but not failing the check: how many tasks wait, and how long the
    oldest has waited (a worker that is alive but stuck shows there).

The body names no person, no host and no address; the response is never cached.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def _database() -> dict[str, Any]:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        log.error("Health: the database did not answer: %s", error)
        return {"ok": False, "error": f"The database did not answer ({type(error).__name__})."}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _queue() -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    from onefuture.core.jobs import STALE_SECONDS, worker_alive_latest

    now = timezone.now()
    try:
        waiting = DBTaskResult.objects.ready()
        count = waiting.count()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        latest = worker_alive_latest()
    except DatabaseError as error:
        log.error("Health: the job queue could not be read: %s", error)
        return {"ok": False, "error": f"The job queue could not be read ({type(error).__name__})."}
    check: dict[str, Any] = {
        "ok": latest is not None,
        "waiting": count,
        "oldest_waiting_seconds": round((now - oldest).total_seconds()) if oldest else None,
        "last_worker_heartbeat_seconds": round((now - latest.seen_at).total_seconds(), 1)
        if latest
        else None,
    }
    if latest is None:
        check["error"] = (
            f"No worker has said it is alive in the last {STALE_SECONDS} seconds: start "
            "`onefuture worker` (or `onefuture serve --production`, which runs one)."
        )
    return check


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """The checks as JSON: ``{"status": "ok"|"failing", "checks": {...}}``; 200 or 503."""
    checks = {"database": _database()}
    checks["queue"] = (
        _queue()
        if checks["database"]["ok"]
        else {"ok": False, "error": "Not checked: the database did not answer."}
    )
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )
