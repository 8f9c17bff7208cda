"""Every routemap status has its words and colour in one table."""

from __future__ import annotations

import pytest

from onefuture.routemaps import vocabulary
from onefuture.routemaps.models import CommitmentStatus, MilestoneStatus, UpdateState
from tests.routemaps.sample import sample_plan


@pytest.mark.parametrize(
    ("table", "choices"),
    [
        (vocabulary.MILESTONE_STATUS, MilestoneStatus),
        (vocabulary.COMMITMENT_STATUS, CommitmentStatus),
        (vocabulary.UPDATE_STATE, UpdateState),
    ],
)
def test_every_status_has_words_and_a_colour(table, choices):
    assert set(table) == set(choices.values)
    for status in choices.values:
        words = table[status]
        assert words.label and words.words
        assert words.tag_class == f"govuk-tag--{words.colour}"


def test_milestone_colours():
    colours = {status: words.colour for status, words in vocabulary.MILESTONE_STATUS.items()}
    assert colours == {
        "not_started": "grey",
        "on_track": "green",
        "at_risk": "yellow",
        "off_track": "red",
        "complete": "blue",
        "dropped": "purple",
    }


def test_an_unknown_colour_is_refused():
    with pytest.raises(ValueError, match="colour"):
        vocabulary.StatusWords("Odd", "magenta", "Odd.")


@pytest.mark.django_db
def test_the_sample_plan_builds():
    plan = sample_plan()
    assert len(plan.milestones) == 6
    assert set(plan.milestones["jobs-hub"].depends_on.values_list("key", flat=True)) == {
        "skills",
        "bus-lanes",
    }
    assert plan.delivery_plan.milestones.count() == 2
