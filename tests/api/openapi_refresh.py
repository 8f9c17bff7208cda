"""Write the API's OpenAPI schema to tests/api/openapi.json (the snapshot the test compares).

.venv/bin/python -m tests.api.openapi_refresh
"""

from __future__ import annotations

import os


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    os.environ["ONEFUTURE_PAGE_CACHE_SECONDS"] = "0"  # the schema as served now, not a stored copy
    import django

    django.setup()
    from django.test import Client

    from tests.api.test_openapi_snapshot import SNAPSHOT, schema_text

    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200, response.content[:500]
    SNAPSHOT.write_text(schema_text(response.json()))
    print(f"wrote {SNAPSHOT} ({len(response.json()['paths'])} paths)")


if __name__ == "__main__":
    main()
