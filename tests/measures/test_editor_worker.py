"""An edit in the measure editor re-assessed by the real worker (``onefuture worker`` in its
own process, on a file database): the page queues, the worker changes the verdict, and no
command is run by hand."""

from __future__ import annotations

import pytest

from tests.worker import scenario, worker_env, worker_until

pytestmark = pytest.mark.worker


def _scenario(env: dict, *step: str) -> str:
    return scenario("tests.measures.editor_worker_scenario", env, *step)


def test_an_edit_in_the_editor_is_reassessed_by_the_real_worker(tmp_path) -> None:
    env = worker_env(tmp_path, "editor.sqlite3")
    _scenario(env, "setup")
    assert _scenario(env, "status").startswith("none|")
    before = _scenario(env, "status").split("|")[1]
    _scenario(env, "edit")
    assert _scenario(env, "status") == f"queued|{before}"  # queued, not yet run

    log = tmp_path / "worker.log"
    status = worker_until(
        env,
        lambda: _scenario(env, "status"),
        ("done|", "failed|"),
        log=log,
        timeout=90,
        poll=0.5,
        stop_wait=20,
    )
    state, after = status.split("|")
    assert state == "done", log.read_text()
    assert after != before, (before, after)
