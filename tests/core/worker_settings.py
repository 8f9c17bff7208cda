"""Settings for the real-worker tests: onefuture's own, plus the test-only hooks app."""

from onefuture.config.settings import *  # noqa: F403
from onefuture.config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.core.worker_hooks.WorkerHooksConfig"]
