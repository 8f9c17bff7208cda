"""What can be searched: sources that apps register, as :mod:`onefuture.web.registry` pages.

A :class:`SearchSource` names a kind (``"measure"``), how a reader calls it (singular and
plural, from the place's terms where there are some), the model whose saves and deletions keep
the index in step, and how to turn the place's things into :class:`SearchDocument` rows::

    search_source_register(SearchSource(
        kind="milestone", label=lambda terms: ("Milestone", "Milestones"), model=Milestone,
        documents=lambda place: [milestone_document(m) for m in milestone_list(place=place)],
        document=milestone_document, order=50))

A document carries no personal data: only what the public pages show of the thing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SearchDocument:
    """One thing to find: where it is (a place page and its arguments) and its words."""

    place_id: int
    kind: str
    key: str
    title: str
    body: str
    url_name: str
    url_args: tuple[Any, ...] = ()
    summary: str = ""
    anchor: str = ""
    illustrative: bool = False


@dataclass(frozen=True)
class SearchSource:
    """A kind of thing the site search finds.

    ``documents(place)`` gives every document of a place (the full reindex); ``document(obj)``
    the one document of a saved ``model`` instance (None: not searchable, e.g. another kind of
    row), so an edit is found at once. Results are grouped by kind in ``order``.
    """

    kind: str
    label: Callable[[Any], tuple[str, str]]
    model: type
    documents: Callable[[Any], Iterable[SearchDocument]]
    document: Callable[[Any], SearchDocument | None]
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)


_SOURCES: dict[str, SearchSource] = {}


def search_source_register(*sources: SearchSource) -> None:
    """Add ``sources`` to the site search (call from ``AppConfig.ready()``)."""
    from django.db.models.signals import post_delete, post_save

    from onefuture.search import services

    for source in sources:
        existing = _SOURCES.get(source.kind)
        if existing is not None and existing != source:
            raise ValueError(f"A search source {source.kind!r} is already registered.")
        _SOURCES[source.kind] = source
        post_save.connect(
            services.search_on_save, sender=source.model, dispatch_uid=f"search-{source.kind}"
        )
        post_delete.connect(
            services.search_on_delete, sender=source.model, dispatch_uid=f"search-{source.kind}"
        )


def search_source_list() -> list[SearchSource]:
    """Every registered source, in order."""
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.kind))


def search_sources_for(model: type) -> list[SearchSource]:
    """The sources whose documents come from ``model``."""
    return [s for s in _SOURCES.values() if s.model is model]
