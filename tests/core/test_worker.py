"""The background worker as it really runs: ``onefuture worker`` in its own process, on a file
database shared with this test (an in-memory database is not shared across processes).

A job that raises leaves its batch failed; a worker killed with SIGKILL mid-import leaves its
batch "running" only until the next worker starts (or the status page is read), which fails it
with a reason. These start real processes and run everywhere, CI included (never skipped).
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.worker_hooks import BLOCK, EXPLODE

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[2]
ONEFUTURE = Path(sys.executable).parent / "onefuture"


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A migrated SQLite file with a place, a measure and an officer; the processes' env."""
    folder = tmp_path_factory.mktemp("worker")
    path = folder / "worker.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
        "ONEFUTURE_VAR_DIR": str(folder),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    _scenario(env, "setup")  # migrate, then the place
    return path, env


def _scenario(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.worker_scenario", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _worker(env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [ONEFUTURE, "worker", "--interval", "0.2"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _row(path: Path, sql: str, *params) -> tuple:
    with sqlite3.connect(path, timeout=10) as db:
        return db.execute(sql, params).fetchone()


def _batch(path: Path, batch_id: int) -> tuple[str, str]:
    return _row(path, "SELECT status, message FROM measures_importbatch WHERE id = ?", batch_id)


def _wait(condition, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; worker log:\n{log.read_text()}")


def _stop(worker: subprocess.Popen, log: Path) -> int:
    """SIGTERM once the worker is up (Python's own start-up cannot catch it)."""
    _wait(lambda: "Starting worker" in log.read_text(), 60, "the worker to start", log)
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
    return worker.wait(20)


def test_a_job_that_raises_leaves_its_batch_failed(database, tmp_path):
    from onefuture.measures.services import UNEXPECTED_FAILURE

    path, env = database
    log = tmp_path / "worker.log"
    batch_id = int(_scenario(env, "enqueue", EXPLODE))
    assert _batch(path, batch_id)[0] == "queued"
    worker = _worker(env, log)
    try:
        status, message = _wait(
            lambda: (found := _batch(path, batch_id))[0] not in ("queued", "running") and found,
            60,
            "the batch to end",
            log,
        )
    finally:
        assert _stop(worker, log) == 0, log.read_text()  # SIGTERM: a clean stop
    assert (status, message) == ("failed", UNEXPECTED_FAILURE)
    outcome, finished = _row(
        path, "SELECT outcome, finished_at FROM core_job WHERE record_id = ?", batch_id
    )
    assert outcome == "RuntimeError: disk on fire" and finished
    assert _row(path, "SELECT count(*) FROM measures_datapoint WHERE period = '2024'") == (0,)
    task_status, traceback = _row(
        path,
        "SELECT status, traceback FROM django_tasks_database_dbtaskresult "
        "ORDER BY enqueued_at DESC",
    )
    assert task_status == "FAILED" and "disk on fire" in traceback


def test_a_killed_worker_leaves_its_batch_failed_not_running(database, tmp_path):
    from onefuture.measures.tasks import WORKER_GONE

    path, env = database
    log = tmp_path / "worker.log"
    batch_id = int(_scenario(env, "enqueue", BLOCK))
    worker = _worker(env, log)
    try:
        _wait(lambda: _batch(path, batch_id)[0] == "running", 60, "the import to start", log)
        pid, host = _row(
            path, "SELECT worker_pid, worker_host FROM core_job WHERE record_id = ?", batch_id
        )
        assert (pid, host) == (worker.pid, socket.gethostname())  # where the job runs
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    time.sleep(1)
    assert _batch(path, batch_id)[0] == "running"  # nobody has looked yet

    # The next worker looks for jobs whose worker died before it takes any task.
    again = _worker(env, log)
    try:
        status, message = _wait(
            lambda: (found := _batch(path, batch_id))[0] != "running" and found,
            60,
            "the new worker to fail the batch",
            log,
        )
    finally:
        assert _stop(again, log) == 0, log.read_text()
    assert (status, message) == ("failed", WORKER_GONE)
    assert "upload the file again" in message.lower()
    assert _row(path, "SELECT count(*) FROM measures_datapoint WHERE period = '2024'") == (0,)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as found:
            return [int(child) for child in found.read().split()]
    except OSError:
        return []


def test_serve_runs_the_worker_beside_the_server_and_stops_both(database, tmp_path):
    """``make run`` is one command: ``onefuture serve`` starts the worker and stops it too."""
    path, env = database
    log = tmp_path / "serve.log"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with log.open("ab") as out:
        serve = subprocess.Popen(
            [ONEFUTURE, "serve", "--addr", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        children = _wait(lambda: _children(serve.pid), 60, "the worker to be started", log)
        batch_id = int(_scenario(env, "enqueue", "small.csv"))
        status, message = _wait(
            lambda: (found := _batch(path, batch_id))[0] not in ("queued", "running") and found,
            90,
            "the serve's worker to import the file",
            log,
        )
        assert status == "succeeded", message
    finally:
        serve.send_signal(signal.SIGTERM)
        code = serve.wait(40)
    assert code == 0, log.read_text()
    for child in children:  # the worker is gone with the server
        assert not os.path.exists(f"/proc/{child}") or _state(child) == "Z", log.read_text()


def _state(pid: int) -> str:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0]


def test_a_running_worker_keeps_a_heartbeat_row_and_removes_it_when_stopped(database, tmp_path):
    """What ``/health`` reads (ADR 0043): an idle worker says it is alive, and a clean stop
    takes its row away."""
    path, env = database
    log = tmp_path / "worker.log"
    worker = _worker(env, log)
    try:
        host, pid = _wait(
            lambda: _row(
                path, "SELECT host, pid FROM core_workerheartbeat WHERE pid = ?", worker.pid
            ),
            60,
            "the worker's heartbeat",
            log,
        )
        assert (host, pid) == (socket.gethostname(), worker.pid)
    finally:
        assert _stop(worker, log) == 0, log.read_text()
    assert _row(path, "SELECT count(*) FROM core_workerheartbeat WHERE pid = ?", worker.pid) == (0,)
