"""The public data's generation: one token in the shared cache, changed by every committed write.

A cached public page (``onefuture.web.cache``) is stored with the generation it was rendered
under and served only while the generation is still the same, so "a change made in the
workspace is visible on the public page at once" holds without any service naming the pages it
changes (ADR 0044).

How a write is seen: every database connection runs its statements through
:func:`_statement_watch` (Django's ``execute_wrappers``, installed when the connection opens).
A statement that writes a table of one of onefuture's models (``INSERT``, ``UPDATE``,
``DELETE``, ``TRUNCATE``, ``COPY``, whatever made it: ``save()``, ``bulk_create``, ``update()``,
raw SQL, a test's flush) schedules :func:`public_changed` for when its transaction commits
(``transaction.on_commit``). Outside a transaction the write has committed as it ran, and the
change is told just after it: before the next statement, when the page cache is next asked,
at the end of the request, or at exit (:func:`pending_flush`). Signals would miss ``bulk_create``
and ``QuerySet.update``, which the bulk imports use (ADR 0012). Writes to Django's own tables
(sessions, the cache table, the job queue) and to the tables named with
:func:`public_cache_ignore` (bookkeeping no public page shows) change nothing.

Until it commits, a write is visible only to its own connection: :func:`writes_pending` tells
the page cache to neither serve nor store a page on that connection (a test inside a
transaction, a view that writes and then reads), so no page holding uncommitted data is ever
stored, and no page older than the connection's own writes is served to it.

The generation lives in the cache (``CACHES["default"]``): with the shared backends (the
database, Redis) every web process and worker sees one generation; the local-memory backend is
one process's own (tests, a single-process server).
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

logger = logging.getLogger(__name__)

#: The cache key of the generation token.
GENERATION_KEY = "onefuture:public:generation"

#: The first table a writing statement names (quoted as Django quotes, or bare).
_WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM
         |TRUNCATE(?:\s+TABLE)?|COPY)\s+(?:ONLY\s+)?[`"\[]?(?P<table>[\w.]+)""",
    re.IGNORECASE | re.VERBOSE,
)
#: TRUNCATE names several tables at once (PostgreSQL's flush between transactional tests).
_TRUNCATE = re.compile(r"^\s*TRUNCATE\b(?P<tables>[^;]*)", re.IGNORECASE)

#: Bookkeeping no public page shows, written all the time: the job queue's records and the
#: workers' heartbeats (every few seconds), the sign-in audit, an API token's last use, a
#: report run's progress and files (the reports page is the workspace's alone).
_ignored: set[str] = {
    "core_job",
    "core_workerheartbeat",
    "core_loginevent",
    "tokens_apitoken",
    "reports_reportrun",
    "reports_reportfile",
}
_watched: frozenset[str] | None = None


def public_cache_ignore(*models: Any) -> None:
    """Writes to these models' tables leave the public pages as they are (call from ``ready()``).

    For bookkeeping that no public page, API read or open data shows: the sign-in audit, an API
    token's last use. Each write elsewhere empties the page cache, so a table written on every
    request would keep it empty.
    """
    global _watched
    for model in models:
        _ignored.add(model if isinstance(model, str) else model._meta.db_table)
    _watched = None


def watched_tables() -> frozenset[str]:
    """The tables whose writes change the public data: every onefuture model's, m2m included."""
    global _watched
    if _watched is None:
        _watched = frozenset(
            model._meta.db_table.lower()
            for model in apps.get_models(include_auto_created=True)
            if model.__module__.startswith("onefuture.")
            and model._meta.db_table not in _ignored
            and not model._meta.proxy
        )
    return _watched


def generation() -> str:
    """The current generation token (a new one when the cache has none)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = generation_new()
    return token


def generation_new() -> str:
    """Start a new generation, so every page cached before is out of date; the new token."""
    token = uuid.uuid4().hex
    cache.set(GENERATION_KEY, token, timeout=None)
    return token


def public_changed() -> None:
    """The public data changed (committed): every cached page is out of date from now on.

    Called by the statement watch on commit; call it yourself after a write the watch cannot
    see (a ``COPY`` through psycopg's own cursor, another program writing the database).
    A cache that cannot be reached is logged, not raised: the write has already committed.
    """
    try:
        generation_new()
    except Exception:
        logger.exception("The page cache could not be told that the public data changed.")


_CHANGED: dict[str, Callable[[], None]] = {}


def _callbacks(alias: str) -> Callable[[], None]:
    """One function per database alias, so a transaction's pending change is found by identity."""
    found = _CHANGED.get(alias)
    if found is None:

        def changed() -> None:
            public_changed()

        changed.__qualname__ = f"public_changed[{alias}]"
        found = _CHANGED.setdefault(alias, changed)
    return found


def _tables_written(sql: str) -> Iterable[str]:
    match = _WRITE.match(sql)
    if match is None:
        return ()
    truncate = _TRUNCATE.match(sql)
    if truncate:
        names = re.split(r"[,\s]+", truncate["tables"])
        return [n.strip('`"[]').lower() for n in names if n and n.upper() not in _TRUNCATE_WORDS]
    return [match["table"].split(".")[-1].lower()]


_TRUNCATE_WORDS = {"TABLE", "ONLY", "RESTART", "CONTINUE", "IDENTITY", "CASCADE", "RESTRICT"}


def _statement_watch(execute, sql, params, many, context):
    """Django execute wrapper: after a write to a watched table, schedule :func:`public_changed`."""
    if _pending.is_set():
        pending_flush()
    result = execute(sql, params, many, context)
    if isinstance(sql, str):
        written = _tables_written(sql[:4000])
        if written and not watched_tables().isdisjoint(written):
            _change_schedule(context["connection"])
    return result


#: A write made outside a transaction (committed as it ran) whose change is not yet told; any
#: thread of the process may tell it (a live server's thread, for a test's own write).
_pending = threading.Event()


def _change_schedule(connection) -> None:
    if not connection.in_atomic_block:
        # Committed already, but the statement may still be read (``INSERT ... RETURNING``):
        # nothing else may run on this connection before that, so the change is told before
        # the next statement, when the page cache is next asked, at a request's end, or at exit.
        _pending.set()
        return
    changed = _callbacks(connection.alias)
    # Once per savepoint level: Django drops the callbacks of a savepoint rolled back, and all
    # of them when the transaction is, so a rolled-back write schedules nothing.
    current = set(connection.savepoint_ids)
    for sids, func, _robust in connection.run_on_commit:
        if func is changed and set(sids) == current:
            return
    transaction.on_commit(changed, using=connection.alias)


def pending_flush() -> None:
    """Tell the change that committed writes outside a transaction made, if any."""
    if _pending.is_set():
        _pending.clear()
        public_changed()


def writes_pending(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether this thread's connection holds writes to public data not yet committed."""
    connection = connections[using]
    if not connection.in_atomic_block:
        return False
    changed = _CHANGED.get(using)
    return changed is not None and any(
        func is changed for _sids, func, _robust in connection.run_on_commit
    )


def _connection_watch(sender: Any, connection: Any, **kwargs: Any) -> None:
    if _statement_watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_statement_watch)


def _after_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """``migrate`` creates the database cache's table when that backend is set, and starts a new
    generation (an upgrade's new templates and rules must not be hidden by pages cached before)."""
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith("DatabaseCache"):
        call_command("createcachetable", database=using, verbosity=0)
    public_changed()


def _request_finished(sender: Any, **kwargs: Any) -> None:
    pending_flush()


def receivers_connect() -> None:
    """Watch every connection's writes, and hook ``migrate`` (from ``AppConfig.ready()``)."""
    from django.core.signals import request_finished
    from django.db.backends.signals import connection_created
    from django.db.models.signals import post_migrate

    connection_created.connect(_connection_watch, dispatch_uid="onefuture.core.cache.watch")
    request_finished.connect(_request_finished, dispatch_uid="onefuture.core.cache.finished")
    atexit.register(pending_flush)
    for connection in connections.all(initialized_only=True):
        _connection_watch(None, connection)
    # post_migrate is sent once per app with models: once, for core's, is enough.
    post_migrate.connect(
        _after_migrate,
        sender=apps.get_app_config("core"),
        dispatch_uid="onefuture.core.cache.migrate",
    )
