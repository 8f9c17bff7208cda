"""Reads of the search index: a query's results for one place, grouped by kind.

``search_results(place=, text=)`` asks the database's full-text engine (PostgreSQL or SQLite
FTS5, :mod:`onefuture.search.engines`) for the place's best matches and returns them grouped
by kind in the order the sources were registered, best first within each group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from onefuture.places.models import Place
from onefuture.search.engines import engine
from onefuture.search.models import SearchEntry
from onefuture.search.registry import search_source_list

#: At most this many results are read for one query.
RESULTS_LIMIT = 200
#: Longer queries are cut to this many characters.
QUERY_MAX = 200


@dataclass(frozen=True)
class SearchGroup:
    """The results of one kind: its words (singular, plural) and its entries, best first."""

    kind: str
    singular: str
    plural: str
    entries: list[SearchEntry] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResults:
    text: str
    groups: list[SearchGroup]

    @property
    def count(self) -> int:
        return sum(len(g.entries) for g in self.groups)


def search_results(*, place: Place, text: str) -> SearchResults:
    """The place's entries matching ``text``, grouped by kind (no groups for an empty query)."""
    text = " ".join((text or "").split())[:QUERY_MAX]
    if not text:
        return SearchResults(text="", groups=[])
    ids = engine().match(place_id=place.pk, text=text, limit=RESULTS_LIMIT)
    found = SearchEntry.objects.in_bulk(ids)
    entries = [found[i] for i in ids if i in found]
    groups = []
    known = set()
    for source in search_source_list():
        known.add(source.kind)
        singular, plural = source.label(place)
        mine = [e for e in entries if e.kind == source.kind]
        if mine:
            groups.append(SearchGroup(source.kind, singular, plural, mine))
    return SearchResults(text=text, groups=groups)


def search_entry_count(*, place: Place) -> int:
    """How many entries the place's index holds."""
    return SearchEntry.objects.filter(place=place).count()
