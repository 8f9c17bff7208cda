"""The roll-up rule: counts and weighted shares by status, words leading with what is off track."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onefuture.routemaps.models import MilestoneStatus
from onefuture.routemaps.rollup import ORDER, RULE, rollup

statuses = st.sampled_from(list(MilestoneStatus.values))
weights = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100"), places=2)
weighted_items = st.lists(st.tuples(statuses, weights), min_size=1, max_size=40)


def test_counts_shares_and_words():
    result = rollup(
        [("off_track", 1), ("at_risk", 1), ("on_track", 1), ("on_track", 1), ("complete", None)]
    )
    assert result.total_count == 5
    assert result.share("on_track").count == 2
    assert result.share("on_track").share == Fraction(2, 5)
    assert result.share("on_track").percent == 40
    assert result.share("dropped").count == 0
    assert [s.status for s in result.present] == ["off_track", "at_risk", "on_track", "complete"]
    assert result.overall == (
        "2 of 5 milestones need attention: 1 off track, 1 at risk. "
        "The rest: 2 on track, 1 complete."
    )
    assert result.rule == RULE
    assert not result.weighted
    assert result.attention_count == 2


def test_weights_change_shares_not_counts():
    result = rollup([("off_track", Decimal("1")), ("on_track", Decimal("3"))])
    assert result.weighted
    assert result.share("off_track").count == 1
    assert result.share("off_track").share == Fraction(1, 4)
    assert result.overall.startswith("1 of 2 milestones needs attention: 1 off track.")


def test_nothing_off_track_is_said_so():
    assert rollup([("on_track", 1), ("complete", 1)]).overall == (
        "None of 2 milestones is off track or at risk: 1 on track, 1 complete."
    )


def test_no_milestones():
    result = rollup([])
    assert result.overall == "No milestones yet."
    assert all(s.share == 0 for s in result.shares)


@pytest.mark.parametrize("weight", [0, -1, "-0.5"])
def test_a_weight_must_be_positive(weight):
    with pytest.raises(ValueError, match="more than 0"):
        rollup([("on_track", weight)])


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="'amber' is not a milestone status"):
        rollup([("amber", 1)])


@given(weighted_items)
def test_shares_sum_to_one(items):
    assert sum(s.share for s in rollup(items).shares) == 1


@given(st.lists(statuses, min_size=1, max_size=40))
def test_weights_of_one_equal_counts(items):
    result = rollup((s, 1) for s in items)
    for share in result.shares:
        assert share.share == Fraction(share.count, len(items))
        assert share.count == items.count(share.status)


@given(weighted_items, weights)
def test_adding_an_off_track_milestone_never_reduces_the_off_track_share(items, weight):
    before = rollup(items).share("off_track")
    after = rollup([*items, ("off_track", weight)]).share("off_track")
    assert after.share >= before.share
    assert after.count == before.count + 1


@given(weighted_items)
def test_the_words_always_name_off_track_and_at_risk_first(items):
    result = rollup(items)
    for status in ("off_track", "at_risk"):
        count = result.share(status).count
        if count:
            label = result.share(status).words.label.lower()
            assert f"{count} {label}" in result.overall.split(".")[0]
    assert [s.status for s in result.shares] == list(ORDER)
