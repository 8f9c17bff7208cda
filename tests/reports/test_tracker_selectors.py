"""The tracker's selectors: the meeting a report goes to (with defaults and the previous
meeting's date), the tracker's rows and the report's section."""

from __future__ import annotations

import datetime as dt

import pytest

from onefuture.reports import services
from onefuture.reports.document import ContactOfficer, Numberer, Paragraph, Table
from onefuture.reports.selectors import report_meeting, tracker_rows, tracker_section
from tests.reports.tracker_sample import COMMITTEE, meeting, tracker_world

pytestmark = pytest.mark.django_db
FEB = dt.date(2024, 2, 27)
SEP = dt.date(2024, 9, 24)


@pytest.fixture
def world():
    return tracker_world()


def test_with_no_meeting_the_words_are_generic(world):
    info = report_meeting(place=world.place, date=FEB)
    assert info.committee == "Scrutiny Committee" and info.title == world.place.name
    assert info.recommendations == () and info.contact is None and info.previous_date is None
    assert info.date == FEB


def test_the_meeting_on_the_date(world):
    meeting(world, FEB)
    info = report_meeting(place=world.place, date=FEB)
    assert info.committee == COMMITTEE
    assert info.report_of == "Cabinet Member for Finance and Resources"
    assert info.recommendations == ("Note and comment on the report.", "Agree the next steps.")
    assert info.contact == ContactOfficer(
        "Pat Example", "Director of Strategy", "pat.example@riverton.gov.uk", "0161 000 0000"
    )
    assert info.previous_date is None


def test_previous_date_and_defaults_from_the_latest_earlier_meeting(world):
    meeting(world, FEB, report_title="First title")
    meeting(world, SEP, report_title="Second title")
    meeting(world, dt.date(2024, 6, 1), committee="Another Committee")
    later = dt.date(2025, 1, 28)
    on_sep = report_meeting(place=world.place, date=SEP)
    assert on_sep.previous_date == FEB and on_sep.title == "Second title"
    unrecorded = report_meeting(place=world.place, date=later)
    assert unrecorded.title == "Second title" and unrecorded.date == later
    assert unrecorded.committee == COMMITTEE and unrecorded.previous_date == SEP


def _two_meetings(world):
    first = meeting(world, FEB)
    second = meeting(world, SEP)
    jobs = world.sample.big_things[0]
    a = services.recommendation_add(
        user=world.strategy, meeting=first, text="Report homes", big_things=[jobs.key],
        owner_text="Director of Place", due_date=dt.date(2024, 9, 30),
    )  # fmt: skip
    services.recommendation_respond(
        user=world.strategy, recommendation=a, status="done", response="Done quarterly."
    )
    services.recommendation_add(user=world.strategy, meeting=first, text="Ask partners")
    services.recommendation_add(user=world.strategy, meeting=second, text="Later one")
    return jobs


def test_tracker_rows_are_those_before_the_date(world):
    jobs = _two_meetings(world)
    rows = tracker_rows(place=world.place, before=SEP)
    assert [(r.meeting_date, r.number, r.text) for r in rows] == [
        (FEB, 1, "Report homes"),
        (FEB, 2, "Ask partners"),
    ]
    first = rows[0]
    assert first.links == (jobs.title,) and first.owner == "Director of Place"
    assert (first.status, first.status_label, first.status_colour) == ("done", "Done", "green")
    assert first.response == "Done quarterly." and rows[1].status_label == "Open"
    assert len(tracker_rows(place=world.place, before=dt.date(2025, 1, 1))) == 3
    assert tracker_rows(place=tracker_world(slug="other").place, before=SEP) == []


def test_tracker_section_numbers_its_paragraph_and_tables_the_rows(world):
    _two_meetings(world)
    numberer = Numberer()
    numberer.next_section()
    section = tracker_section(numberer, place=world.place, date=SEP)
    assert section.number == "2" and section.title == "Scrutiny recommendations tracker"
    paragraph, table = section.blocks
    assert isinstance(paragraph, Paragraph) and paragraph.number == "2.1"
    assert "2 recommendations" in paragraph.text and "1 is done" in paragraph.text
    assert isinstance(table, Table) and len(table.rows) == 2
    assert table.rows[0][0] == "27 February 2024" and table.rows[0][6] == "Done"
    assert table.rows[1][-1] == "No response recorded yet."
    empty = tracker_section(Numberer(), place=world.place, date=FEB)
    assert "No recommendations" in empty.blocks[0].text
