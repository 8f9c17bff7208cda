"""Site search: the database's own full-text search over what the framework and apps register.

One interface, two engines (ADR 0028): PostgreSQL's full-text search
(``django.contrib.postgres.search``: a ``tsvector`` with the 'english' configuration, so
"employ" finds "employment", ranked by ``SearchRank``, title above body) and SQLite's FTS5 (a
virtual table with the Porter stemmer, kept in step with the entries by triggers, ranked by
``bm25``). Nothing runs outside the database.

``registry`` holds the :class:`~onefuture.search.registry.SearchSource` rows apps register (the
big things, ambitions, measures and partners here; routemaps' milestones and themes later, from
their own ``ready()``); ``services`` writes the index (``search_reindex``, one entry on a
save), ``selectors`` reads it (``search_results``), ``engines`` holds the two databases' SQL,
``views`` the public page ``/search/?q=``.
"""
