"""The demo has one login per role, each a member of the example place (``make run``)."""

from __future__ import annotations

import pytest
from django.test import Client

from onefuture.core.models import Membership
from onefuture.core.permissions import permission_has
from onefuture.framework.demo import EXAMPLE_DIR, demo_logins_ensure, demo_step_list
from onefuture.framework.services import framework_load

pytestmark = pytest.mark.django_db


def test_each_demo_login_has_its_role_in_the_example_place():
    place = framework_load(path=EXAMPLE_DIR / "framework.yaml").place
    demo_logins_ensure()
    demo_logins_ensure()  # idempotent
    roles = {
        m.user.username: (m.role, m.partner.name if m.partner else None)
        for m in Membership.objects.filter(place=place).select_related("user", "partner")
    }
    assert roles == {
        "admin": ("administrator", None),
        "officer": ("strategy_officer", None),
        "editor": ("partner_editor", "Stockport Council"),
        "scrutiny": ("scrutiny_member", None),
        "engagement": ("engagement_officer", None),
    }
    may_import = {
        m.user.username: permission_has(user=m.user, action="data.import", place=place)
        for m in Membership.objects.filter(place=place).select_related("user")
    }
    assert may_import == {
        "admin": True,
        "officer": True,
        "editor": False,
        "scrutiny": False,
        "engagement": False,
    }
    assert Client().login(username="editor", password="onefuture-demo")

    printed = next(s for s in demo_step_list() if s.name == "logins").run(EXAMPLE_DIR)
    lines = [" ".join(line.split()) for line in printed.splitlines()]
    assert lines[1:] == [
        "administrator admin / onefuture-demo (Administrator, Stockport)",
        "strategy officer officer / onefuture-demo (Strategy officer, Stockport)",
        "partner editor editor / onefuture-demo (Partner editor for Stockport Council, Stockport)",
        "scrutiny member scrutiny / onefuture-demo (Scrutiny member, Stockport)",
        "engagement officer engagement / onefuture-demo (Engagement officer, Stockport)",
    ]
