"""``onefuture serve --production`` (ADR 0043) as ``make serve`` runs it: gunicorn and the
worker beside it, healthy once both are up, JSON request lines, and both stopped by SIGTERM.

It starts real processes on a migrated SQLite file (never skipped, CI included)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.worker

ONEFUTURE = Path(sys.executable).parent / "onefuture"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _health(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def test_serve_production_runs_gunicorn_and_the_worker_and_stops_both(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ONEFUTURE_", "DJANGO_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        ONEFUTURE_VAR_DIR=str(tmp_path),
        ONEFUTURE_ENV="production",
        ONEFUTURE_STATIC_COLLECTED="0",
        ONEFUTURE_WEB_WORKERS="2",
        DJANGO_SECRET_KEY="test-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    migrated = subprocess.run(
        [str(ONEFUTURE), "migrate"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert migrated.returncode == 0, migrated.stderr
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(ONEFUTURE), "serve", "--production", "--addr", f"127.0.0.1:{port}"],
            env=env,
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 360  # a loaded 2-core CI machine starts slowly
        status, body = 0, {}
        while time.monotonic() < deadline:
            try:
                status, body = _health(port)
            except OSError:  # not listening yet, or too busy starting to answer in time
                status = 0
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, (status, body, log.read_text())
        assert body["checks"]["queue"]["ok"] and body["checks"]["database"]["ok"]
        children = _children(server.pid)
        assert len(children) == 2, children  # gunicorn's master and the worker
        lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
        requests = [line for line in lines if line.get("logger") == "onefuture.requests"]
        assert any(r["path"] == "/health" and r["status"] == 200 for r in requests), lines
        server.send_signal(signal.SIGTERM)
        assert server.wait(60) == 0
        for pid in children:
            assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
