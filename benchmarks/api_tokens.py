"""Benchmark: what an API token costs a request (ADR 0039): the same API reads anonymous, with a
signed-in session and with a bearer token, and ``token_authenticate`` alone (the throttled read,
and the read that also records the last use).

Usage (from the repository root, after ``make install``)::

    ONEFUTURE_VAR_DIR=/tmp/apibench .venv/bin/onefuture demo      # the example, in a spare folder
    ONEFUTURE_VAR_DIR=/tmp/apibench .venv/bin/python benchmarks/api_tokens.py [--requests 200]

The page cache is turned off (``ONEFUTURE_PAGE_CACHE_SECONDS=0``) so the three ways are compared
on the same work. Requests go through Django's test client in this process (no network). It
makes one user and token and deletes them at the end. Prints a table: median and p95 ms per
request by route and way, then microseconds per ``token_authenticate``. No target is set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _times(call, n: int) -> list[float]:
    call()  # warm up
    out = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onefuture.config.settings")
    os.environ["ONEFUTURE_PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)  # one log line per request would swamp the table
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from onefuture.core.models import Role
    from onefuture.core.services import membership_set
    from onefuture.places.selectors import place_resolve
    from onefuture.tokens.services import token_authenticate, token_create

    setup_test_environment()
    place = place_resolve(slug=None)
    user = get_user_model().objects.create_user("bench-api-token", password="bench-pw-123456")
    try:
        membership_set(user=user, place=place, role=Role.STRATEGY_OFFICER)
        _, text = token_create(user=user, name="bench")
        anonymous, session, bearer = Client(), Client(), Client()
        session.force_login(user)
        header = {"HTTP_AUTHORIZATION": f"Bearer {text}"}
        routes = ["/api/v1/place/", "/api/v1/routemaps/", "/api/v1/commitments/"]
        print(f"{'route':<24} {'way':<10} {'median ms':>10} {'p95 ms':>8}")
        for route in routes:
            url = f"{route}?place={place.slug}"
            for way, call in (
                ("anonymous", lambda url=url: anonymous.get(url)),
                ("session", lambda url=url: session.get(url)),
                ("token", lambda url=url: bearer.get(url, **header)),
            ):
                status = call().status_code
                if status != 200:
                    print(f"{route:<24} {way:<10} answered {status}")
                    continue
                ms = _times(call, args.requests)
                print(f"{route:<24} {way:<10} {statistics.median(ms):>10.2f} {_p95(ms):>8.2f}")
        n = args.requests * 5
        now = timezone.now()
        read = _times(lambda: token_authenticate(raw=text, now=now), n)
        later = [now]

        def touching() -> None:
            later[0] += timezone.timedelta(minutes=2)
            token_authenticate(raw=text, now=later[0])

        touch = _times(touching, n)
        print(f"\ntoken_authenticate ({n} calls)   median µs   p95 µs")
        for label, values in (("read only (throttled)", read), ("read + last use written", touch)):
            median, p95 = statistics.median(values) * 1000, _p95(values) * 1000
            print(f"{label:<30} {median:>10.0f} {p95:>8.0f}")
    finally:
        user.delete()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
