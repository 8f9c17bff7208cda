"""Site search over big things, ambitions, measures and partners, on the database's own engine.

Runs on SQLite (FTS5) by default and on PostgreSQL with ``DATABASE_URL`` (full-text search with
the 'english' configuration); a test about one engine says so and runs only on it (each leg
of .ci/run runs its own).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from onefuture.framework.services import framework_load
from onefuture.measures.models import Measure
from onefuture.search.models import SearchEntry
from onefuture.search.registry import (
    SearchDocument,
    SearchSource,
    search_source_list,
    search_source_register,
)
from onefuture.search.selectors import search_results
from onefuture.search.services import search_reindex
from tests.measures.pages_sample import measures_sample

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).resolve().parents[1] / "framework" / "files" / "small.yaml"


@pytest.fixture
def sample():
    sample = measures_sample()
    search_reindex(place=sample.place)
    return sample


def _titles(place, text: str) -> dict[str, list[str]]:
    return {
        g.kind: [e.title for e in g.entries] for g in search_results(place=place, text=text).groups
    }


def _main(response) -> str:
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def test_the_four_kinds_are_registered_in_order() -> None:
    kinds = [s.kind for s in search_source_list()]
    assert kinds[:4] == ["big_thing", "cross_cutting_ambition", "measure", "partner"]


def test_reindex_indexes_every_kind_of_the_place(sample) -> None:
    kinds = set(SearchEntry.objects.filter(place=sample.place).values_list("kind", flat=True))
    assert kinds == {"big_thing", "cross_cutting_ambition", "measure", "partner"}
    assert (
        search_reindex(place=sample.place) == SearchEntry.objects.filter(place=sample.place).count()
    )


def test_words_are_stemmed_and_every_word_is_needed(sample) -> None:
    # "job" finds "jobs", "home" finds "homes" (Porter on SQLite, 'english' on PostgreSQL).
    assert _titles(sample.place, "job") == {"big_thing": ["Riverton good jobs and homes"]}
    assert _titles(sample.place, "home") == {
        "big_thing": ["Riverton good jobs and homes"],
        "measure": ["Long-term empty homes"],
    }
    assert _titles(sample.place, "employment") == {"measure": ["Adults in employment"]}
    assert _titles(sample.place, "empty jobs") == {}
    assert _titles(sample.place, "NHS") == {"partner": ["Riverton NHS Foundation Trust"]}


def test_title_matches_rank_above_body_matches(sample) -> None:
    measure = Measure.objects.get(pk=sample.empty_measure.pk)
    measure.definition = "Homes empty for six months; counts homes of every kind, not employment."
    measure.save()
    ranked = _titles(sample.place, "employment")["measure"]
    assert ranked == ["Adults in employment", "Long-term empty homes"]


def test_results_are_scoped_by_place(sample) -> None:
    assert _titles(sample.place, "secret") == {}
    search_reindex(place=sample.other_place)
    assert _titles(sample.other_place, "secret") == {"measure": ["Elsewhere employment secret"]}


def test_an_edit_is_found_at_once_and_a_deletion_is_gone(sample) -> None:
    measure = Measure.objects.get(pk=sample.measure.pk)
    measure.title = "Adults in salaried posts"
    measure.save()
    assert _titles(sample.place, "salaried") == {"measure": ["Adults in salaried posts"]}
    measure.delete()
    assert _titles(sample.place, "salaried") == {}


def test_query_syntax_is_never_an_error(sample) -> None:
    for text in ('"', "AND OR NOT", "NEAR(", "jobs*", "-", "''", "a:b", "(((", "🙂", "  "):
        search_results(place=sample.place, text=text)  # no exception


def test_loading_the_framework_rebuilds_the_index(db) -> None:
    report = framework_load(path=SMALL)
    assert _titles(report.place, "fairness") == {"cross_cutting_ambition": ["Fairness"]}
    SearchEntry.objects.all().delete()  # as if the index were lost
    framework_load(path=SMALL)  # nothing changes in the framework: only the load's hook runs
    assert _titles(report.place, "council") == {"partner": ["Testville Council"]}
    assert _titles(report.place, "jobs")["big_thing"] == ["Jobs"]


def test_the_cli_reindexes(db, capsys) -> None:
    from typer.testing import CliRunner

    from onefuture.cli import app

    report = framework_load(path=SMALL)
    SearchEntry.objects.all().delete()
    result = CliRunner().invoke(app, ["search", "reindex", "--place", "testville"])
    assert result.exit_code == 0, result.output
    assert "for Testville (testville)" in result.output
    assert _titles(report.place, "homes")["big_thing"] == ["Homes"]
    unknown = CliRunner().invoke(app, ["search", "reindex", "--place", "nowhere"])
    assert unknown.exit_code == 1 and "No place with slug 'nowhere'" in unknown.output


def test_another_app_plugs_in_a_source(sample) -> None:
    from onefuture.search import registry

    source = SearchSource(
        kind="plugin",
        label=lambda place: ("Plug-in", "Plug-ins"),
        model=type("NotAModel", (), {}),
        documents=lambda place: [
            SearchDocument(
                place_id=place.pk,
                kind="plugin",
                key="1",
                title="Open the new bus station",
                body="Interchange opens to passengers.",
                url_name="home",
            )
        ],
        document=lambda obj: None,
        order=50,
    )
    search_source_register(source)
    try:
        search_reindex(place=sample.place)
        assert _titles(sample.place, "passenger") == {"plugin": ["Open the new bus station"]}
    finally:
        registry._SOURCES.pop("plugin")


def test_the_search_page_groups_results_by_kind_and_tags_illustrative(
    client: Client, sample
) -> None:
    html = _main(client.get("/places/riverton/search/?q=riverton"))
    headings = re.findall(r'<h2 class="govuk-heading-m" id="results-(\w+)"', html)
    assert headings == ["big_thing", "cross_cutting_ambition", "partner"]
    transport = re.search(
        r"<li[^>]*>\s*<a[^>]*>Riverton clean green transport</a>.*?</li>", html, re.S
    )
    assert "Illustrative example" in transport.group(0)
    jobs = re.search(r"<li[^>]*>\s*<a[^>]*>Riverton good jobs and homes</a>.*?</li>", html, re.S)
    assert "Illustrative example" not in jobs.group(0)
    assert 'href="/places/riverton/big-things/good-jobs/"' in html
    assert 'href="/places/riverton/partners/nhs-trust/"' in html
    assert "Big things" in html and "Partners" in html


def test_the_search_page_without_a_query_and_with_no_results(client: Client, sample) -> None:
    page = client.get("/places/riverton/search/")
    assert page.status_code == 200
    assert 'name="q"' in _main(page) and "results for" not in _main(page)
    none = _main(client.get("/places/riverton/search/?q=zebra"))
    assert "There are no results for <strong>zebra</strong>" in none
    assert "checking your spelling" in none


def test_the_search_page_builds_an_empty_index_on_first_use(client: Client, sample) -> None:
    SearchEntry.objects.all().delete()
    html = _main(client.get("/places/riverton/search/?q=employment"))
    assert "Adults in employment" in html


def test_every_page_links_to_search(client: Client, sample) -> None:
    html = client.get("/places/riverton/").content.decode()
    nav = re.search(r'<nav aria-label="Menu".*?</nav>', html, re.S).group(0)
    assert 'href="/places/riverton/search/"' in nav


def test_postgresql_search_uses_weighted_english_vectors(sample) -> None:
    if connection.vendor != "postgresql":  # an engine's own test: .ci/run runs it on PostgreSQL
        pytest.skip("about PostgreSQL's search engine; runs in the PostgreSQL leg of .ci/run")
    entry = SearchEntry.objects.get(
        place=sample.place, kind="measure", title="Adults in employment"
    )
    assert "'employ':" in entry.vector and "A" in entry.vector
    # websearch syntax: a phrase, and a word left out.
    assert _titles(sample.place, '"good jobs"') == {"big_thing": ["Riverton good jobs and homes"]}
    left_out = _titles(sample.place, "riverton -jobs")["big_thing"]
    assert left_out and "Riverton good jobs and homes" not in left_out
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector'")
        assert "gin" in cursor.fetchone()[0].lower()


def test_sqlite_search_keeps_its_fts5_table_in_step(sample) -> None:
    if connection.vendor != "sqlite":  # an engine's own test: .ci/run runs it on SQLite
        pytest.skip("about SQLite's FTS5 table; runs in the SQLite leg of .ci/run")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_entry_fts")
        indexed = cursor.fetchone()[0]
    assert indexed == SearchEntry.objects.count()
    SearchEntry.objects.filter(kind="partner").delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_entry_fts WHERE search_entry_fts MATCH 'nhs'")
        assert cursor.fetchone()[0] == 0
