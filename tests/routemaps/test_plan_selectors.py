"""Reads of the plan: current status from published updates, leads named only when agreed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from onefuture.core.errors import NotFound
from onefuture.routemaps.models import Commitment, Update
from onefuture.routemaps.selectors import plan as selectors
from tests.routemaps.sample import sample_plan

pytestmark = pytest.mark.django_db


def _commit(sample, milestone, partner, status):
    return Commitment.objects.create(
        place=sample.place,
        partner=partner,
        big_thing=milestone.routemap.big_thing,
        milestone=milestone,
        title=f"Lead {milestone.title}",
        status=status,
    )


def test_a_lead_partner_is_named_only_once_its_commitment_is_agreed():
    sample = sample_plan()
    council, trust, forum = sample.sample.partners
    buses = sample.milestones["buses"]
    assert selectors.milestone_leads(buses) == ((), (council, forum))
    _commit(sample, buses, council, "committed")
    assert selectors.milestone_leads(buses) == ((), (council, forum))
    _commit(sample, buses, council, "agreed")
    assert selectors.milestone_leads(buses) == ((council,), (forum,))
    _commit(sample, buses, forum, "delivering")
    assert selectors.milestone_leads(buses) == ((council, forum), ())
    # A withdrawn commitment names nobody; an agreed one from a partner the plan did not ask is
    # named (the council agreed it leads).
    _commit(sample, buses, trust, "withdrawn")
    assert selectors.milestone_leads(buses)[0] == (council, forum)
    _commit(sample, buses, trust, "agreed")
    assert selectors.milestone_leads(buses)[0] == (council, forum, trust)


def test_a_commitment_to_another_milestone_names_nobody_here():
    sample = sample_plan()
    council = sample.sample.partners[0]
    _commit(sample, sample.milestones["depot"], council, "agreed")
    assert selectors.milestone_leads(sample.milestones["bus-lanes"]) == ((), (council,))


def test_current_status_is_the_newest_published_update_else_the_plan():
    sample = sample_plan()
    lanes = sample.milestones["bus-lanes"]
    assert selectors.milestone_current_status(lanes).status == "at_risk"
    assert not selectors.milestone_current_status(lanes).reported
    now = timezone.now()

    def update(status, state, published_at=None):
        return Update.objects.create(
            place=sample.place,
            milestone=lanes,
            status=status,
            state=state,
            narrative="Why.",
            published_at=published_at,
        )

    update("off_track", "submitted")
    update("complete", "approved")
    assert selectors.milestone_current_status(lanes).status == "at_risk"
    first = update("on_track", "published", now - dt.timedelta(days=2))
    update("off_track", "published", now - dt.timedelta(days=9))
    current = selectors.milestone_current_status(lanes)
    assert (current.status, current.update_id, current.reported) == ("on_track", first.pk, True)
    assert current.words.label == "On track"


def test_routemap_list_and_rollup():
    sample = sample_plan()
    summaries = selectors.routemap_list(place=sample.place)
    assert [s.big_thing.key for s in summaries] == ["good-jobs", "green-transport"]
    transport = summaries[1]
    assert [r.milestone.key for r in transport.milestones] == ["depot", "bus-lanes", "buses"]
    assert transport.rollup.total_count == 3
    assert transport.rollup.weighted  # buses weighs 2
    assert transport.rollup.share("not_started").share == pytest.approx(0.5)
    jobs = summaries[0]
    assert jobs.rollup.overall.startswith("1 of 3 milestones needs attention: 1 off track.")
    assert selectors.plan_rollup(place=sample.place).total_count == 6


def test_routemap_detail_groups_by_horizon_and_is_scoped_by_place():
    sample = sample_plan()
    other = sample_plan(slug="elsewhere", name="Elsewhere")
    detail = selectors.routemap_detail(place=sample.place, big_thing_key="green-transport")
    groups = [(h.key if h else None, [r.milestone.key for r in rows]) for h, rows in
              detail.by_horizon()]  # fmt: skip
    assert groups == [("now", ["depot", "bus-lanes"]), ("next", ["buses"]), ("later", [])]
    assert all(r.milestone.place == sample.place for r in detail.milestones)
    with pytest.raises(NotFound):
        selectors.routemap_detail(place=sample.place, big_thing_key="growing-up")
    assert selectors.routemap_detail(place=other.place, big_thing_key="green-transport").routemap
    with pytest.raises(NotFound):
        selectors.milestone_detail(place=sample.place, key="nope")


def test_milestone_detail_dependencies_both_ways():
    sample = sample_plan()
    detail = selectors.milestone_detail(place=sample.place, key="bus-lanes")
    assert [r.milestone.key for r in detail.depends_on] == ["depot"]
    assert [r.milestone.key for r in detail.needed_by] == ["jobs-hub", "buses"]
    assert [m.key for m in detail.measures] == ["bus-trips"]
    assert detail.delivery_plan == sample.delivery_plan
    assert detail.row.horizon.key == "now"


def test_delivery_plans():
    sample = sample_plan()
    (summary,) = selectors.delivery_plan_list(place=sample.place)
    assert [r.milestone.key for r in summary.milestones] == ["depot", "bus-lanes"]
    assert [b.key for b in summary.big_things] == ["green-transport"]
    assert selectors.delivery_plan_detail(place=sample.place, key="transport-plan").plan
    with pytest.raises(NotFound):
        selectors.delivery_plan_detail(place=sample.place, key="other")


def test_lists_read_a_fixed_number_of_queries(django_assert_max_num_queries):
    sample = sample_plan()
    with django_assert_max_num_queries(6):
        summaries = selectors.routemap_list(place=sample.place)
    assert sum(len(s.milestones) for s in summaries) == 6
