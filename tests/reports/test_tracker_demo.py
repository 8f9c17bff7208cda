"""The demo step: the seed's meeting of 27 February 2024 (its words copied from the seed report)
and a later illustrative one whose recommendations link to the example's framework items."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from onefuture.framework.demo import demo_step_list
from onefuture.framework.services import framework_load
from onefuture.places.selectors import place_resolve
from onefuture.reports.selectors import report_meeting, tracker_rows
from onefuture.reports.tracker import example_meetings_load
from tests.reports.stockport_world import EXAMPLE_DIR

pytestmark = pytest.mark.django_db


def test_registered_at_order_60():
    step = next(s for s in demo_step_list() if s.name == "scrutiny tracker")
    assert step.order == 60 and step.run is example_meetings_load


def test_loads_the_seed_meeting_and_the_illustrative_one_once():
    framework_load(path=EXAMPLE_DIR / "framework.yaml")
    place = place_resolve(slug="stockport")
    started = time.perf_counter()
    assert example_meetings_load(EXAMPLE_DIR) == "Loaded 2 scrutiny meetings, 4 recommendations"
    assert time.perf_counter() - started < 5
    assert example_meetings_load(EXAMPLE_DIR) == "Example scrutiny meetings already loaded"

    seed = report_meeting(place=place, date=dt.date(2024, 2, 27))
    assert seed.committee == "Corporate Resource Management and Governance Scrutiny Committee"
    assert seed.report_of == "Cabinet Member for Finance and Resources"
    assert seed.title == "One Stockport, One Future" and not seed.illustrative
    assert seed.recommendations[0].startswith("Note and comment on the report")
    assert seed.contact is not None and seed.contact.role == "Director of Strategy"

    later = report_meeting(place=place, date=dt.date(2024, 9, 24))
    assert later.previous_date == dt.date(2024, 2, 27) and later.illustrative
    rows = tracker_rows(place=place, before=dt.date(2025, 1, 1))
    assert len(rows) == 4 and all(row.illustrative for row in rows)
    assert {row.status for row in rows} == {"open", "in_progress", "done", "not_accepted"}
    linked = {title for row in rows for title in row.links}
    assert "Good jobs and homes" in linked
    assert "Children in absolute low-income families" in linked
    assert "1,200 town-centre homes complete or on site" in linked
