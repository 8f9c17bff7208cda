"""The plan's admin pages: lists and history readable, nothing editable (the file is the source)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.routemaps.sample import sample_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["horizon", "routemap", "milestone", "deliveryplan"])
def test_lists_and_history_are_read_only(admin_client, model):
    plan = sample_plan()
    obj = {
        "horizon": plan.horizons[0],
        "routemap": plan.routemaps["good-jobs"],
        "milestone": plan.milestones["bus-lanes"],
        "deliveryplan": plan.delivery_plan,
    }[model]
    base = f"/admin/routemaps/{model}/"
    assert admin_client.get(base).status_code == 200
    assert admin_client.get(f"{base}{obj.pk}/history/").status_code == 200
    assert admin_client.get(f"{base}add/").status_code == 403
    assert admin_client.post(f"{base}{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    type(obj).objects.get(pk=obj.pk)  # still there
