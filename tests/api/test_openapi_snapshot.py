"""The OpenAPI schema at /api/v1/openapi.json is the committed one (tests/api/openapi.json).

A change to a route, a parameter or a response shape changes the schema a client (Power BI, a
partner's dashboard, a generated client) was built against; the snapshot makes that change
visible in review. When it is meant, refresh the file with the command the failure names.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from django.test import Client

SNAPSHOT = Path(__file__).with_name("openapi.json")
REFRESH = ".venv/bin/python -m tests.api.openapi_refresh"


def schema_text(schema: dict) -> str:
    """The schema as committed: sorted keys, two-space indent, a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.django_db
def test_the_live_schema_is_the_committed_one(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    live = schema_text(response.json())
    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing: write it with `{REFRESH}`"
    committed = SNAPSHOT.read_text()
    if live != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    live.splitlines(keepends=True),
                    "tests/api/openapi.json",
                    "/api/v1/openapi.json",
                )
            )[:80]
        )
        pytest.fail(
            "The API's OpenAPI schema changed. If that is meant, refresh the snapshot with "
            f"`{REFRESH}` and commit it.\n{diff}",
            pytrace=False,
        )


def test_the_schema_is_openapi_3_with_every_read_route() -> None:
    schema = json.loads(SNAPSHOT.read_text())
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/v1/place/",
        "/api/v1/big-things/",
        "/api/v1/measures/{key}/data/",
        "/api/v1/partners/",
        "/api/v1/routemaps/",
        "/api/v1/engagement/themes/",
    ):
        assert "get" in paths[path], path
    # Every list answers the one page shape; every read documents the one error shape.
    for path, operations in paths.items():
        get = operations.get("get")
        if get is None:
            continue
        ok = get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        name = ok.rsplit("/", 1)[-1]
        if name.endswith("Page"):
            fields = schema["components"]["schemas"][name]["properties"]
            assert set(fields) == {"count", "limit", "offset", "items"}, path
            names = {p["name"] for p in get.get("parameters", [])}
            assert {"limit", "offset", "place"} <= names, path
        for status in ("400", "404"):
            assert status in get["responses"], (
                f"GET {path} documents no {status}: add onefuture.api.paging.ERRORS to its response"
            )
            error = get["responses"][status]["content"]["application/json"]["schema"]["$ref"]
            assert error.endswith("/ErrorOut"), (path, status)
