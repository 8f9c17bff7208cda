"""The shared core every domain app builds on: errors, permissions and background jobs.

``core`` imports no domain app's code (its models refer to ``places.Place`` and
``partners.Partner`` by name only). Its parts:

``core.errors``
    :class:`~onefuture.core.errors.ApplicationError`, the one base of every error a user can
    cause and fix, with optional errors by field, file, row and column. The CLI, the web pages
    and the API each translate it in one place.
``core.permissions``
    Who may do what in which place: a :class:`~onefuture.core.models.Membership` gives a person
    one role in one place, and services call ``permission_check(user=, action=, place=, obj=)``;
    apps register their actions and predicates (ADR 0015). Pages ask ``{% permission_has %}``.
``core.jobs``
    Background jobs on Django's tasks framework (``django-tasks``, database backend, run by
    ``onefuture worker``), each tied to a record whose lifecycle it drives, so that a job that
    raises or whose worker dies leaves its record failed with a reason (ADR 0014).
"""
