"""Issue 12's "Done when": schemathesis runs against the OpenAPI schema on a test database with
the Stockport example loaded: zero server errors and zero schema violations.

Every GET operation of ``/api/v1/openapi.json`` is called through Django's WSGI application
(in this process, on the test database: nothing is served or downloaded) with requests
schemathesis generates from the schema, twice per operation:

- *anything the schema allows*: any place slug, path key, filter, limit and offset;
- *the example's own*: ``?place=stockport`` and a path key that exists (a real big thing,
  measure, milestone, theme, ...), the rest generated, so the 200 answers are checked too.

Each response must not be a server error (5xx), must have a status the operation documents, be
JSON where the schema says so, and its body must conform to the schema of that status
(``response_schema_conformance``: the page shape, every field's type, the error shape).

The write operations (ADR 0039) are fuzzed the same way by a second test, anonymous (a 401 in
the error shape) and with an administrator's token (whatever body the schema allows: a file
that is not a data file, an update to a milestone that does not exist, ...), inside the test's
transaction; who may write what is tested role by role in tests/api/test_api_permissions.py.
Bounded: :data:`EXAMPLES` requests per operation and run, derandomised (the same
requests every run, so a failure reproduces), no example database; about a minute in all.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from onefuture.engagement.models import Theme
from onefuture.framework.models import BigThing, CrossCuttingAmbition
from onefuture.measures.models import ImportBatch, Measure
from onefuture.partners.models import Partner
from onefuture.routemaps.models import Milestone, Update, UpdateState
from tests.api.stockport import stockport_example

pytestmark = pytest.mark.django_db
example = stockport_example

#: Requests per operation in each of the two runs.
EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@contextmanager
def _one_connection():
    """Keep the test's database connection across requests (its transaction holds the example):
    Django's handler closes "old" connections around each request, which the test client
    avoids the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _real_keys(place) -> dict[str, str]:
    """A path parameter value that exists in the example, by the path it belongs to."""

    def first(model, **where) -> str:
        found = model.objects.filter(place=place, **where).order_by("pk").first()
        assert found is not None, f"the example has no {model.__name__}"
        return found.key

    batch = ImportBatch.objects.filter(place=place).order_by("pk").first()
    published = Update.objects.filter(place=place, state=UpdateState.PUBLISHED).first()
    milestone = (
        published.milestone.key if published and published.milestone_id else first(Milestone)
    )
    return {
        "/api/v1/big-things/{key}/": first(BigThing),
        "/api/v1/routemaps/{big_thing}/": first(BigThing),
        "/api/v1/ambitions/{key}/": first(CrossCuttingAmbition),
        "/api/v1/items/{key}/": first(BigThing),
        "/api/v1/partners/{key}/": first(Partner),
        "/api/v1/measures/{key}/": first(Measure),
        "/api/v1/measures/{key}/data/": first(Measure),
        "/api/v1/milestones/{key}/": milestone,
        "/api/v1/milestones/{key}/updates/": milestone,
        "/api/v1/engagement/themes/{key}/": first(Theme, status="confirmed"),
        "/api/v1/updates/{update_id}/": str(published.pk) if published else "1",
        # A data import's status (a write route's result, ADR 0039: staff only).
        "/api/v1/imports/{batch_id}/": str(batch.pk) if batch else "1",
    }


def _run(operation, checks=CHECKS, **fixed) -> str | None:
    """Call the operation with up to EXAMPLES generated requests; the failure, if any."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(**fixed))
    def check(case) -> None:
        case.call_and_validate(checks=checks)

    try:
        check()
    except (Exception, BaseExceptionGroup) as error:  # each failure, with its request
        return f"{operation.label} {fixed or ''}:\n{error}"
    return None


def test_every_get_operation_answers_within_its_schema(example) -> None:
    app = WSGIHandler()
    with _one_connection():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).include(method="GET")
        operations = [result.ok() for result in schema.get_all_operations()]
        paths = {op.path for op in operations}
        keys = _real_keys(example)
        unknown = {p for p in paths if "{" in p} - set(keys)
        assert not unknown, f"give tests/api/test_schemathesis.py::_real_keys a key for {unknown}"
        assert len(operations) >= 20 and "/api/v1/measures/{key}/data/" in paths
        failures = []
        for operation in operations:
            failures.append(_run(operation))
            path_parameters = None
            if operation.path in keys:
                name = operation.path.rsplit("{", 1)[1].split("}")[0]
                path_parameters = {name: keys[operation.path]}
            failures.append(
                _run(operation, query={"place": example.slug}, path_parameters=path_parameters)
                if path_parameters
                else _run(operation, query={"place": example.slug})
            )
    found = [f for f in failures if f]
    assert not found, f"{len(found)} failing run(s):\n\n" + "\n\n".join(found)


def _administrator(place):
    from django.contrib.auth import get_user_model

    from onefuture.core.models import Role
    from onefuture.core.services import membership_set

    user, _ = get_user_model().objects.get_or_create(username="schemathesis-admin")
    membership_set(user=user, place=place, role=Role.ADMINISTRATOR)
    return user


def test_every_write_operation_answers_within_its_schema(example) -> None:
    from onefuture.tokens.services import token_create

    token = token_create(user=_administrator(example), name="schemathesis")[1]
    statuses: dict[str, set[int]] = {}

    def seen(ctx, response, case) -> None:  # a check that records what each operation answered
        statuses.setdefault(case.operation.label, set()).add(response.status_code)

    app = WSGIHandler()
    with _one_connection():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).exclude(method="GET")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {op.method.upper() for op in operations} == {"POST"}
        assert len(operations) >= 4, [op.label for op in operations]
        failures = []
        for operation in operations:
            failures.append(_run(operation, query={"place": example.slug}))
            failures.append(
                _run(
                    operation,
                    [*CHECKS, seen],
                    query={"place": example.slug},
                    headers={"Authorization": f"Bearer {token}"},
                )
            )
    found = [f for f in failures if f]
    assert not found, f"{len(found)} failing run(s):\n\n" + "\n\n".join(found)
    # The token was taken: every write answered something besides "who are you?" at least once.
    unauthenticated = sorted(label for label, codes in statuses.items() if codes <= {401})
    assert len(statuses) == len(operations) and not unauthenticated, statuses
