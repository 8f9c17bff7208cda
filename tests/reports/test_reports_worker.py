"""A report asked for on the reports page is made by the real worker (``onefuture worker`` in
its own process, on a file database): the run is done at 100% and its Word and PDF files, kept
in the database, open in python-docx and pypdf."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[2]
ONEFUTURE = Path(sys.executable).parent / "onefuture"


def _scenario(env: dict, *step: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tests.reports.reports_worker_scenario", *step],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def test_a_queued_report_is_made_by_the_real_worker(tmp_path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'reports.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
        "ONEFUTURE_VAR_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    _scenario(env, "setup")
    _scenario(env, "start")
    assert _scenario(env, "status") == "queued|0|Waiting for the background worker|0"

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
            if status.startswith(("done|", "failed|")):
                break
            time.sleep(1)
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
        worker.wait(30)
    assert status == "done|100|Done|2", log.read_text()

    out_dir = tmp_path / "files"
    out_dir.mkdir()
    _scenario(env, "files", str(out_dir))
    word = WordDocument(str(out_dir / "riverton-scrutiny-2024-02-27.docx"))
    assert any(p.style.name == "Heading 1" for p in word.paragraphs)
    pdf = PdfReader(str(out_dir / "riverton-scrutiny-2024-02-27.pdf"))
    assert "27 February 2024" in "".join(page.extract_text() for page in pdf.pages)
