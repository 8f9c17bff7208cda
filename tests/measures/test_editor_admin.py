"""The Django admin's measure page links to the workspace editor, the public page and the upload."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.measures.pages_sample import measures_sample

pytestmark = pytest.mark.django_db


def test_the_admin_measure_page_links_to_the_editor_and_the_public_page(client: Client) -> None:
    sample = measures_sample()
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-12345-long")
    client.force_login(admin)
    response = client.get(f"/admin/measures/measure/{sample.measure.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        'href="/places/riverton/workspace/measures/employment/">Edit in the staff workspace' in html
    )
    assert 'href="/places/riverton/measures/employment/">View on the site' in html
    assert 'href="/places/riverton/data/upload/">Upload data' in html
    assert client.get("/admin/measures/measure/add/").status_code == 200
