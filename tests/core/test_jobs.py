"""Jobs tied to a record: a dead worker's record is failed, never left running for ever."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from onefuture.core import jobs
from onefuture.core.models import Job, Role
from onefuture.core.services import membership_set
from onefuture.measures.models import ImportBatch
from onefuture.measures.tasks import WORKER_GONE, import_run
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return PlaceFactory(slug="riverton", name="Riverton")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _running(place, *, host=jobs.HOST, pid=None, beat_ago=0.0, status="running"):
    batch = ImportBatch.objects.create(place=place, filename="big.csv", status=status)
    now = timezone.now()
    job = Job.objects.create(
        task_path=import_run.module_path,
        record_type=ContentType.objects.get_for_model(ImportBatch),
        record_id=batch.id,
        payload=b"measure,area,period,value\n",
        started_at=now - timedelta(seconds=beat_ago),
        heartbeat_at=now - timedelta(seconds=beat_ago),
        worker_host=host,
        worker_pid=pid,
    )
    return batch, job


def test_a_job_whose_worker_process_died_fails_its_batch_once(place):
    batch, job = _running(place, pid=_dead_pid())
    alive, _ = _running(place, pid=os.getpid())  # this very process: alive
    assert jobs.jobs_reap() == 1
    batch.refresh_from_db()
    job.refresh_from_db()
    assert (batch.status, batch.message) == ("failed", WORKER_GONE)
    assert batch.finished_at is not None
    assert job.finished_at and bytes(job.payload) == b"" and "stopped" in job.outcome
    assert ImportBatch.objects.get(id=alive.id).status == "running"
    assert jobs.jobs_reap() == 0  # each job is failed once


def test_a_worker_on_another_host_is_gone_when_its_heartbeat_is_stale(place):
    fresh, _ = _running(place, host="elsewhere", pid=1, beat_ago=jobs.STALE_SECONDS - 30)
    stale, _ = _running(place, host="elsewhere", pid=1, beat_ago=jobs.STALE_SECONDS + 30)
    assert jobs.jobs_reap() == 1
    assert ImportBatch.objects.get(id=fresh.id).status == "running"
    assert ImportBatch.objects.get(id=stale.id).status == "failed"


def test_a_finished_batch_keeps_its_outcome_and_a_queued_job_waits(place):
    done, done_job = _running(place, pid=_dead_pid(), status="succeeded")
    queued = ImportBatch.objects.create(place=place, filename="q.csv", status="queued")
    Job.objects.create(
        task_path=import_run.module_path,
        record_type=ContentType.objects.get_for_model(ImportBatch),
        record_id=queued.id,
    )
    assert jobs.jobs_reap() == 0
    assert ImportBatch.objects.get(id=done.id).status == "succeeded"
    assert Job.objects.get(id=done_job.id).finished_at is not None
    assert ImportBatch.objects.get(id=queued.id).status == "queued"


def test_the_status_page_fails_an_import_whose_worker_died(client, place):
    officer = get_user_model().objects.create_user("officer", password="not-a-real-password-8")
    membership_set(user=officer, place=place, role=Role.STRATEGY_OFFICER)
    client.force_login(officer)
    batch, _ = _running(place, pid=_dead_pid())
    html = client.get(f"/places/riverton/data/imports/{batch.id}/").content.decode()
    assert "The background worker stopped while this import was running" in html
    assert "Check again now" not in html
    assert ImportBatch.objects.get(id=batch.id).status == "failed"


def test_a_job_that_raises_fails_its_batch_and_keeps_the_error_on_the_job(place, monkeypatch):
    from onefuture.measures.services import UNEXPECTED_FAILURE
    from onefuture.measures.tasks import import_enqueue

    def crash(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("onefuture.measures.tasks.import_file", crash)
    batch = ImportBatch.objects.create(place=place, filename="x.csv", status="queued")
    job = import_enqueue(batch=batch, data=b"measure\n", filename="x.csv", dry_run=False)
    batch.refresh_from_db()
    assert (batch.status, batch.message) == ("failed", UNEXPECTED_FAILURE)
    assert job.outcome == "RuntimeError: disk on fire" and job.finished_at and job.task_id
