"""An edit in the measure editor re-assessed by the real worker (``onefuture worker`` in its
own process, on a file database): the page queues, the worker changes the verdict, and no
command is run by hand."""

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
        [sys.executable, "-m", "tests.measures.editor_worker_scenario", step],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_an_edit_in_the_editor_is_reassessed_by_the_real_worker(tmp_path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'editor.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
        "ONEFUTURE_VAR_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    _scenario(env, "setup")
    assert _scenario(env, "status").startswith("none|")
    before = _scenario(env, "status").split("|")[1]
    _scenario(env, "edit")
    assert _scenario(env, "status") == f"queued|{before}"  # queued, not yet run

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
        deadline = time.monotonic() + 90
        status = ""
        while time.monotonic() < deadline:
            status = _scenario(env, "status")
            if status.startswith(("done|", "failed|")):
                break
            time.sleep(0.5)
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
        worker.wait(20)
    state, after = status.split("|")
    assert state == "done", log.read_text()
    assert after != before, (before, after)
