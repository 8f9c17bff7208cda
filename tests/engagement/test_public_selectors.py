"""Coverage and the engagement report on a small world (tests/engagement/public_sample.py)."""

from __future__ import annotations

import dataclasses

import pytest

from onefuture.core.errors import NotFound
from onefuture.engagement.models import Response
from onefuture.engagement.selectors.coverage import count_shown, coverage
from onefuture.engagement.selectors.report import (
    engagement_report,
    public_theme,
    themes_for_measure,
    themes_for_milestone,
)
from tests.engagement.public_sample import ORIGINAL_MARKER, public_world

pytestmark = pytest.mark.django_db


def test_count_shown_suppresses_small_counts_but_not_zero():
    assert count_shown(0, 5).words == "0"
    assert count_shown(1, 5).words == "fewer than 5" and count_shown(4, 5).value is None
    assert count_shown(5, 5).value == 5
    assert count_shown(1234, 5).words == "1,234"


def test_coverage_counts_people_suppresses_and_names_gaps():
    world = public_world()
    cover = coverage(place=world.place)
    assert cover.comments.value == 15
    # 12 resident comments from 10 people (two said two things each), 3 young people's.
    assert cover.people.value == 13
    assert cover.people_at_events == 65 and cover.events == 2
    groups = {r.name: r for r in cover.by_group}
    assert groups["Residents"].comments.value == 12 and groups["Residents"].people.value == 10
    assert groups["Young people"].comments.words == "fewer than 5"
    assert groups["Businesses"].comments.value == 0
    wards = {r.name: r for r in cover.by_ward}
    # 10 people of 2,000 residents: 5.0 per 1,000.
    assert wards["Brinnington"].per_1000 == 5.0
    assert wards["Heaton Moor"].per_1000 is None  # 3 people: suppressed, and so is the rate
    assert wards["Heaton Moor"].per_1000_words.startswith("not shown")
    assert wards["Offerton"].per_1000_words == "0.0"
    bands = {r.name: r for r in cover.by_age_band}
    assert bands["16 to 24"].people.value == 10 and bands["16 to 24"].per_1000 == 33.3
    assert "No comments yet from these wards: Offerton." in cover.gaps
    assert "No comments yet from these groups: Businesses." in cover.gaps
    assert "No comments yet from these age bands: Under 16." in cover.gaps


def test_report_holds_only_confirmed_themes_and_published_responses():
    world = public_world()
    report = engagement_report(place=world.place)
    themes = {t.key: t for t in report.themes}
    assert set(themes) == {"buses", "parks"}  # litter is only proposed
    assert themes["parks"].response is None  # its response is not published
    buses = themes["buses"].response
    assert buses.status_label == "Being delivered"
    assert [m.key for m in buses.milestones] == ["bus-lanes"]
    assert buses.milestones[0].status_label == "At risk"
    assert [m.key for m in buses.measures] == [world.plan.measure.key]
    counts = {g.group: g.comments.words for g in themes["buses"].by_group}
    assert counts == {"Young people": "fewer than 5", "Residents": "12"}
    text = repr(dataclasses.asdict(report))
    for secret in (ORIGINAL_MARKER, "UNPUBLISHED-PARKS-RESPONSE", "PROPOSED-THEME-RESPONSE"):
        assert secret not in text
    assert [r.key for r in report.responses] == ["buses"]


def test_public_theme_and_back_links():
    world = public_world()
    assert public_theme(place=world.place, key="buses").name == "Buses"
    with pytest.raises(NotFound):
        public_theme(place=world.place, key="litter")
    milestone = world.plan.milestones["bus-lanes"]
    assert [t.key for t in themes_for_milestone(place=world.place, milestone=milestone)] == [
        "buses"
    ]
    assert [t.key for t in themes_for_measure(place=world.place, measure=world.plan.measure)] == [
        "buses"
    ]
    # Another place with the same keys: its own responses only (here, none published).
    other = public_world(slug="elsewhere")
    Response.objects.filter(place=other.place).update(published=False)
    assert themes_for_milestone(place=other.place, milestone=milestone) == []
    assert themes_for_milestone(place=world.place, milestone=milestone) != []


def test_quotes_come_only_from_the_public_selector():
    """The report's quotes are what ``selectors.public.comments_public`` returns, as words, event
    and date only: never a group or ward beside them (demographics are public only as counts)."""
    import datetime as dt

    from onefuture.engagement.selectors.public import PublicComment, comments_public

    world = public_world()
    assert {f.name for f in dataclasses.fields(PublicComment)}.isdisjoint(
        {"group_name", "ward_name", "group", "ward", "age_band", "respondent"}
    )
    theme = public_theme(place=world.place, key="buses", quotes=20)
    buses = world.themes["buses"]
    found = comments_public(place=world.place, theme=buses, limit=20)
    # 12 residents' comments and the one young person's that is public; never the 2 pending.
    assert len(found) == len(theme.quotes) == 13
    assert [q.text for q in theme.quotes] == [c.text for c in found]
    assert all("[PHONE]" in q.text and ORIGINAL_MARKER not in q.text for q in theme.quotes)
    assert not any(q.text.endswith(("(101)", "(102)")) for q in theme.quotes)
    at_forum = [q for q in theme.quotes if q.said_at]
    assert len(at_forum) == 12
    assert {q.said_at for q in at_forum} == {"Brinnington forum, 4 March 2026"}
    (elsewhere,) = [q for q in theme.quotes if not q.said_at]
    assert elsewhere.text.endswith("(100)") and elsewhere.received_on <= dt.date.today()
    for quote in theme.quotes:
        shown = repr(dataclasses.replace(quote, said_at=""))
        for demographic in ("Residents", "Young people", "Brinnington", "Heaton Moor", "16-24"):
            assert demographic not in shown
    assert len(public_theme(place=world.place, key="buses", quotes=2).quotes) == 2
