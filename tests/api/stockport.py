"""The Stockport example, loaded once for a whole test module and rolled back after it.

Loading the example takes about ten seconds; the API's read tests and the schemathesis run
only read it, so each module loads it once inside a transaction that is rolled back when the
module ends (as ``TestCase.setUpTestData`` does): every test still runs in its own savepoint
and the next module starts from an empty database. Use it as::

    pytestmark = pytest.mark.django_db
    example = stockport_example   # a module-scoped fixture: the Stockport Place
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from onefuture.framework.demo import EXAMPLE_DIR, demo_step_list

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="module")
def stockport_example(django_db_setup, django_db_blocker):
    """Every demo step but migrating (the test database is migrated), then the place."""
    from onefuture.places.models import Place

    with (
        django_db_blocker.unblock(),
        override_settings(TASKS=IMMEDIATE_TASKS),
        transaction.atomic(),
    ):
        for step in demo_step_list():
            if step.name != "database":
                step.run(EXAMPLE_DIR)
        yield Place.objects.get(slug="stockport")
        transaction.set_rollback(True)
