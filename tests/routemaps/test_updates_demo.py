"""The demo step: quarterly periods (past ones locked) and illustrative updates, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from onefuture.routemaps import demo_updates
from onefuture.routemaps.models import ReportingPeriod, Update, UpdateState
from tests.routemaps.updates_data import updates_place

pytestmark = pytest.mark.django_db


def test_the_demo_adds_periods_and_updates_once(monkeypatch) -> None:
    data = updates_place()
    ReportingPeriod.objects.all().delete()
    monkeypatch.setattr(demo_updates, "_example_place", lambda example_dir: data.place)
    line = demo_updates.example_updates_load(Path("."))
    assert "1 waiting for approval, 1 returned" in line
    periods = list(ReportingPeriod.objects.filter(place=data.place).order_by("start"))
    assert periods[0].key == "2024-25-q1" and periods[0].title == "April to June 2024"
    assert periods[0].locked and not periods[-1].locked
    states = sorted(Update.objects.values_list("state", flat=True))
    assert states == [UpdateState.PUBLISHED, UpdateState.RETURNED, UpdateState.SUBMITTED]
    assert all(u.narrative.startswith("Illustrative example: ") for u in Update.objects.all())
    waiting = Update.objects.get(state=UpdateState.SUBMITTED)
    assert waiting.period == periods[-1]
    assert "already loaded" in demo_updates.example_updates_load(Path("."))
    assert Update.objects.count() == 3
