"""Every table the page cache is told to ignore is a real model's (a renamed app or model would
otherwise make its writes empty the cache again, silently: the tokens app's table once was)."""

from __future__ import annotations

from django.apps import apps

from onefuture.core import cache


def test_every_ignored_table_belongs_to_a_model() -> None:
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    assert sorted(cache._ignored - tables) == []


def test_bookkeeping_writes_do_not_count_as_public_changes() -> None:
    watched = cache.watched_tables()
    for table in ("core_job", "core_loginevent", "tokens_apitoken", "reports_reportrun"):
        assert table not in watched
    assert any(t.startswith("measures_") for t in watched)
