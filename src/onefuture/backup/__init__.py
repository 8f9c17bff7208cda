"""Backup and restore of everything of one place (ADR 0041).

``onefuture export PLACE FILE`` writes a versioned zip (a ``manifest.json`` and one JSON Lines
member per model, in dependency order, primary keys preserved); ``onefuture import FILE`` restores
it, all or nothing, into a database that holds none of it. The models come from Django's app
registry (:mod:`onefuture.backup.catalogue`), so a new model is exported, or excluded with a
reason, never forgotten.

The file is a private backup: it holds engagement originals, people's e-mail addresses and their
password hashes.
"""
