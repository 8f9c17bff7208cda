"""The Stockport example's engagement demo step: what it loads, what is public, idempotence."""

from __future__ import annotations

import time

import pytest

from onefuture.engagement.models import (
    Comment,
    Event,
    PopulationFigure,
    RedactionState,
    Response,
    Theme,
    ThemeStatus,
)
from onefuture.engagement.selectors.public import comments_public
from onefuture.framework.demo import demo_prepare, demo_step_list
from onefuture.places.models import Place

pytestmark = pytest.mark.django_db


def _counts(place: Place) -> dict[str, int]:
    return {
        "events": Event.objects.filter(place=place).count(),
        "comments": Comment.objects.filter(place=place).count(),
        "pending": Comment.objects.filter(
            place=place, redaction_state=RedactionState.PENDING
        ).count(),
        "withheld": Comment.objects.filter(place=place, withheld=True).count(),
        "themes": Theme.objects.filter(run__place=place).count(),
        "responses": Response.objects.filter(place=place, published=True).count(),
    }


def test_the_engagement_step_is_registered_at_order_50():
    step = next(s for s in demo_step_list() if s.name == "engagement")
    assert step.order == 50


def test_the_demo_loads_the_example_engagement_once():
    started = time.monotonic()
    demo_prepare()
    print(f"demo_prepare with engagement: {time.monotonic() - started:.1f} s")
    place = Place.objects.get(slug="stockport")
    counts = _counts(place)
    assert counts["events"] >= 5
    assert counts["comments"] == 607
    assert counts["pending"] == 15
    assert 1 <= counts["withheld"] <= 2
    assert counts["themes"] > 0
    assert 3 <= counts["responses"] <= 4
    assert Comment.objects.filter(place=place, illustrative=False).count() == 0
    assert Event.objects.filter(place=place, illustrative=False).count() == 0
    assert Theme.objects.filter(run__place=place, status=ThemeStatus.CONFIRMED).count() >= 3

    # Nothing public that is not redaction-confirmed, consented and not withheld.
    public = list(comments_public(place=place))
    assert public
    for comment in Comment.objects.filter(pk__in=[c.id for c in public]):
        assert comment.redaction_state == RedactionState.CONFIRMED
        assert comment.consent_publish and not comment.withheld

    # Every published response links a milestone and a measure.
    for response in Response.objects.filter(place=place, published=True):
        assert response.milestones.exists() and response.measures.exists()

    # Every ward heard from has a population figure; every ward has one.
    ward_codes = set(
        Comment.objects.filter(place=place, ward__isnull=False).values_list("ward__code", flat=True)
    )
    figures = set(
        PopulationFigure.objects.filter(place=place, age_band="").values_list(
            "area__code", flat=True
        )
    )
    assert ward_codes and ward_codes <= figures
    assert len({c for c in figures if c.startswith("E05")}) == 21

    demo_prepare()
    assert _counts(place) == counts
