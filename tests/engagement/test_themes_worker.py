"""A theme run queued by the service is finished by the real worker (``onefuture worker`` in
its own process, on a file database), with progress 100 and its themes written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[2]
ONEFUTURE = Path(sys.executable).parent / "onefuture"


def _scenario(env: dict, step: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tests.engagement.themes_worker_scenario", step],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_queued_theme_run_is_finished_by_the_real_worker(tmp_path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'themes.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
        "ONEFUTURE_VAR_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    _scenario(env, "setup")
    _scenario(env, "start")
    assert _scenario(env, "status") == "queued|0|0"  # queued, not yet run

    log = tmp_path / "worker.log"
    with log.open("ab") as out:
        worker = subprocess.Popen(
            [ONEFUTURE, "worker", "--interval", "0.2"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 180
        status = ""
        while time.monotonic() < deadline:
            status = _scenario(env, "status")
            if status.startswith(("succeeded|", "failed|")):
                break
            time.sleep(1)
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
        worker.wait(30)
    assert status == "succeeded|100|3", log.read_text()
