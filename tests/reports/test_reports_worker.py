"""A report asked for on the reports page is made by the real worker (``onefuture worker`` in
its own process, on a file database): the run is done at 100% and its Word and PDF files, kept
in the database, open in python-docx and pypdf."""

from __future__ import annotations

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from tests.worker import scenario, worker_env, worker_until

pytestmark = pytest.mark.worker


def _scenario(env: dict, *step: str) -> str:
    return scenario("tests.reports.reports_worker_scenario", env, *step)


def test_a_queued_report_is_made_by_the_real_worker(tmp_path) -> None:
    env = worker_env(tmp_path, "reports.sqlite3")
    _scenario(env, "setup")
    _scenario(env, "start")
    assert _scenario(env, "status") == "queued|0|Waiting for the background worker|0"

    log = tmp_path / "worker.log"
    status = worker_until(
        env,
        lambda: _scenario(env, "status"),
        ("done|", "failed|"),
        log=log,
        timeout=180,
        poll=1,
        stop_wait=30,
    )
    assert status == "done|100|Done|2", log.read_text()

    out_dir = tmp_path / "files"
    out_dir.mkdir()
    _scenario(env, "files", str(out_dir))
    word = WordDocument(str(out_dir / "riverton-scrutiny-2024-02-27.docx"))
    assert any(p.style.name == "Heading 1" for p in word.paragraphs)
    pdf = PdfReader(str(out_dir / "riverton-scrutiny-2024-02-27.pdf"))
    assert "27 February 2024" in "".join(page.extract_text() for page in pdf.pages)
