"""The architecture's rules, enforced: ruff (including the ban on Django in stats/ and themes/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")


def test_ruff_check_passes() -> None:
    result = subprocess.run(
        [str(RUFF), "check", "src", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_django_is_banned_in_the_pure_libraries(tmp_path: Path) -> None:
    offender = ROOT / "src" / "onefuture" / "stats" / "_lint_probe_tmp.py"
    offender.write_text("import django\n")
    try:
        result = subprocess.run(
            [str(RUFF), "check", "--no-cache", str(offender)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        offender.unlink()
    assert result.returncode == 1
    assert "TID251" in result.stdout
