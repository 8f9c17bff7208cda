"""The search index: one entry per searchable thing of a place (written only by the services).

``vector`` is PostgreSQL's ``tsvector`` of the title (weight A) and body (weight B); on SQLite
it stays empty and the FTS5 table ``search_entry_fts`` (created by the migration, kept in step
by triggers) indexes the same two columns.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from onefuture.places.models import Place


class SearchEntry(models.Model):
    """A thing a reader can find: its kind, title, words, where it is and whether it is real."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, help_text="The source's kind, e.g. 'measure'.")
    key = models.CharField(max_length=200, help_text="The thing's key within its kind.")
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True, default="")
    summary = models.TextField(blank=True, default="", help_text="Shown under the result.")
    url_name = models.CharField(max_length=100)
    url_args = models.JSONField(default=list, blank=True)
    anchor = models.CharField(max_length=200, blank=True, default="")
    illustrative = models.BooleanField(default=False)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["place", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["place", "kind", "key"], name="search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}: {self.title}"
