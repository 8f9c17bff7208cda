"""The tracker's services: who may write, errors that name the field, numbering, links, history."""

from __future__ import annotations

import datetime as dt

import pytest

from onefuture.core.errors import ApplicationError, PermissionDenied
from onefuture.reports import services
from onefuture.reports.models import RecommendationStatus
from tests.reports.tracker_sample import COMMITTEE, meeting, tracker_world

pytestmark = pytest.mark.django_db
FEB = dt.date(2024, 2, 27)


@pytest.fixture
def world():
    return tracker_world()


def _field(error: ApplicationError) -> set[str]:
    return {detail.field for detail in error.errors}


def test_officers_record_a_meeting_and_others_are_refused(world):
    made = meeting(world, FEB)
    assert made.committee == COMMITTEE and made.recommendations_text.startswith("Note")
    services.meeting_create(user=world.admin, place=world.place, committee="Other", date=FEB)
    for user in (world.scrutiny, world.editor):
        with pytest.raises(PermissionDenied, match="administrators and strategy officers"):
            services.meeting_create(user=user, place=world.place, committee="X", date=FEB)


def test_meeting_errors_name_the_field(world):
    with pytest.raises(ApplicationError) as error:
        services.meeting_create(
            user=world.strategy, place=world.place, committee=" ", date=None,
            contact_email="not-an-address",
        )  # fmt: skip
    assert _field(error.value) == {"committee", "date", "contact_email"}
    meeting(world, FEB)
    with pytest.raises(ApplicationError) as clash:
        meeting(world, FEB)
    assert _field(clash.value) == {"date"} and "is recorded" in clash.value.message


def test_meeting_update_changes_words_and_refuses_a_clash(world):
    first = meeting(world, FEB)
    later = meeting(world, dt.date(2024, 9, 24))
    services.meeting_update(user=world.strategy, meeting=first, report_title="New title")
    first.refresh_from_db()
    assert first.report_title == "New title" and first.history.count() == 2
    with pytest.raises(ApplicationError) as clash:
        services.meeting_update(user=world.strategy, meeting=later, date=FEB)
    assert _field(clash.value) == {"date"}
    with pytest.raises(PermissionDenied):
        services.meeting_update(user=world.scrutiny, meeting=first, report_title="No")


def test_recommendations_are_numbered_linked_and_owned(world):
    made = meeting(world, FEB)
    jobs, *_ = world.sample.big_things
    partner = world.sample.partners[0]
    one = services.recommendation_add(
        user=world.strategy, meeting=made, text="Report homes every meeting",
        big_things=[jobs.key], owner_text="Director of Place", due_date=dt.date(2024, 9, 30),
    )  # fmt: skip
    two = services.recommendation_add(
        user=world.strategy, meeting=made, text="Ask partners", owner_partner=partner.key
    )
    assert (one.number, two.number) == (1, 2)
    assert list(one.big_things.all()) == [jobs] and one.owner == "Director of Place"
    assert two.owner == partner.name and two.status == RecommendationStatus.OPEN


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "x", "big_things": ["no-such-thing"]}, "big_things"),
        ({"text": "x", "measures": ["no-such-measure"]}, "measures"),
        ({"text": "x", "milestones": ["no-such-milestone"]}, "milestones"),
        ({"text": "x", "owner_partner": "nobody"}, "owner_partner"),
        ({"text": "x", "status": "maybe"}, "status"),
    ],
)
def test_recommendation_errors_name_the_field(world, kwargs, field):
    made = meeting(world, FEB)
    with pytest.raises(ApplicationError) as error:
        services.recommendation_add(user=world.strategy, meeting=made, **kwargs)
    assert _field(error.value) == {field}
    assert made.recommendations.count() == 0  # one transaction: nothing half-made


def test_a_big_thing_of_another_place_is_not_linked(world):
    other = tracker_world(slug="elsewhere")
    made = meeting(world, FEB)
    with pytest.raises(ApplicationError) as error:
        services.recommendation_add(
            user=world.strategy, meeting=made, text="x",
            big_things=[other.sample.big_things[0].key + "-x"],
        )  # fmt: skip
    assert _field(error.value) == {"big_things"}


def test_update_and_respond(world):
    made = meeting(world, FEB)
    rec = services.recommendation_add(user=world.strategy, meeting=made, text="Old words")
    services.recommendation_update(
        user=world.strategy, recommendation=rec, text="New words",
        big_things=[world.sample.big_things[1].key],
    )  # fmt: skip
    rec.refresh_from_db()
    assert rec.text == "New words" and [b.key for b in rec.big_things.all()] == [
        world.sample.big_things[1].key
    ]
    with pytest.raises(ApplicationError) as error:
        services.recommendation_respond(
            user=world.strategy, recommendation=rec, status="done", response=" "
        )
    assert _field(error.value) == {"response"}
    services.recommendation_respond(
        user=world.strategy, recommendation=rec, status="in_progress", response=""
    )
    services.recommendation_respond(
        user=world.admin, recommendation=rec, status="done", response="Reported quarterly."
    )
    rec.refresh_from_db()
    assert rec.status == "done" and rec.response == "Reported quarterly."
    assert [h.status for h in rec.history.order_by("history_date")][-2:] == ["in_progress", "done"]
    with pytest.raises(PermissionDenied):
        services.recommendation_respond(
            user=world.scrutiny, recommendation=rec, status="open", response=""
        )
    with pytest.raises(PermissionDenied):
        services.recommendation_update(user=world.scrutiny, recommendation=rec, text="No")
