"""Benchmark: what the security and production layers add to each request (ADRs 0042, 0043).

Times, in this process, a trivial view alone and wrapped in each middleware this work added:
the request log line (``onefuture.core.logs.RequestLogMiddleware`` with its JSON formatter,
written to memory), the Content-Security-Policy header (``csp.middleware.CSPMiddleware``), and
the session save that ``SESSION_SAVE_EVERY_REQUEST`` makes for a signed-in person (on the
database in ``DATABASE_URL``, or SQLite). Then ``/health`` through the test client (two queries
and a JSON body).

Usage (from the repository root, after ``make install`` and ``onefuture migrate``)::

    .venv/bin/python benchmarks/security.py [--n 5000]

Prints a table of microseconds per request (median of five rounds). No target is set by the
issue; the point is that each is small beside a page's own time (tens of milliseconds).
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _per_call(call: Callable[[], object], n: int) -> float:
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(n):
            call()
        rounds.append((time.perf_counter() - started) / n * 1e6)
    return statistics.median(rounds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    import django

    django.setup()
    from csp.middleware import CSPMiddleware
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse
    from django.test import Client, RequestFactory

    from onefuture.core.logs import JsonFormatter, RequestLogMiddleware

    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(JsonFormatter())
    requests_log = logging.getLogger("onefuture.requests")
    requests_log.handlers = [handler]
    requests_log.propagate = False
    requests_log.setLevel(logging.INFO)

    request = RequestFactory().get("/progress/?q=jobs")

    def view(r: object) -> HttpResponse:
        return HttpResponse("ok")

    logged = RequestLogMiddleware(view)
    csp = CSPMiddleware(view)
    session = SessionStore()
    session["_auth_user_id"] = "1"
    session.save()
    client = Client()

    bare = _per_call(lambda: view(request), args.n)
    rows = [
        ("the view alone", bare),
        ("+ request log line (JSON)", _per_call(lambda: logged(request), args.n) - bare),
        ("+ Content-Security-Policy", _per_call(lambda: csp(request), args.n) - bare),
        ("session save (signed in)", _per_call(session.save, max(args.n // 10, 50))),
        ("GET /health (test client)", _per_call(lambda: client.get("/health"), args.n // 10)),
    ]
    load = os.getloadavg()[0]
    print(f"{'what':<30} {'µs per request':>15}")
    for name, micros in rows:
        print(f"{name:<30} {micros:>15.1f}")
    print(f"(load average {load:.1f} on {os.cpu_count()} cores while measuring)")
    session.delete()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
