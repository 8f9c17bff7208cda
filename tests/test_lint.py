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


def test_django_is_banned_in_the_pure_libraries() -> None:
    for library in ("stats", "themes"):
        result = subprocess.run(
            [
                str(RUFF),
                "check",
                "--no-cache",
                "--stdin-filename",
                f"src/onefuture/{library}/probe.py",
                "-",
            ],
            input="import django\n",
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1, library
        assert "TID251" in result.stdout, library


def test_django_is_allowed_in_the_web_apps() -> None:
    result = subprocess.run(
        [
            str(RUFF),
            "check",
            "--no-cache",
            "--stdin-filename",
            "src/onefuture/places/probe.py",
            "-",
        ],
        input="import django\n\nVERSION = django.VERSION\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
