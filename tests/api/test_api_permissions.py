"""Every API route, for every role of the role matrix with an API token (issue 12's "Done when").

On the Stockport example as the permission walk prepares it (``tests/test_permission_walk.py``:
the same roles, the same two partner editors' unpublished updates carrying marker text), plus
an unagreed commitment, and comments of a confirmed theme whose original text, or whose whole
text (withheld, or with its redaction not yet checked), must never be public — each carrying a
marker. For each role (the visitor sends no token; everyone else sends their own):

- **every route in the OpenAPI schema** must be listed below (``READS`` or ``WRITES``), so a new
  route fails this test until its audience is written down;
- **reads**: the status the role gets (200 for its audience, else 403 or 404), and a token gets
  exactly what the same person's signed-in session gets (status and body): its user's rights,
  nothing more; no marker reaches anyone who may not read it, and no username ever;
- **writes** (data import, update submit, approve, return): allowed roles succeed, every other
  role is refused with 403 by the service and nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from onefuture.api.urls import api
from onefuture.engagement.models import Comment, CommentTheme, Theme
from onefuture.framework.models import BigThing
from onefuture.measures import selectors as measure_selectors
from onefuture.measures.models import ImportBatch
from onefuture.routemaps.actions.updates import ReturnUpdate, SubmitUpdate
from onefuture.routemaps.models import Commitment, Milestone, Update, UpdateState
from onefuture.tokens.services import token_create
from tests.test_permission_walk import (
    COUNCIL_SECRET,
    EVERYONE,
    OFFICERS,
    OTHER_SECRET,
    ROLES,
    World,
    _world,
)

pytestmark = pytest.mark.django_db

UNAGREED = "MARKER-UNAGREED-COMMITMENT-5K"
ORIGINAL = "MARKER-COMMENT-ORIGINAL-8P"
WITHHELD = "MARKER-WITHHELD-COMMENT-2R"
PENDING = "MARKER-UNCHECKED-REDACTION-6T"
#: A public quote of the same theme: it must appear (so the leak checks can fail).
VISIBLE = "MARKER-PUBLIC-QUOTE-1V"
#: Text no API response may hold, for anyone (and no username: see ``_leaks``).
NEVER = (UNAGREED, ORIGINAL, WITHHELD, PENDING)
USERNAMES = tuple(f"walk-{role.replace('_', '-')}" for role in ROLES if role != "visitor")
#: Who may read each unpublished update's narrative.
READS_COUNCIL = OFFICERS | {"scrutiny", "editor"}
READS_OTHER = OFFICERS | {"scrutiny", "other_editor"}
PLACE = "?place=stockport"


@dataclass
class ApiWorld:
    world: World
    theme_key: str
    tokens: dict[str, str]


def _api_world() -> ApiWorld:
    world = _world()
    place = world.place
    Commitment.objects.create(
        place=place,
        partner=world.council,
        big_thing=world.council_milestone.routemap.big_thing,
        title=UNAGREED,
        status="committed",
    )
    theme = Theme.objects.create(place=place, key="api-theme", name="API theme", status="confirmed")
    common = {"place": place, "source": "entered", "received_at": "2025-03-01T10:00Z"}
    comments = [
        Comment(
            **common,
            text=f"{VISIBLE} said in public",
            redacted_text=f"{VISIBLE} said in public",
            redaction_state="confirmed",
            consent_publish=True,
        ),
        Comment(
            **common,
            text=f"My name is {ORIGINAL}",
            redacted_text="My name is [name]",
            redaction_state="confirmed",
            consent_publish=True,
        ),
        Comment(
            **common,
            text=WITHHELD,
            redacted_text=WITHHELD,
            redaction_state="confirmed",
            consent_publish=True,
            withheld=True,
            withheld_reason="walk",
        ),
        Comment(**common, text=PENDING, redacted_text=PENDING, consent_publish=True),
    ]
    for comment in comments:
        comment.save()
        CommentTheme.objects.create(comment=comment, theme=theme, source="manual", confirmed=True)
    tokens = {
        role: token_create(user=user, name="walk")[1]
        for role, user in world.users.items()
        if user is not None
    }
    return ApiWorld(world=world, theme_key=theme.key, tokens=tokens)


# --------------------------------------------------------------------------- the tables

Params = Callable[[ApiWorld], dict]


def _big_thing(a: ApiWorld) -> str:
    return a.world.council_milestone.routemap.big_thing.key


#: Every reading route: a list of (path parameters, who gets 200); anyone else gets 403 or 404.
READS: dict[str, list[tuple[Params, frozenset[str]]]] = {
    "/api/v1/place/": [(lambda a: {}, EVERYONE)],
    "/api/v1/big-things/": [(lambda a: {}, EVERYONE)],
    "/api/v1/big-things/{key}/": [(lambda a: {"key": _big_thing(a)}, EVERYONE)],
    "/api/v1/ambitions/": [(lambda a: {}, EVERYONE)],
    "/api/v1/ambitions/{key}/": [
        (lambda a: {"key": a.world.measure.ambitions.first().key}, EVERYONE)
    ],
    "/api/v1/links/": [(lambda a: {}, EVERYONE)],
    "/api/v1/items/{key}/": [(lambda a: {"key": _big_thing(a)}, EVERYONE)],
    "/api/v1/partners/": [(lambda a: {}, EVERYONE)],
    "/api/v1/partners/{key}/": [(lambda a: {"key": a.world.council.key}, EVERYONE)],
    "/api/v1/measures/": [(lambda a: {}, EVERYONE)],
    "/api/v1/measures/{key}/": [(lambda a: {"key": a.world.measure.key}, EVERYONE)],
    "/api/v1/measures/{key}/data/": [(lambda a: {"key": a.world.measure.key}, EVERYONE)],
    "/api/v1/imports/{batch_id}/": [(lambda a: {"batch_id": a.world.batch.id}, OFFICERS)],
    "/api/v1/routemaps/": [(lambda a: {}, EVERYONE)],
    "/api/v1/routemaps/{big_thing}/": [(lambda a: {"big_thing": _big_thing(a)}, EVERYONE)],
    "/api/v1/milestones/{key}/": [
        (lambda a: {"key": a.world.council_milestone.key}, EVERYONE),
        (lambda a: {"key": a.world.other_milestone.key}, EVERYONE),
    ],
    "/api/v1/milestones/{key}/updates/": [
        (lambda a: {"key": a.world.council_milestone.key}, EVERYONE),
        (lambda a: {"key": a.world.other_milestone.key}, EVERYONE),
    ],
    "/api/v1/updates/{update_id}/": [
        (lambda a: {"update_id": a.world.published.id}, EVERYONE),
        (lambda a: {"update_id": a.world.council_update.id}, READS_COUNCIL),
        (lambda a: {"update_id": a.world.other_update.id}, READS_OTHER),
    ],
    "/api/v1/commitments/": [(lambda a: {}, EVERYONE)],
    "/api/v1/engagement/themes/": [(lambda a: {}, EVERYONE)],
    "/api/v1/engagement/themes/{key}/": [(lambda a: {"key": a.theme_key}, EVERYONE)],
    "/api/v1/engagement/coverage/": [(lambda a: {}, EVERYONE)],
    "/api/v1/engagement/events/": [(lambda a: {}, EVERYONE)],
}

#: Every writing route and who may use it (each is walked by its own function below).
WRITES: dict[str, frozenset[str]] = {
    "/api/v1/imports/": OFFICERS,
    "/api/v1/updates/": OFFICERS | {"editor"},  # on the council's milestone
    "/api/v1/updates/{update_id}/approve/": OFFICERS,
    "/api/v1/updates/{update_id}/return/": OFFICERS,
}


def _operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def _headers(a: ApiWorld, role: str) -> dict[str, str]:
    token = a.tokens.get(role)
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}


def _leaks(role: str, body: str, *, public: bool) -> list[str]:
    found = [f"shows {marker}" for marker in NEVER if marker in body]
    found += [f"shows the username {name}" for name in USERNAMES if f'"{name}"' in body]
    if COUNCIL_SECRET in body and (public or role not in READS_COUNCIL):
        found.append("shows the council's unpublished update")
    if OTHER_SECRET in body and (public or role not in READS_OTHER):
        found.append("shows another partner's unpublished update")
    return found


# --------------------------------------------------------------------------- the walk


def _every_route_is_listed() -> None:
    listed = {("get", path) for path in READS} | {("post", path) for path in WRITES}
    missing = sorted(_operations() - listed)
    assert not missing, (
        "API routes with no expected audience in tests/api/test_api_permissions.py (add each "
        f"to READS or WRITES): {missing}"
    )


def _every_read_for_every_role(a: ApiWorld) -> None:
    problems = []
    sessions = {}
    for role, user in a.world.users.items():
        sessions[role] = Client()
        if user is not None:
            sessions[role].force_login(user)
    served = {path for method, path in _operations() if method == "get"}
    for path, cases in READS.items():
        if path not in served:  # listed ahead of its router's arrival (another engineer's)
            continue
        for params, audience in cases:
            url = path.format(**params(a)) + PLACE
            for role in ROLES:
                response = Client().get(url, **_headers(a, role))
                body = response.content.decode()
                wanted = {200} if role in audience else {403, 404}
                where = f"GET {url:58} {role:13}"
                if response.status_code not in wanted:
                    problems.append(f"{where} {response.status_code} (want {wanted}): {body[:120]}")
                problems += [f"{where} {leak}" for leak in _leaks(role, body, public=False)]
                if audience == EVERYONE:
                    problems += [
                        f"{where} public route {leak}" for leak in _leaks(role, body, public=True)
                    ]
                session = sessions[role].get(url)
                if (session.status_code, session.content) != (
                    response.status_code,
                    response.content,
                ):
                    problems.append(
                        f"{where} token {response.status_code} differs from the session's "
                        f"{session.status_code}"
                    )
    assert not problems, "\n".join(["route / role / problem:", *problems])


def _the_public_theme_shows_its_public_quote(a: ApiWorld) -> None:
    """The control: the theme's public quote does reach the API, so the markers' absence means
    they were kept out, not that no comment was shown at all."""
    body = Client().get(f"/api/v1/engagement/themes/{a.theme_key}/{PLACE}").content.decode()
    assert VISIBLE in body
    assert "[name]" in body  # the redacted text of the comment whose original is kept back


def _imports_for_every_role(a: ApiWorld) -> None:
    place, measure = a.world.place, a.world.measure
    lines = measure_selectors.measure_template_csv(
        place=place, key=measure.key, current_data=True
    ).splitlines()
    data = ("\n".join(lines[:3]) + "\n").encode()
    problems = []
    for role in ROLES:
        before = ImportBatch.objects.filter(place=place).count()
        upload = SimpleUploadedFile("api-data.csv", data, content_type="text/csv")
        response = Client().post(f"/api/v1/imports/{PLACE}", {"file": upload}, **_headers(a, role))
        body = response.content.decode()
        made = ImportBatch.objects.filter(place=place).count() - before
        if role in WRITES["/api/v1/imports/"]:
            batch = json.loads(body) if response.status_code == 202 else {}
            if response.status_code != 202 or batch.get("status") != "succeeded" or made != 1:
                problems.append(f"POST /imports/ {role}: {response.status_code} {body[:200]}")
                continue
            status = Client().get(batch["status_url"], **_headers(a, role))
            if status.status_code != 200 or json.loads(status.content)["id"] != batch["id"]:
                problems.append(f"GET its status_url {role}: {status.status_code}")
        elif response.status_code != 403 or made:
            problems.append(f"POST /imports/ {role}: {response.status_code}, {made} batch(es)")
        problems += [f"POST /imports/ {role} {leak}" for leak in _leaks(role, body, public=True)]
    assert not problems, "\n".join(problems)


def _council_milestone_free(a: ApiWorld) -> Milestone:
    """A milestone the council leads with no update waiting (the walk's own one has one)."""
    return (
        Milestone.objects.filter(place=a.world.place, lead_partners=a.world.council)
        .exclude(updates__state=UpdateState.SUBMITTED)
        .order_by("due_date", "id")
        .first()
    )


def _submit_for_every_role(a: ApiWorld) -> None:
    milestone = _council_milestone_free(a)
    officer = a.world.users["officer"]
    problems = []
    for role in ROLES:
        before = Update.objects.filter(milestone=milestone).count()
        response = Client().post(
            f"/api/v1/updates/{PLACE}",
            json.dumps(
                {"milestone": milestone.key, "status": "at_risk", "narrative": f"by {role}"}
            ),
            content_type="application/json",
            **_headers(a, role),
        )
        made = Update.objects.filter(milestone=milestone).count() - before
        if role in WRITES["/api/v1/updates/"]:
            body = json.loads(response.content)
            if response.status_code != 201 or body["state"] != "submitted" or made != 1:
                problems.append(f"POST /updates/ {role}: {response.status_code} {body}")
                continue
            # An officer returns it, so the next role finds the milestone free.
            update = Update.objects.get(pk=body["id"])
            ReturnUpdate(user=officer, place=a.world.place, update=update, comment="x").execute()
        elif response.status_code != 403 or made:
            problems.append(f"POST /updates/ {role}: {response.status_code}, {made} written")
    # Not on another partner's milestone, even for the council's editor.
    refused = Client().post(
        f"/api/v1/updates/{PLACE}",
        json.dumps({"milestone": a.world.other_milestone.key, "status": "on_track"}),
        content_type="application/json",
        **_headers(a, "editor"),
    )
    if refused.status_code != 403:
        problems.append(
            f"the council's editor on another partner's milestone: {refused.status_code}"
        )
    assert not problems, "\n".join(problems)


def _reviews_for_every_role(a: ApiWorld) -> None:
    milestone = _council_milestone_free(a)
    editor = a.world.users["editor"]
    problems = []
    for route, done in (("approve", UpdateState.PUBLISHED), ("return", UpdateState.RETURNED)):
        for role in ROLES:
            update = SubmitUpdate(
                user=editor, place=a.world.place, milestone=milestone, status="on_track"
            ).execute()
            response = Client().post(
                f"/api/v1/updates/{update.id}/{route}/{PLACE}",
                json.dumps({"comment": f"{route} by {role}"}),
                content_type="application/json",
                **_headers(a, role),
            )
            update.refresh_from_db()
            if role in WRITES[f"/api/v1/updates/{{update_id}}/{route}/"]:
                if response.status_code != 200 or update.state != done:
                    problems.append(f"{route} {role}: {response.status_code} {update.state}")
                    continue
            else:
                if response.status_code != 403 or update.state != UpdateState.SUBMITTED:
                    problems.append(f"{route} {role}: {response.status_code} {update.state}")
                ReturnUpdate(
                    user=a.world.users["officer"], place=a.world.place, update=update, comment="x"
                ).execute()
    assert not problems, "\n".join(problems)


def test_every_api_route_for_every_role_with_a_token() -> None:
    """One walk on one world (the example takes seconds to prepare): reads, then writes."""
    a = _api_world()
    assert BigThing.objects.filter(place=a.world.place).exists()
    _every_route_is_listed()
    _the_public_theme_shows_its_public_quote(a)
    _every_read_for_every_role(a)
    _imports_for_every_role(a)
    _submit_for_every_role(a)
    _reviews_for_every_role(a)
