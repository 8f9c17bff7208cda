"""Project-wide test configuration.

Tests that need a service (a browser, PostgreSQL) skip with a loud reason locally, but fail under
``CI=true``: use :func:`require` rather than ``pytest.skip`` for them.
"""

from __future__ import annotations

import os

import pytest

# The browser fixtures (browser, page, page_no_js), defined once so one Chromium serves the session.
pytest_plugins = ["tests.browser"]

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when a service the test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(f"SKIPPED LOUDLY: {reason}")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; the production hasher's deliberate slowness only costs time here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background jobs run inside the call that queues them (tests/core/test_worker.py starts
    a real worker instead)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
