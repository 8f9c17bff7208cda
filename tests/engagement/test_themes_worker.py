"""A theme run queued by the service is finished by the real worker (``onefuture worker`` in
its own process, on a file database), with progress 100 and its themes written."""

from __future__ import annotations

import pytest

from tests.worker import scenario, worker_env, worker_until

pytestmark = pytest.mark.worker


def _scenario(env: dict, *step: str) -> str:
    return scenario("tests.engagement.themes_worker_scenario", env, *step)


def test_a_queued_theme_run_is_finished_by_the_real_worker(tmp_path) -> None:
    env = worker_env(tmp_path, "themes.sqlite3")
    _scenario(env, "setup")
    _scenario(env, "start")
    assert _scenario(env, "status") == "queued|0|0"  # queued, not yet run

    log = tmp_path / "worker.log"
    status = worker_until(
        env,
        lambda: _scenario(env, "status"),
        ("succeeded|", "failed|"),
        log=log,
        timeout=180,
        poll=1,
        stop_wait=30,
    )
    assert status == "succeeded|100|3", log.read_text()
