"""Milestones and delivery plans in the site search: found by their words, linked to their
pages, never carrying a status or a person."""

from __future__ import annotations

import pytest

from onefuture.routemaps.models import Update, UpdateState
from onefuture.search.models import SearchEntry
from onefuture.search.registry import search_source_list
from onefuture.search.selectors import search_results
from onefuture.search.services import search_reindex
from tests.routemaps.sample import sample_plan

pytestmark = pytest.mark.django_db


def _found(place, text: str) -> dict[str, list[str]]:
    return {
        g.kind: [e.title for e in g.entries] for g in search_results(place=place, text=text).groups
    }


def test_milestones_and_delivery_plans_are_searchable_sources() -> None:
    kinds = [s.kind for s in search_source_list()]
    assert "milestone" in kinds and "delivery_plan" in kinds
    assert kinds.index("milestone") > kinds.index("partner")


def test_reindex_finds_milestones_by_their_words_and_links_their_pages(client) -> None:
    plan = sample_plan()
    search_reindex(place=plan.place)
    found = _found(plan.place, "depot")
    assert found.get("milestone") == ["Riverton electric bus depot opens"]
    entry = SearchEntry.objects.get(place=plan.place, kind="milestone", title__contains="depot")
    assert entry.url_name == "milestone" and entry.url_args == ["depot"]
    assert "Due 30 September 2025 on the Riverton clean green transport routemap." in (
        entry.summary
    )
    assert _found(plan.place, "transport plan").get("delivery_plan") == [
        "Riverton Transport Plan 2024 to 2029"
    ]
    assert SearchEntry.objects.get(place=plan.place, title__contains="all buses").illustrative
    # No status in the index (it changes with published updates, not with a save).
    for entry in SearchEntry.objects.filter(place=plan.place, kind="milestone"):
        assert "track" not in (entry.body + entry.summary).lower()


def test_a_saved_milestone_is_found_at_once_and_an_update_changes_nothing() -> None:
    plan = sample_plan()
    search_reindex(place=plan.place)
    depot = plan.milestones["depot"]
    depot.title = "Riverton hydrogen depot opens"
    depot.save()
    assert _found(plan.place, "hydrogen").get("milestone") == ["Riverton hydrogen depot opens"]
    before = SearchEntry.objects.filter(place=plan.place).count()
    Update.objects.create(
        place=plan.place,
        milestone=depot,
        status="off_track",
        narrative="SUBMITTED-SECRET",
        state=UpdateState.SUBMITTED,
    )
    assert SearchEntry.objects.filter(place=plan.place).count() == before
    assert _found(plan.place, "SUBMITTED-SECRET") == {}
