"""The two full-text engines behind the one search interface (ADR 0028).

:class:`PostgresEngine` keeps ``SearchEntry.vector`` (title weight A, body weight B, 'english'
configuration: stemmed, stop words dropped) and matches a web-search style query
(``websearch_to_tsquery``: every word, "quoted phrases", -excluded), ranked by ``SearchRank``.
:class:`SqliteEngine` matches the FTS5 table the migration made (Porter stemmer; triggers keep
it in step with the entries), every word required, ranked by ``bm25`` with the title counting
ten times the body. Both return entry ids, best first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F

from onefuture.search.models import SearchEntry

#: The FTS5 table of the entries on SQLite (see migrations/0001_initial.py).
FTS_TABLE = "search_entry_fts"
_WORD = re.compile(r"\w+", re.UNICODE)


class PostgresEngine:
    """PostgreSQL full-text search through ``django.contrib.postgres.search``."""

    config = "english"

    def refresh(self, ids: Iterable[int]) -> None:
        """Recompute the vectors of the entries ``ids`` (after they were written)."""
        SearchEntry.objects.filter(id__in=list(ids)).update(
            vector=SearchVector("title", weight="A", config=self.config)
            + SearchVector("body", weight="B", config=self.config)
        )

    def match(self, *, place_id: int, text: str, limit: int) -> list[int]:
        """The ids of the place's entries that match ``text``, best first."""
        query = SearchQuery(text, config=self.config, search_type="websearch")
        rows = (
            SearchEntry.objects.filter(place_id=place_id, vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "title", "id")
            .values_list("id", flat=True)[:limit]
        )
        return list(rows)


class SqliteEngine:
    """SQLite FTS5 over an external-content table kept in step by triggers."""

    def refresh(self, ids: Iterable[int]) -> None:
        """Nothing to do: the triggers indexed the rows as they were written."""

    @staticmethod
    def fts_query(text: str) -> str:
        """Every word of ``text`` as a quoted FTS5 term (so no word is read as an operator)."""
        return " ".join(f'"{word}"' for word in _WORD.findall(text.lower()))

    def match(self, *, place_id: int, text: str, limit: int) -> list[int]:
        """The ids of the place's entries that contain every word of ``text``, best first."""
        query = self.fts_query(text)
        if not query:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id FROM {FTS_TABLE} f JOIN search_searchentry e ON e.id = f.rowid"  # noqa: S608 - a constant
                f" WHERE {FTS_TABLE} MATCH %s AND e.place_id = %s"
                f" ORDER BY bm25({FTS_TABLE}, 10.0, 1.0), e.title, e.id LIMIT %s",
                [query, place_id, limit],
            )
            return [row[0] for row in cursor.fetchall()]


def engine() -> PostgresEngine | SqliteEngine:
    """The engine of the database in use."""
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    raise ImproperlyConfigured(
        f"Site search supports PostgreSQL and SQLite, not {connection.vendor}."
    )
