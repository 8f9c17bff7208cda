"""The page cache on Redis (127.0.0.1:6379, its database 15): served, out of date across processes.

Skips loudly without a Redis server, except under ``CI=true`` (``.ci/run`` starts one when the
machine has none running), where it fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from django.test import Client

from onefuture.web.cache import HEADER
from tests.conftest import require
from tests.routemaps.updates_data import updates_place

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = "redis://127.0.0.1:6379/15"
MILESTONE = "/places/riverton/milestones/clinic-opens/"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings):
    require(_redis_up(), "no Redis server answers at 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    from django.core.cache import cache

    cache.clear()  # database 15 is these tests' own
    yield cache
    cache.clear()


def test_redis_serves_the_second_request_and_a_change_shows_at_once(redis_cache) -> None:
    from onefuture.routemaps.models import Milestone

    data = updates_place()
    assert get(MILESTONE)[HEADER] == "miss"
    assert get(MILESTONE)[HEADER] == "hit"
    assert any(key.startswith(b":1:onefuture:page:") for key in _keys(redis_cache))
    Milestone.objects.filter(pk=data.clinic.pk).update(title="Clinic opens in spring")
    page = get(MILESTONE)
    assert page[HEADER] == "miss" and "Clinic opens in spring" in page.content.decode()


def test_a_change_told_by_another_process_reaches_this_one(redis_cache) -> None:
    """The worker and every web process share one generation: another process's change (here
    a second Python process telling it) makes this process's stored page out of date."""
    updates_place()
    get(MILESTONE)
    assert get(MILESTONE)[HEADER] == "hit"
    env = {
        **os.environ,
        "ONEFUTURE_CACHE_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "onefuture.config.settings",
    }
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from onefuture.core.cache import public_changed; public_changed()",
        ],
        env=env,
        check=True,
        timeout=120,
    )
    assert get(MILESTONE)[HEADER] == "miss"


def get(url: str):
    response = Client().get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def _keys(cache) -> list[bytes]:
    client = cache._cache.get_client(write=False)
    return list(client.scan_iter(match=b"*"))
