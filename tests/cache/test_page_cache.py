"""The public page cache (ADR 0044): what is stored, what is served, and when it is out of date.

These tests commit (``transaction=True``): a page is stored only from a connection with nothing
uncommitted, and a change reaches the generation when its transaction commits, as in production.
The same behaviour is checked on the local-memory backend, the database backend (the default)
and Redis (``test_redis.py``).
"""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onefuture.core import cache as public_cache
from onefuture.measures.services import import_file
from onefuture.routemaps.actions.updates import ApproveUpdate, SubmitUpdate
from onefuture.routemaps.models import Milestone
from onefuture.web import cache as page_cache
from onefuture.web.cache import HEADER
from tests.measures.pages_sample import measures_sample
from tests.routemaps.updates_data import updates_place

pytestmark = pytest.mark.django_db(transaction=True)

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-page-cache",
    }
}
MILESTONE = "/places/riverton/milestones/clinic-opens/"


@pytest.fixture(params=["locmem", "db"])
def backend(request, settings):
    """Each test on the local-memory backend and on the database backend (the default)."""
    if request.param == "locmem":
        settings.CACHES = LOCMEM
    assert settings.ONEFUTURE_PAGE_CACHE_SECONDS > 0
    from django.core.cache import cache

    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture
def data(backend):
    return updates_place()


def get(client: Client, url: str, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def test_the_second_anonymous_request_is_served_from_the_cache(data, backend) -> None:
    first = get(Client(), MILESTONE)
    assert first[HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = get(Client(), MILESTONE)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    # one read of the cache: nothing from the local-memory one; one SELECT from the database's
    assert len(queries) == (0 if backend == "locmem" else 1), [q["sql"] for q in queries]
    if backend == "db":
        assert "onefuture_cache" in queries[0]["sql"]
    assert "Cookie" in second["Vary"] and second["Cache-Control"] == "max-age=0, must-revalidate"


def test_an_approved_update_is_on_the_public_page_at_once(data) -> None:
    assert "Walls are up" not in get(Client(), MILESTONE).content.decode()
    assert get(Client(), MILESTONE)[HEADER] == "hit"
    update = SubmitUpdate(
        user=data.trust_editor,
        place=data.place,
        milestone=data.clinic,
        period=data.current,
        status="off_track",
        narrative="Walls are up, roof delayed.",
    ).execute()
    # submitted, not yet public: the page is out of date (a write), and still says nothing
    page = get(Client(), MILESTONE)
    assert page[HEADER] == "miss" and "Walls are up" not in page.content.decode()
    ApproveUpdate(user=data.officer, place=data.place, update=update).execute()
    page = get(Client(), MILESTONE)
    assert page[HEADER] == "miss"
    assert "Walls are up, roof delayed." in page.content.decode()
    # the routemap that lists the milestone's status is out of date too
    assert (
        "Off track"
        in get(Client(), "/places/riverton/big-things/good-jobs/routemap/").content.decode()
    )


def test_a_workspace_change_posted_by_an_officer_shows_at_once(data) -> None:
    update = SubmitUpdate(
        user=data.trust_editor,
        place=data.place,
        milestone=data.clinic,
        period=data.current,
        status="off_track",
        narrative="Scaffolding is up.",
    ).execute()
    get(Client(), MILESTONE)
    assert get(Client(), MILESTONE)[HEADER] == "hit"
    officer = Client()
    officer.force_login(data.officer)
    response = officer.post(
        "/places/riverton/workspace/updates/review/",
        {"update": str(update.pk), "decision": "approve", "comment": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Scaffolding is up." in get(Client(), MILESTONE).content.decode()


def test_a_measures_imported_data_is_on_its_page_at_once(backend) -> None:
    sample = measures_sample()
    url = "/places/riverton/measures/employment/"
    assert "91.7" not in get(Client(), url).content.decode()
    assert get(Client(), url)[HEADER] == "hit"
    import_file(
        place=sample.place,
        source=b"measure,area,period,value\nemployment,E08000099,2024,91.7\n",
        filename="new.csv",
    )
    page = get(Client(), url)
    assert page[HEADER] == "miss" and "91.7" in page.content.decode()


def test_bulk_writes_and_updates_make_the_pages_out_of_date(data) -> None:
    """QuerySet.update and bulk_create send no signal: the statement watch sees them anyway."""
    get(Client(), MILESTONE)
    Milestone.objects.filter(pk=data.clinic.pk).update(title="Town centre clinic opens early")
    page = get(Client(), MILESTONE)
    assert page[HEADER] == "miss" and "opens early" in page.content.decode()


def test_a_write_outside_a_transaction_reaches_a_page_another_thread_serves(data) -> None:
    """As a live server's thread serves what a test (or a command) just wrote, unprompted."""
    get(Client(), MILESTONE)
    Milestone.objects.filter(pk=data.clinic.pk).update(title="Clinic opens in the new year")
    served = {}

    def serve() -> None:
        served["page"] = Client().get(MILESTONE)
        connection.close()

    thread = threading.Thread(target=serve)
    thread.start()
    thread.join()
    assert served["page"][HEADER] == "miss"
    assert "Clinic opens in the new year" in served["page"].content.decode()


def test_a_rolled_back_write_changes_nothing_and_nothing_uncommitted_is_stored(data) -> None:
    get(Client(), MILESTONE)
    before = public_cache.generation()
    with transaction.atomic():
        Milestone.objects.filter(pk=data.clinic.pk).update(title="A title never committed")
        assert public_cache.writes_pending()
        # this connection sees its own write: the page is neither served from nor stored in
        # the cache, so nobody is ever served what was not committed
        page = Client().get(MILESTONE)
        assert HEADER not in page and "never committed" in page.content.decode()
        transaction.set_rollback(True)
    assert not public_cache.writes_pending()
    assert public_cache.generation() == before
    page = get(Client(), MILESTONE)
    assert page[HEADER] == "hit" and "never committed" not in page.content.decode()


def test_writes_nobody_reads_in_public_leave_the_cache(data) -> None:
    """Sessions, the job queue's records: a sign-in or a job's heartbeat empties no cache."""
    from django.contrib.sessions.backends.db import SessionStore

    get(Client(), MILESTONE)
    before = public_cache.generation()
    SessionStore().create()
    connection.cursor().execute("UPDATE core_job SET heartbeat_at = NULL WHERE 1 = 0")
    assert public_cache.generation() == before
    assert get(Client(), MILESTONE)[HEADER] == "hit"


def test_a_signed_in_person_never_gets_the_anonymous_copy(data) -> None:
    anonymous = get(Client(), MILESTONE).content.decode()
    assert get(Client(), MILESTONE)[HEADER] == "hit"
    editor = Client()
    editor.force_login(data.trust_editor)
    page = editor.get(MILESTONE)
    assert page.status_code == 200 and HEADER not in page
    assert "Sign out" in page.content.decode() and "Sign out" not in anonymous
    assert page["Cache-Control"] == "private"
    # and what they were shown is not stored for anyone else
    assert "Sign out" not in get(Client(), MILESTONE).content.decode()
    # the workspace is never cached, even its first page
    workspace = editor.get("/places/riverton/workspace/")
    assert workspace.status_code == 200 and HEADER not in workspace


def test_a_page_with_a_form_is_never_stored(backend) -> None:
    """Have your say renders a CSRF token: storing it would give everyone the same token."""
    from tests.engagement.capture_sample import capture_world

    capture_world()
    url = "/places/riverton/big-things/good-jobs/have-your-say/"
    first, second = Client(), Client()
    one = first.get(url)
    two = second.get(url)
    assert one.status_code == two.status_code == 200
    assert HEADER not in one and HEADER not in two
    assert one.cookies["csrftoken"].value != two.cookies["csrftoken"].value
    # the big thing's page, without a form, is stored
    get(Client(), "/places/riverton/big-things/good-jobs/")
    assert get(Client(), "/places/riverton/big-things/good-jobs/")[HEADER] == "hit"


def test_api_reads_are_cached_but_not_for_a_token(data) -> None:
    url = "/api/v1/routemaps/?place=riverton"
    first = Client().get(url)
    assert first.status_code == 200 and first[HEADER] == "miss"
    assert Client().get(url)[HEADER] == "hit"
    with_token = Client().get(url, headers={"Authorization": "Bearer not-a-real-token"})
    assert HEADER not in with_token


def test_an_unchanged_page_is_not_sent_again(data) -> None:
    etag = get(Client(), MILESTONE)["ETag"]
    again = Client().get(MILESTONE, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again[HEADER] == "hit" and again.content == b""
    head = Client().head(MILESTONE)
    assert head.status_code == 200 and head[HEADER] == "hit" and head.content == b""


def test_a_page_stored_yesterday_is_not_served_today(data, monkeypatch) -> None:
    """Pages say what is overdue: the day they were drawn on is part of their freshness."""
    get(Client(), MILESTONE)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    monkeypatch.setattr(page_cache, "_today", lambda: tomorrow)
    assert get(Client(), MILESTONE)[HEADER] == "miss"


def test_the_page_cache_can_be_turned_off(data, settings) -> None:
    settings.ONEFUTURE_PAGE_CACHE_SECONDS = 0
    get(Client(), MILESTONE)
    assert HEADER not in get(Client(), MILESTONE)


def test_migrate_made_the_database_caches_table(backend) -> None:
    assert "onefuture_cache" in connection.introspection.table_names()
