"""The analyst's theme pages: start a run, see it, curate, review; refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from onefuture.engagement.models import CommentTheme, Theme, ThemeRun, ThemeStatus
from onefuture.engagement.services import themes as services
from tests.engagement.themes_sample import themes_world

pytestmark = pytest.mark.django_db

BASE = "/places/riverton/workspace/engagement/themes/"


@pytest.fixture
def world():
    return themes_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_start_a_run_see_it_and_the_themes(world):
    client = _client(world.analyst)
    response = client.post(BASE + "?consultation=town-2040", {"n_themes": "3"})
    run = ThemeRun.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/runs/{run.pk}/")
    page = client.get(response.url).content.decode()
    assert "100%" in page and "data-run-refresh" not in page  # finished: nothing to refresh
    page = client.get(BASE + "?consultation=town-2040").content.decode()
    theme = Theme.objects.first()
    assert theme.name in page and "Proposed" in page
    assert "@example.org" not in page  # redacted text only
    assert "[EMAIL]" in page or "Review queue" in page


def test_a_running_run_has_a_refresh_link_and_never_reloads_itself(world):
    run = ThemeRun.objects.create(place=world.place, status="running", progress=40, stage="X")
    page = _client(world.analyst).get(BASE + f"runs/{run.pk}/").content.decode()
    assert "40%: X" in page and "data-run-refresh" in page and "http-equiv" not in page


def test_a_bad_number_of_themes_is_named(world):
    response = _client(world.analyst).post(BASE + "?consultation=town-2040", {"n_themes": "99"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert not ThemeRun.objects.exists()


def test_rename_confirm_map_merge_and_review(world):
    services.theme_run_start(
        user=world.analyst, place=world.place, consultation=world.consultation, n_themes=3
    )
    client = _client(world.analyst)
    a, b, _c = Theme.objects.all()
    url = BASE + f"{a.key}/"
    assert (
        client.post(url, {"step": "rename", "name": "Buses", "description": ""}).status_code == 302
    )
    assert client.post(url, {"step": "rename", "name": ""}).status_code == 400
    assert client.post(url, {"step": "confirm"}).status_code == 302
    big = world.sample.big_things[0]
    assert client.post(url, {"step": "big_things", "big_things": [big.key]}).status_code == 302
    a.refresh_from_db()
    assert (a.name, a.status, list(a.big_things.all())) == ("Buses", ThemeStatus.CONFIRMED, [big])
    page = client.get(url).content.decode()
    assert "Buses" in page and "@example.org" not in page

    response = client.post(
        BASE + "merge/?consultation=town-2040", {"themes": [a.key, b.key], "into": a.key}
    )
    assert response.status_code == 302 and not Theme.objects.filter(id=b.id).exists()

    queue = client.get(BASE + "review/?consultation=town-2040").content.decode()
    assert "Review queue" in queue and "@example.org" not in queue
    comment = world.comments[1]
    response = client.post(
        BASE + "review/?consultation=town-2040", {"comment": comment.pk, "themes": [a.key]}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.themes_confirmed_at is not None
    assert list(CommentTheme.objects.filter(comment=comment).values_list("theme", "confirmed")) == [
        (a.id, True)
    ]


def test_who_may_open_the_theme_pages(world):
    for person, wanted in ((world.scrutiny, 403), (world.editor, 403), (world.analyst, 200)):
        assert _client(person).get(BASE).status_code == wanted
    assert Client().get(BASE).status_code == 302
    other = themes_world(slug="elsewhere")
    run = ThemeRun.objects.create(place=other.place)
    assert _client(world.analyst).get(BASE + f"runs/{run.pk}/").status_code == 404


def test_the_workspace_says_how_many_comments_wait_for_review(world):
    services.theme_run_start(
        user=world.analyst, place=world.place, consultation=world.consultation, n_themes=3
    )
    page = _client(world.analyst).get("/places/riverton/workspace/").content.decode()
    assert "Themes" in page and "36 to review" in page


def test_split_from_the_theme_page_lists_the_two_halves(world):
    services.theme_run_start(
        user=world.analyst, place=world.place, consultation=world.consultation, n_themes=2
    )
    big = max(Theme.objects.all(), key=lambda t: t.comment_links.count())
    client = _client(world.analyst)
    response = client.post(BASE + f"{big.key}/", {"step": "split"})
    assert response.status_code == 302 and "split=" in response.url
    assert not Theme.objects.filter(id=big.id).exists()
    assert client.get(response.url).status_code == 200
    assert client.get(BASE + "merge/?consultation=town-2040").status_code == 200


def test_a_run_whose_worker_died_is_failed_when_its_page_is_read(world):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from onefuture.core.jobs import HOST
    from onefuture.core.models import Job
    from onefuture.engagement.tasks import WORKER_GONE

    run = ThemeRun.objects.create(place=world.place, status="running", progress=20)
    Job.objects.create(
        task_path="onefuture.engagement.tasks.theme_run",
        record_type=ContentType.objects.get_for_model(run),
        record_id=run.pk,
        started_at=timezone.now(),
        worker_host=HOST,
        worker_pid=2**22 + 12345,  # no such process
    )
    page = _client(world.analyst).get(BASE + f"runs/{run.pk}/").content.decode()
    run.refresh_from_db()
    assert run.status == "failed" and run.message == WORKER_GONE
    assert "Failed" in page and "worker stopped" in page
