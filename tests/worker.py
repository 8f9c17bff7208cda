"""A real ``onefuture worker`` in its own process, for the tests that watch it finish a job.

Each such test keeps its database in a file (``worker_env``), drives its world through a
scenario module run in a subprocess (``scenario``: setup, start, status, ...), then starts the
worker and reads the status until it is finished (``worker_until``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONEFUTURE = Path(sys.executable).parent / "onefuture"


def worker_env(tmp_path: Path, database: str) -> dict[str, str]:
    """The environment of a scenario and its worker: a file database under ``tmp_path``."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / database}",
        "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
        "ONEFUTURE_VAR_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }


def scenario(module: str, env: dict[str, str], *step: str) -> str:
    """Run one step of the scenario ``module``; the last line it printed."""
    done = subprocess.run(
        [sys.executable, "-m", module, *step],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def worker_until(
    env: dict[str, str],
    status: Callable[[], str],
    finished: tuple[str, ...],
    *,
    log: Path,
    timeout: float = 180,
    poll: float = 1,
    stop_wait: float = 30,
) -> str:
    """Start ``onefuture worker``, read ``status()`` until it starts with one of ``finished``
    (or ``timeout`` seconds pass), stop the worker; the last status read."""
    with log.open("ab") as out:
        worker = subprocess.Popen(
            [ONEFUTURE, "worker", "--interval", "0.2"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            last = status()
            if last.startswith(finished):
                break
            time.sleep(poll)
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
        worker.wait(stop_wait)
    return last
