from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _settings_value(expr: str, env: dict[str, str], cwd: Path) -> str:
    code = f"import onefuture.config.settings as s; print({expr})"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_default_database_is_sqlite_under_the_repository_whatever_the_cwd(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    name = _settings_value("s.DATABASES['default']['NAME']", env, cwd=tmp_path)
    assert name == str(ROOT / "var" / "onefuture.sqlite3")


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    env = dict(os.environ, DATABASE_URL="postgres://postgres@127.0.0.1:5432/somewhere")
    engine = _settings_value("s.DATABASES['default']['ENGINE']", env, cwd=tmp_path)
    assert engine == "django.db.backends.postgresql"


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["ONEFUTURE_ENV"] = "production"
    result = subprocess.run(
        [sys.executable, "-c", "import onefuture.config.settings"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
