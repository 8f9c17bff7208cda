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


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ONEFUTURE_", "DJANGO_"))}
    env.update(
        ONEFUTURE_ENV="production",
        DJANGO_SECRET_KEY="k3Y-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_" * 2,
        DJANGO_ALLOWED_HOSTS="onefuture.example.org",
        **extra,
    )
    return env


def test_check_deploy_is_clean_in_production_mode(tmp_path: Path) -> None:
    """`manage.py check --deploy` with the variables docs/deploy.md sets: no warning at all."""
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=dict(_production_env(), DJANGO_SETTINGS_MODULE="onefuture.config.settings"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sets_https_hsts_and_secure_cookies(tmp_path: Path) -> None:
    env = _production_env()
    values = (
        "[s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " getattr(s, 'SECURE_PROXY_SSL_HEADER', None)]"
    )
    assert _settings_value(values, env, tmp_path) == (
        "[True, 31536000, True, False, True, True, True, 'Lax', None]"
    )
    behind = _production_env(
        ONEFUTURE_PROXY_COUNT="1", ONEFUTURE_HSTS_SECONDS="600", ONEFUTURE_HSTS_PRELOAD="1"
    )
    assert (
        _settings_value(
            "[s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD]",
            behind,
            tmp_path,
        )
        == "[('HTTP_X_FORWARDED_PROTO', 'https'), 600, True]"
    )


def test_the_cli_refuses_production_without_a_secret_key_in_one_line(tmp_path: Path) -> None:
    env = _production_env()
    del env["DJANGO_SECRET_KEY"]
    onefuture = Path(sys.executable).parent / "onefuture"
    result = subprocess.run(
        [str(onefuture), "migrate"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: ONEFUTURE_ENV=production needs the environment variable 'DJANGO_SECRET_KEY'."
    )
