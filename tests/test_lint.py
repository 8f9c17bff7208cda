"""The architecture's rules, enforced: ruff, including its banned imports (TID251): no Django in
stats/ and themes/; no app but the website imports onefuture.website; the web shell imports no
domain app (ADR 0016)."""

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


def _ruff_stdin(filename: str, source: str) -> subprocess.CompletedProcess[str]:
    """ruff on ``source`` as if it were the file ``filename`` (which need not exist)."""
    return subprocess.run(
        [str(RUFF), "check", "--no-cache", "--stdin-filename", filename, "-"],
        input=source,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


WEBSITE_IMPORTS = (
    "from onefuture.website.views import big_thing\n\nVIEW = big_thing\n",
    "import onefuture.website.network\n\nLAYOUT = onefuture.website.network.network_layout\n",
    "from onefuture import website\n\nAPP = website\n",
)


def test_importing_the_website_app_is_banned_everywhere_else() -> None:
    """Every app, including ones not written yet (routemaps, api ...), builds on onefuture.web."""
    for folder in (
        "src/onefuture/measures",
        "src/onefuture/framework",
        "src/onefuture/partners",
        "src/onefuture/places",
        "src/onefuture/core",
        "src/onefuture/charts",
        "src/onefuture/web",
        "src/onefuture/config",
        "src/onefuture/routemaps",
        "src/onefuture/api",
        "tests/measures",
    ):
        for source in WEBSITE_IMPORTS:
            result = _ruff_stdin(f"{folder}/probe.py", source)
            assert result.returncode == 1, (folder, source)
            assert "TID251 `onefuture.website` is banned" in result.stdout, (folder, source)


def test_the_website_app_and_its_tests_may_import_it() -> None:
    for folder in ("src/onefuture/website", "tests/website"):
        for source in WEBSITE_IMPORTS:
            result = _ruff_stdin(f"{folder}/probe.py", source)
            assert result.returncode == 0, (folder, result.stdout)


def test_the_web_shell_may_not_import_a_domain_app() -> None:
    for module in (
        "onefuture.measures",
        "onefuture.framework",
        "onefuture.partners",
        "onefuture.charts",
        "onefuture.routemaps",
        "onefuture.engagement",
        "onefuture.reports",
        "onefuture.api",
        "onefuture.cli",
    ):
        result = _ruff_stdin("src/onefuture/web/probe.py", f"import {module}.x\n\nX = {module}.x\n")
        assert result.returncode == 1, module
        assert f"TID251 `{module}` is banned" in result.stdout, module


def test_the_web_shell_may_import_django_core_and_places() -> None:
    source = (
        "from django.http import HttpResponse\n\n"
        "from onefuture.core.errors import NotFound\n"
        "from onefuture.places.selectors import place_resolve\n\n"
        "USED = (HttpResponse, NotFound, place_resolve)\n"
    )
    result = _ruff_stdin("src/onefuture/web/probe.py", source)
    assert result.returncode == 0, result.stdout
