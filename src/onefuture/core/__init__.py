"""The shared core every domain app builds on: errors, permissions and background jobs.

``core`` imports no domain app (``places`` excepted, since a permission is per place). Its parts:

``core.errors``
    :class:`~onefuture.core.errors.ApplicationError`, the one base of every error a user can
    cause and fix, with optional errors by field, file, row and column. The CLI, the web pages
    and the API each translate it in one place.
"""
