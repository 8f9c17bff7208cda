"""``/health`` (ADR 0043): the database and the job queue, 200 only when both are well."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from onefuture.core import jobs
from onefuture.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def _beat(seconds_ago: float) -> WorkerHeartbeat:
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        host="web-1",
        pid=4242,
        started_at=now - timedelta(hours=1),
        seen_at=now - timedelta(seconds=seconds_ago),
    )


def _health(client, path: str = "/health"):
    response = client.get(path)
    return response, json.loads(response.content)


def test_healthy_when_the_database_answers_and_a_worker_beat_recently(client) -> None:
    _beat(seconds_ago=5)
    response, body = _health(client)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["queue"] == {
        "ok": True,
        "waiting": 0,
        "oldest_waiting_seconds": None,
        "last_worker_heartbeat_seconds": pytest.approx(5, abs=2),
    }
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"
    # No host, no process, no person in the body.
    assert "web-1" not in response.content.decode() and "4242" not in response.content.decode()
    assert client.get("/health/").status_code == 200


def test_failing_when_no_worker_has_beaten_recently(client) -> None:
    _beat(seconds_ago=jobs.STALE_SECONDS + 30)
    response, body = _health(client)
    assert response.status_code == 503
    assert body["status"] == "failing"
    assert body["checks"]["database"]["ok"] is True
    queue = body["checks"]["queue"]
    assert queue["ok"] is False and "onefuture worker" in queue["error"]
    assert queue["last_worker_heartbeat_seconds"] is None


def test_the_queue_check_counts_what_waits(client) -> None:
    _beat(seconds_ago=1)
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="onefuture.measures.tasks.import_run",
        queue_name="default",
        backend_name="default",
        run_after=timezone.now() - timedelta(minutes=3),
        priority=0,
    )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=3))
    _, body = _health(client)
    assert body["checks"]["queue"]["waiting"] == 1
    assert body["checks"]["queue"]["oldest_waiting_seconds"] == pytest.approx(180, abs=5)


def test_failing_when_the_database_does_not_answer(client, monkeypatch) -> None:
    def broken(self, *args, **kwargs):
        raise DatabaseError("connection refused")

    from django.db.backends.utils import CursorWrapper

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response, body = _health(client)
    assert response.status_code == 503
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "The database did not answer (DatabaseError).",
    }
    assert body["checks"]["queue"]["ok"] is False


def test_a_post_is_refused(client) -> None:
    assert client.post("/health").status_code == 405
