"""Structured logs (ADR 0043): one JSON line per request and per job, text in development."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from onefuture.core import jobs
from onefuture.core.logs import JsonFormatter, TextFormatter
from onefuture.core.models import Job
from onefuture.measures.models import ImportBatch
from tests.website.sample import sample_place

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lines():
    """Every record of the request and job loggers, formatted as production formats them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger("onefuture.requests"), logging.getLogger("onefuture.jobs")]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)

    def read() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield read
    for logger in loggers:
        logger.removeHandler(handler)


def test_one_json_line_per_request_without_the_query_string(client, lines) -> None:
    response = client.get("/places/nowhere/?q=someone%40example.org&token=secret")
    request_id = response["X-Request-ID"]
    (line,) = lines()
    assert line["logger"] == "onefuture.requests" and line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/places/nowhere/"
    assert line["status"] == 404
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user"] == "anonymous"
    assert line["request_id"] == request_id and len(request_id) == 32
    assert "secret" not in json.dumps(line) and "example.org" not in json.dumps(line)
    assert line["time"].endswith("+00:00")


def test_the_line_names_the_signed_in_account_by_id_and_keeps_a_proxy_request_id(
    client, lines
) -> None:
    user = get_user_model().objects.create_user("olive", password="a-long-password-1")
    client.force_login(user)
    response = client.get("/health", HTTP_X_REQUEST_ID="proxy-abc-12345")
    assert response["X-Request-ID"] == "proxy-abc-12345"
    (line,) = lines()
    assert line["user"] == user.pk and "olive" not in json.dumps(line)
    assert line["request_id"] == "proxy-abc-12345"
    client.get("/health", HTTP_X_REQUEST_ID='"><script>')  # not an id: a new one is made
    assert lines()[1]["request_id"] != '"><script>'


def test_one_json_line_per_job(lines) -> None:
    batch = ImportBatch.objects.create(place=sample_place().place, filename="data.csv")
    job = Job.objects.create(
        task_path="onefuture.measures.tasks.import_run",
        record_type=ContentType.objects.get_for_model(batch),
        record_id=batch.pk,
    )
    with jobs.job_running(job.id):
        pass
    with pytest.raises(RuntimeError), jobs.job_running(job.id):
        raise RuntimeError("boom")
    ok, failed = [line for line in lines() if line["logger"] == "onefuture.jobs"]
    assert ok["job"] == job.id and ok["outcome"] == "ok" and ok["level"] == "INFO"
    assert ok["task"] == "onefuture.measures.tasks.import_run"
    assert ok["record"] == f"measures.importbatch:{batch.pk}"
    assert ok["duration_ms"] >= 0
    assert failed["outcome"] == "failed" and failed["level"] == "WARNING"


def test_the_text_format_is_readable() -> None:
    record = logging.LogRecord("onefuture.requests", logging.INFO, "", 0, "GET / 200", None, None)
    assert TextFormatter().format(record).endswith("INFO onefuture.requests GET / 200")


@pytest.mark.parametrize(("env", "formatter"), [("production", "json"), ("development", "text")])
def test_production_logs_json_and_development_text(tmp_path, env, formatter) -> None:
    environ = dict(
        os.environ,
        ONEFUTURE_ENV=env,
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="onefuture.example.org",
    )
    environ.pop("ONEFUTURE_LOG_FORMAT", None)
    code = (
        "import onefuture.config.settings as s; print(s.LOGGING['handlers']['stderr']['formatter'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=environ, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == formatter
