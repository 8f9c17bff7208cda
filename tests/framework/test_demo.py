"""The demo database ``make run`` prepares: the example is loaded once, and edits survive."""

from __future__ import annotations

import pytest

from onefuture.framework.demo import EXAMPLE_DIR, demo_prepare
from onefuture.framework.models import BigThing, Link

pytestmark = pytest.mark.django_db


def test_running_the_demo_again_keeps_what_an_officer_changed():
    demo_prepare()
    big_thing = BigThing.objects.get(place__slug="stockport", key="good-jobs-and-homes")
    big_thing.title = "Good jobs and homes for all"
    big_thing.save()
    Link.objects.filter(place__slug="stockport").first().delete()
    links = Link.objects.filter(place__slug="stockport").count()

    messages = demo_prepare()

    big_thing.refresh_from_db()
    assert big_thing.title == "Good jobs and homes for all"
    assert Link.objects.filter(place__slug="stockport").count() == links
    framework_message = next(m for m in messages if "Stockport" in m and "already" in m)
    assert "onefuture framework load" in framework_message
    assert str(EXAMPLE_DIR / "framework.yaml") in framework_message
