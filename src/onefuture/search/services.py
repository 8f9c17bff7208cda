"""Writes of the search index: the full rebuild, and one entry when a thing is saved or deleted.

``search_reindex(place=None)`` rebuilds the index of one place (every place if None) from the
registered sources, in one transaction; it runs when a framework file is loaded (the
``framework_loaded`` signal), from ``onefuture search reindex``, and for a place whose index is
empty when someone first searches it. Between rebuilds every save or deletion of a source's
model updates its one entry (``post_save``/``post_delete``, connected by
:func:`~onefuture.search.registry.search_source_register`), so an edit in the workspace or the
admin is found at once. Bulk writes that send no signals are caught by the next rebuild.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from onefuture.places.models import Place
from onefuture.search.engines import engine
from onefuture.search.models import SearchEntry
from onefuture.search.registry import SearchDocument, search_source_list, search_sources_for


def _entry(document: SearchDocument) -> SearchEntry:
    return SearchEntry(
        place_id=document.place_id,
        kind=document.kind,
        key=document.key,
        title=document.title[:400],
        body=document.body,
        summary=document.summary,
        url_name=document.url_name,
        url_args=list(document.url_args),
        anchor=document.anchor,
        illustrative=document.illustrative,
    )


@transaction.atomic
def search_reindex(*, place: Place | None = None) -> int:
    """Rebuild the index of ``place`` (of every place if None); returns the number of entries."""
    places = [place] if place is not None else list(Place.objects.order_by("slug"))
    count = 0
    for one in places:
        SearchEntry.objects.filter(place=one).delete()
        entries = [
            _entry(document)
            for source in search_source_list()
            for document in source.documents(one)
        ]
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        engine().refresh(SearchEntry.objects.filter(place=one).values_list("id", flat=True))
        count += len(entries)
    return count


def search_index_ensure(*, place: Place) -> None:
    """Build ``place``'s index if it has none (a database loaded before search existed)."""
    if not SearchEntry.objects.filter(place=place).exists():
        search_reindex(place=place)


def search_on_save(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """``post_save``: write (or remove) the saved thing's entry for each of its sources."""
    if raw:
        return
    for source in search_sources_for(sender):
        document = source.document(instance)
        if document is None:
            SearchEntry.objects.filter(
                place_id=getattr(instance, "place_id", None), kind=source.kind, key=str(instance.pk)
            ).delete()
            continue
        entry = _entry(document)
        values = {
            f: getattr(entry, f)
            for f in ("title", "body", "summary", "url_name", "url_args", "anchor", "illustrative")
        }
        saved, _ = SearchEntry.objects.update_or_create(
            place_id=document.place_id, kind=document.kind, key=document.key, defaults=values
        )
        engine().refresh([saved.id])


def search_on_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    """``post_delete``: remove the deleted thing's entries."""
    for source in search_sources_for(sender):
        SearchEntry.objects.filter(
            place_id=getattr(instance, "place_id", None), kind=source.kind, key=str(instance.pk)
        ).delete()


def search_on_framework_loaded(sender: Any, place: Place, **kwargs: Any) -> None:
    """The ``framework_loaded`` signal: rebuild the loaded place's index."""
    search_reindex(place=place)
