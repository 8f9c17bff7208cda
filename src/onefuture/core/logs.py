"""Structured logs: one line per request and one per job (ADR 0043), with the standard library.

``LOGGING`` in the settings sends every record to standard error through :class:`JsonFormatter`
(production: one JSON object per line, for journald, a log collector or ``jq``) or
:class:`TextFormatter` (development: readable). A record's ``extra`` fields become the JSON
object's keys, so the two lines are::

    {"time": "...", "level": "INFO", "logger": "onefuture.requests",
     "message": "GET /progress/ 200 (12.3 ms)", "method": "GET", "path": "/progress/",
     "status": 200, "duration_ms": 12.3, "user": "anonymous", "request_id": "4f1c..."}
    {"time": "...", "level": "INFO", "logger": "onefuture.jobs", "message": "job 7 ok",
     "job": 7, "task": "onefuture.measures.tasks.import_run", "record": "measures.importbatch:12",
     "outcome": "ok", "duration_ms": 840.0, "request_id": null}

What a line never holds: the query string (it can carry a search or a token), a username, an
address, a form field. ``user`` is the account's id (or ``anonymous``), which only the database
turns into a person.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

#: The current request's id, added to every record logged while it is handled.
request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "onefuture_request_id", default=None
)

#: A proxy's request id is kept when it looks like one (letters, digits, dashes; ≤ 64).
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

#: LogRecord's own attributes: everything else on a record came from ``extra``.
_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys() | {"message", "asctime"}
)

requests_log = logging.getLogger("onefuture.requests")


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _RECORD_ATTRIBUTES}


class JsonFormatter(logging.Formatter):
    """A record as one JSON object on one line: time, level, logger, message, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(_extra(record))
        line.setdefault("request_id", request_id_var.get())
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``12:00:01 INFO onefuture.requests GET /progress/ 200 (12.3 ms)`` and a traceback."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s", "%H:%M:%S")


class RequestLogMiddleware:
    """Time each request, give it an id (``X-Request-ID``) and log one line when it is answered.

    Outermost in ``MIDDLEWARE``, so the duration and the status are those the client got,
    including static files and error pages.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = offered if _REQUEST_ID.match(offered) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            user = getattr(request, "user", None)
            user_id = user.pk if getattr(user, "is_authenticated", False) else "anonymous"
            requests_log.info(
                "%s %s %s (%s ms)",
                request.method,
                request.path,
                status,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": duration_ms,
                    "user": user_id,
                    "request_id": request_id,
                },
            )
            request_id_var.reset(token)
