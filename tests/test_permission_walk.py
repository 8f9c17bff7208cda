"""Every page and every action, for every role: who may see and do what (issue 9's first test).

The walk runs on the Stockport example as ``make run`` prepares it (the framework file, its data,
the demo's commitments and updates), plus two partner editors' unpublished updates carrying
marker text. For each role — a visitor, a signed-in person with no role here, an administrator,
a strategy officer, the council's partner editor, another partner's editor and a scrutiny
member — it asks:

- **every registered page** (``web.registry.page_list()``: a new page fails this test until it
  is given its expected audience below), comparing the status with the table ``AUDIENCE``;
- **every registered permission action** (``core.permissions``), comparing ``permission_has``
  with the table ``ALLOWED`` (again, a new action fails until listed);
- **every API route** about updates, and **the action objects** themselves, so a refusal is
  made by the service, object by object, not only by the page;

and checks that an unpublished update's narrative reaches nobody but those allowed to read it:
never a visitor, never the other partner's editor — by page or by API.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.core.errors import PermissionDenied
from onefuture.core.models import Role
from onefuture.core.permissions import _ACTIONS, permission_has
from onefuture.core.services import membership_set
from onefuture.framework.demo import EXAMPLE_DIR, demo_step_list
from onefuture.measures.models import ImportBatch, Measure
from onefuture.partners.models import Partner
from onefuture.routemaps.actions.updates import ApproveUpdate, SubmitUpdate
from onefuture.routemaps.models import Commitment, Milestone, Update, UpdateState
from onefuture.web.registry import page_list

pytestmark = pytest.mark.django_db

#: The roles walked, in the order the failure table prints them.
ROLES = (
    "visitor",
    "outsider",
    "admin",
    "officer",
    "editor",
    "other_editor",
    "scrutiny",
    "engagement",
)
MEMBERS = frozenset(ROLES) - {"visitor", "outsider"}
OFFICERS = frozenset({"admin", "officer"})
EVERYONE = frozenset(ROLES)

COUNCIL_SECRET = "MARKER-COUNCIL-UNPUBLISHED-7Q"
OTHER_SECRET = "MARKER-OTHER-PARTNER-UNPUBLISHED-3Z"


@dataclass
class World:
    place: object
    users: dict[str, object]
    council: Partner
    other: Partner
    council_milestone: Milestone
    other_milestone: Milestone
    council_update: Update
    other_update: Update
    published: Update
    commitment: Commitment
    measure: Measure
    batch: ImportBatch


def _person(username: str, place, role: str | None, partner=None):
    user = get_user_model().objects.create_user(username=username, password="walk-pw-123456")
    if role is not None:
        membership_set(user=user, place=place, role=role, partner=partner)
    return user


def _world() -> World:
    for step in demo_step_list():
        if step.name != "database":  # the test database is migrated already
            step.run(EXAMPLE_DIR)
    from onefuture.places.models import Place

    place = Place.objects.get(slug="stockport")
    council = Partner.objects.get(place=place, name="Stockport Council")
    council_milestone = (
        Milestone.objects.filter(place=place, lead_partners=council).order_by("due_date").first()
    )
    other_milestone = (
        Milestone.objects.filter(place=place)
        .exclude(lead_partners=council)
        .filter(lead_partners__isnull=False)
        .order_by("due_date")
        .first()
    )
    assert council_milestone and other_milestone, "the example needs milestones led by partners"
    other = other_milestone.lead_partners.first()
    users = {
        "visitor": None,
        "outsider": _person("walk-outsider", place, None),
        "admin": _person("walk-admin", place, Role.ADMINISTRATOR),
        "officer": _person("walk-officer", place, Role.STRATEGY_OFFICER),
        "editor": _person("walk-editor", place, Role.PARTNER_EDITOR, council),
        "other_editor": _person("walk-other-editor", place, Role.PARTNER_EDITOR, other),
        "scrutiny": _person("walk-scrutiny", place, Role.SCRUTINY_MEMBER),
        "engagement": _person("walk-engagement", place, Role.ENGAGEMENT_OFFICER),
    }
    council_update = SubmitUpdate(
        user=users["editor"],
        place=place,
        milestone=council_milestone,
        status="off_track",
        narrative=COUNCIL_SECRET,
    ).execute()
    other_update = SubmitUpdate(
        user=users["other_editor"],
        place=place,
        milestone=other_milestone,
        status="at_risk",
        narrative=OTHER_SECRET,
    ).execute()
    published = (
        Update.objects.filter(place=place, state=UpdateState.PUBLISHED)
        .order_by("-published_at")
        .first()
    )
    if published is None:  # the demo has none yet: publish one of our own
        submitted = SubmitUpdate(
            user=users["officer"],
            place=place,
            milestone=council_milestone,
            status="on_track",
            narrative="Published for the walk.",
        ).execute()
        published = ApproveUpdate(user=users["officer"], place=place, update=submitted).execute()
    commitment = Commitment.objects.filter(place=place, partner=council).first()
    assert commitment is not None, "the demo has commitments of the council"
    return World(
        place=place,
        users=users,
        council=council,
        other=other,
        council_milestone=council_milestone,
        other_milestone=other_milestone,
        council_update=council_update,
        other_update=other_update,
        published=published,
        commitment=commitment,
        measure=Measure.objects.filter(place=place).order_by("order").first(),
        batch=ImportBatch.objects.create(place=place, filename="walk.csv", origin="cli"),
    )


# --------------------------------------------------------------------------- pages

#: For each page: its URL arguments (from the world) and who gets it (200); anyone else is
#: sent to sign in (visitors, 302) or refused (403, or 404 for an object they may not know of).
#: ``None`` as the audience: the page's status depends on the person in its own way, handled
#: in ``SPECIAL``.
Args = Callable[[World], tuple]


def _walk_theme_key(world: World) -> str:
    """A theme of the example's place for the theme pages (engagement themes, helper C)."""
    from onefuture.engagement.models import Theme

    theme, _ = Theme.objects.get_or_create(
        place=world.place, key="walk-theme", defaults={"name": "Walk theme"}
    )
    return theme.key


def _walk_theme_run_id(world: World) -> int:
    from onefuture.engagement.models import ThemeRun

    return ThemeRun.objects.create(place=world.place).id


def _walk_event_id(world: World) -> int:
    """An engagement event for the capture pages (helper A)."""
    from onefuture.engagement.models import Event

    event, _ = Event.objects.get_or_create(
        place=world.place, title="Walk event", defaults={"kind": "forum", "date": "2025-03-01"}
    )
    return event.id


def _walk_import_id(world: World) -> int:
    from onefuture.engagement.models import CommentImport

    return CommentImport.objects.create(place=world.place, filename="walk.csv").id


def _walk_public_theme_key(world: World) -> str:
    """A confirmed theme for the public "you said, we did" pages (helper D)."""
    from onefuture.engagement.models import Theme

    theme, _ = Theme.objects.get_or_create(
        place=world.place,
        key="walk-public-theme",
        defaults={"name": "Walk public theme", "status": "confirmed"},
    )
    return theme.key


def _walk_comment_id(world: World) -> int:
    """A comment for the redaction review pages (helper B)."""
    from onefuture.engagement.models import Comment

    comment, _ = Comment.objects.get_or_create(
        place=world.place,
        text="Walk comment",
        defaults={
            "source": "entered",
            "redacted_text": "Walk comment",
            "received_at": "2025-03-01T10:00Z",
        },
    )
    return comment.id


def _walk_meeting_id(world: World) -> int:
    """A scrutiny meeting for the tracker pages (helper R2)."""
    from onefuture.reports.models import CommitteeMeeting

    meeting, _ = CommitteeMeeting.objects.get_or_create(
        place=world.place, committee="Walk Scrutiny Committee", date="2025-03-01"
    )
    return meeting.id


def _walk_recommendation_ids(world: World) -> tuple[int, int]:
    from onefuture.reports.models import ScrutinyRecommendation

    meeting = _walk_meeting_id(world)
    rec, _ = ScrutinyRecommendation.objects.get_or_create(
        meeting_id=meeting, number=1, defaults={"text": "Walk recommendation"}
    )
    return meeting, rec.id


def _walk_report_run(world: World) -> int:
    """A finished report run with one PDF file, for the reports page (helper R, ADR 0037)."""
    from onefuture.reports.models import ReportFile, ReportRun, RunStatus

    run, made = ReportRun.objects.get_or_create(
        place=world.place,
        kind="scrutiny",
        date="2025-03-01",
        defaults={"formats": "pdf", "status": RunStatus.DONE, "progress": 100},
    )
    if made:
        ReportFile.objects.create(
            run=run, format="pdf", name="walk.pdf", content_type="application/pdf", size=5,
            data=b"%PDF-",
        )  # fmt: skip
    return run.id


AUDIENCE: dict[str, tuple[Args, frozenset[str] | None]] = {
    # The public site: the same for everyone.
    "home": (lambda w: (), EVERYONE),
    "big-things": (lambda w: (), EVERYONE),
    "big-thing": (lambda w: (w.council_milestone.routemap.big_thing.key,), EVERYONE),
    "cross-cutting-ambitions": (lambda w: (), EVERYONE),
    "cross-cutting-ambition": (
        lambda w: (w.measure.ambitions.first().key,),
        EVERYONE,
    ),
    "partners": (lambda w: (), EVERYONE),
    "partner": (lambda w: (w.council.key,), EVERYONE),
    "how-it-all-links": (lambda w: (), EVERYONE),
    "progress": (lambda w: (), EVERYONE),
    "progress-csv": (lambda w: (), EVERYONE),
    "measure-chart-json": (lambda w: (w.measure.key, "trend"), EVERYONE),
    "measure": (lambda w: (w.measure.key,), EVERYONE),
    "measure-chart-csv": (lambda w: (w.measure.key, "trend"), EVERYONE),
    "measure-chart-svg": (lambda w: (w.measure.key, "trend"), EVERYONE),
    "measure-template": (lambda w: (w.measure.key, "csv"), EVERYONE),
    "big-thing-spine-svg": (lambda w: (w.measure.big_things.first().key,), EVERYONE),
    "big-thing-spine-csv": (lambda w: (w.measure.big_things.first().key,), EVERYONE),
    "routemaps": (lambda w: (), EVERYONE),
    "routemap-changes": (lambda w: (), EVERYONE),
    "routemap": (lambda w: (w.council_milestone.routemap.big_thing.key,), EVERYONE),
    "routemap-svg": (lambda w: (w.council_milestone.routemap.big_thing.key,), EVERYONE),
    "milestone": (lambda w: (w.council_milestone.key,), EVERYONE),
    "delivery-plans": (lambda w: (), EVERYONE),
    "delivery-plan": (
        lambda w: (
            Milestone.objects.filter(place=w.place, delivery_plan__isnull=False)
            .first()
            .delivery_plan.key,
        ),
        EVERYONE,
    ),
    "search": (lambda w: (), EVERYONE),
    # Open data (helper D): the /data/ page, a table as CSV and JSON, the data package.
    "open-data": (lambda w: (), EVERYONE),
    "open-data-csv": (lambda w: ("measures",), EVERYONE),
    "open-data-json": (lambda w: ("updates",), EVERYONE),
    "open-data-package": (lambda w: ("stockport",), EVERYONE),
    # The workspace.
    "sign-in": (lambda w: (), None),
    "sign-out": (lambda w: (), None),
    "workspace": (lambda w: (), MEMBERS),
    "data-upload": (lambda w: (), OFFICERS),
    "import-status": (lambda w: (w.batch.id,), OFFICERS),
    "workspace-measures": (lambda w: (), OFFICERS),
    "workspace-measure-edit": (lambda w: (w.measure.key,), OFFICERS),
    "workspace-measure-commentary": (lambda w: (w.measure.key,), OFFICERS),
    "workspace-updates-upload": (lambda w: (), OFFICERS),
    "workspace-updates-template": (lambda w: ("csv",), OFFICERS),
    "workspace-my-items": (lambda w: (), OFFICERS | {"editor", "other_editor"}),
    "workspace-updates": (lambda w: (), OFFICERS | {"scrutiny", "editor", "other_editor"}),
    "workspace-updates-review": (lambda w: (), OFFICERS),
    "workspace-update": (lambda w: (w.council_update.id,), OFFICERS | {"scrutiny", "editor"}),
    "workspace-update-submit": (
        lambda w: ("milestone", w.council_milestone.key),
        OFFICERS | {"editor"},
    ),
    "workspace-periods": (lambda w: (), OFFICERS),
    "workspace-commitments": (lambda w: (), OFFICERS | {"scrutiny", "editor", "other_editor"}),
    "workspace-commitment-invite": (lambda w: (), OFFICERS),
    "workspace-commitment-record": (lambda w: (), OFFICERS | {"editor", "other_editor"}),
    "workspace-commitment": (
        lambda w: (w.commitment.id,),
        OFFICERS | {"scrutiny", "editor"},
    ),
    "workspace-commitment-answer": (lambda w: (w.commitment.id,), OFFICERS | {"editor"}),
    # A step is a POST (its form is on the commitment's page): a GET is refused for everyone.
    "workspace-commitment-step": (lambda w: (w.commitment.id, "withdraw"), None),
    # Partner editors read the history of their own organisation's items, never the whole list.
    "workspace-audit": (lambda w: (), OFFICERS | {"scrutiny"}),
    "workspace-audit-item": (
        lambda w: ("milestone", w.council_milestone.id),
        OFFICERS | {"scrutiny", "editor"},
    ),
    # Engagement capture: the public "have your say" form (GET only in the walk).
    "have-your-say": (lambda w: (w.council_milestone.routemap.big_thing.key,), EVERYONE),
    "have-your-say-thanks": (lambda w: (w.council_milestone.routemap.big_thing.key,), EVERYONE),
    "workspace-engagement-events": (lambda w: (), OFFICERS | {"engagement", "scrutiny"}),
    "workspace-engagement-event-record": (lambda w: (), OFFICERS | {"engagement"}),
    "workspace-engagement-event": (
        lambda w: (_walk_event_id(w),),
        OFFICERS | {"engagement", "scrutiny"},
    ),
    "workspace-engagement-event-edit": (lambda w: (_walk_event_id(w),), OFFICERS | {"engagement"}),
    "workspace-engagement-import-comments": (lambda w: (), OFFICERS | {"engagement"}),
    "workspace-engagement-import": (
        lambda w: (_walk_import_id(w),),
        OFFICERS | {"engagement", "scrutiny"},
    ),
    "workspace-engagement-import-template": (
        lambda w: ("csv",),
        OFFICERS | {"engagement", "scrutiny"},
    ),
    # Engagement themes (the analyst's pages).
    "workspace-themes": (lambda w: (), OFFICERS | {"engagement"}),
    "workspace-theme-run": (lambda w: (_walk_theme_run_id(w),), OFFICERS | {"engagement"}),
    "workspace-themes-merge": (lambda w: (), OFFICERS | {"engagement"}),
    "workspace-themes-review": (lambda w: (), OFFICERS | {"engagement"}),
    "workspace-theme": (lambda w: (_walk_theme_key(w),), OFFICERS | {"engagement"}),
    # Engagement: "you said, we did", coverage and the report (public), responses (workspace).
    "engagement": (lambda w: (), EVERYONE),
    "engagement-theme": (lambda w: (_walk_public_theme_key(w),), EVERYONE),
    "engagement-coverage": (lambda w: (), EVERYONE),
    "engagement-coverage-chart-csv": (lambda w: ("wards",), EVERYONE),
    "engagement-coverage-chart-svg": (lambda w: ("wards",), EVERYONE),
    "engagement-coverage-chart-json": (lambda w: ("wards",), EVERYONE),
    "engagement-report": (lambda w: (), EVERYONE),
    "brochure": (lambda w: (), EVERYONE),
    "brochure-pdf": (lambda w: (), EVERYONE),
    # Engagement redaction review (helper B): readers see redacted text; the original and the
    # forms only for engagement officers (checked in tests/engagement/test_redaction_views.py).
    "workspace-redaction": (lambda w: (), OFFICERS | {"engagement", "scrutiny"}),
    "workspace-redaction-comment": (
        lambda w: (_walk_comment_id(w),),
        OFFICERS | {"engagement", "scrutiny"},
    ),
    "workspace-responses": (lambda w: (), OFFICERS),
    "workspace-response": (lambda w: (_walk_public_theme_key(w),), OFFICERS),
    # The scrutiny recommendations tracker (helper R2): scrutiny members read, officers edit.
    "workspace-scrutiny": (lambda w: (), OFFICERS | {"scrutiny"}),
    "workspace-scrutiny-meeting-new": (lambda w: (), OFFICERS),
    "workspace-scrutiny-meeting": (lambda w: (_walk_meeting_id(w),), OFFICERS | {"scrutiny"}),
    "workspace-scrutiny-meeting-edit": (lambda w: (_walk_meeting_id(w),), OFFICERS),
    "workspace-scrutiny-recommendation": (_walk_recommendation_ids, OFFICERS | {"scrutiny"}),
    # API tokens (helper A2, ADR 0039): every member manages their own.
    "workspace-api-tokens": (lambda w: (), MEMBERS),
    # The reports page (helper R): scrutiny members read and download, officers generate.
    "workspace-reports": (lambda w: (), OFFICERS | {"scrutiny"}),
    "workspace-reports-new": (lambda w: ("scrutiny",), OFFICERS),
    "workspace-reports-run": (lambda w: (_walk_report_run(w),), OFFICERS | {"scrutiny"}),
    "workspace-reports-file": (lambda w: (_walk_report_run(w), "pdf"), OFFICERS | {"scrutiny"}),
    # The sign-in audit (helper S, ADR 0042): administrators only.
    "workspace-sign-ins": (lambda w: (), frozenset({"admin"})),
}


def _client(world: World, role: str) -> Client:
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _expected(name: str, role: str, audience: frozenset[str] | None) -> set[int]:
    if audience is None:
        if name == "sign-in":
            return {200} if role == "visitor" else {302}  # signed in: on to the workspace
        if name in {"sign-out", "workspace-commitment-step"}:
            return {405}  # a GET never signs anyone out, nor takes a step
        raise AssertionError(f"no rule for {name}")
    if role in audience:
        return {200}
    if role == "visitor":
        return {302}  # to the sign-in page
    return {403, 404}


def _every_page_for_every_role(world: World) -> None:
    registered = {page.name for page in page_list()}
    missing = registered - set(AUDIENCE)
    assert not missing, f"pages with no expected audience in this test: {sorted(missing)}"
    problems = []
    clients = {role: _client(world, role) for role in ROLES}
    for page in page_list():
        args, audience = AUDIENCE[page.name]
        url = f"/places/stockport/{_route(page.name, args(world))}"
        for role in ROLES:
            response = clients[role].get(url)
            wanted = _expected(page.name, role, audience)
            if response.status_code not in wanted:
                problems.append(f"{page.name:32} {role:13} {response.status_code} (want {wanted})")
                continue
            if response.status_code == 200:
                body = response.content.decode("utf-8", "replace")
                may_read_council = role in OFFICERS | {"scrutiny", "editor"}
                may_read_other = role in OFFICERS | {"scrutiny", "other_editor"}
                if COUNCIL_SECRET in body and not may_read_council:
                    problems.append(f"{page.name:32} {role:13} shows the council's unpublished")
                if OTHER_SECRET in body and not may_read_other:
                    problems.append(f"{page.name:32} {role:13} shows another partner's unpublished")
                if audience == EVERYONE and (COUNCIL_SECRET in body or OTHER_SECRET in body):
                    problems.append(f"{page.name:32} {role:13} public page shows an unpublished")
    assert not problems, "\n".join(["page / role / status:", *problems])


def _route(name: str, args: tuple) -> str:
    from django.urls import reverse

    return reverse(f"web:{name}", args=list(args)).lstrip("/")


def _the_other_partners_update_is_refused_by_url_and_api(world: World) -> None:
    editor = _client(world, "editor")
    page = editor.get(f"/places/stockport/workspace/updates/{world.other_update.id}/")
    assert page.status_code in {403, 404}
    assert OTHER_SECRET not in page.content.decode()
    api = editor.get(f"/api/v1/updates/{world.other_update.id}/?place=stockport")
    assert api.status_code in {403, 404}
    assert OTHER_SECRET not in api.content.decode()
    own = editor.get(f"/api/v1/updates/{world.council_update.id}/?place=stockport")
    assert own.status_code == 200 and COUNCIL_SECRET in own.content.decode()
    visitor = Client().get(f"/api/v1/updates/{world.council_update.id}/?place=stockport")
    assert visitor.status_code in {401, 403, 404}
    assert COUNCIL_SECRET not in visitor.content.decode()
    public = Client().get(
        f"/api/v1/milestones/{world.council_milestone.key}/updates/?place=stockport"
    )
    assert public.status_code == 200
    assert COUNCIL_SECRET not in public.content.decode()
    listed = Client().get(f"/api/v1/milestones/{world.council_milestone.key}/?place=stockport")
    assert listed.status_code == 200 and COUNCIL_SECRET not in listed.content.decode()


# --------------------------------------------------------------------------- actions

#: Who may do each registered action in the place (object-level actions asked about the
#: council's milestone, update or commitment).
ALLOWED: dict[str, frozenset[str]] = {
    "data.import": OFFICERS,
    "framework.edit": OFFICERS,
    "measures.comment": OFFICERS,
    "routemaps.read_unpublished": OFFICERS | {"scrutiny", "editor"},
    "update.submit": OFFICERS | {"editor"},
    "update.approve": OFFICERS,
    "update.publish": OFFICERS,
    "update.comment": OFFICERS | {"scrutiny"},
    "period.lock": OFFICERS,
    "commitment.read": OFFICERS | {"scrutiny", "editor"},
    "commitment.record": OFFICERS | {"editor"},
    "commitment.start": OFFICERS | {"editor"},
    "commitment.withdraw": OFFICERS | {"editor"},
    "commitment.invite": OFFICERS,
    "commitment.agree": OFFICERS,
    "commitment.deliver": OFFICERS,
    "audit.read": OFFICERS | {"scrutiny", "editor"},
    "engagement.read": OFFICERS | {"engagement", "scrutiny"},
    "engagement.read_original": frozenset({"engagement"}),
    "engagement.capture": OFFICERS | {"engagement"},
    "engagement.redact": frozenset({"engagement"}),
    "engagement.analyse": OFFICERS | {"engagement"},
    "engagement.respond": OFFICERS,
    "reports.tracker.read": OFFICERS | {"scrutiny"},
    "reports.tracker.edit": OFFICERS,
    "reports.read": OFFICERS | {"scrutiny"},
    "reports.generate": OFFICERS,
    "logins.read": frozenset({"admin"}),
}


def _object_for(world: World, action: str):
    if action == "routemaps.read_unpublished" or (
        action.startswith("update.") and action != ("update.submit")
    ):
        return world.council_update
    if action == "update.submit":
        return world.council_milestone
    if action.startswith("commitment."):
        return world.commitment
    if action == "audit.read":
        return world.council_milestone
    return None


def _every_action_for_every_role(world: World) -> None:
    # Actions a test registered for itself ("test.…") are not the product's.
    missing = {name for name in _ACTIONS if not name.startswith("test.")} - set(ALLOWED)
    assert not missing, f"actions with no expected roles in this test: {sorted(missing)}"
    problems = []
    for action in sorted(name for name in _ACTIONS if not name.startswith("test.")):
        obj = _object_for(world, action)
        for role in ROLES:
            may = permission_has(user=world.users[role], action=action, place=world.place, obj=obj)
            if may != (role in ALLOWED[action]):
                problems.append(f"{action:28} {role:13} may={may}")
    assert not problems, "\n".join(["action / role / answer:", *problems])


def _the_action_objects_refuse_object_by_object(world: World) -> None:
    # The council's editor cannot report on the other partner's milestone, nor approve.
    with pytest.raises(PermissionDenied):
        SubmitUpdate(
            user=world.users["editor"],
            place=world.place,
            milestone=world.other_milestone,
            status="on_track",
        ).execute()
    for role in ("editor", "other_editor", "scrutiny", "outsider"):
        with pytest.raises(PermissionDenied):
            ApproveUpdate(
                user=world.users[role], place=world.place, update=world.council_update
            ).execute()
    world.council_update.refresh_from_db()
    assert world.council_update.state == UpdateState.SUBMITTED
    assert world.council_update.published_at is None
    # An officer may; only then is it public.
    ApproveUpdate(
        user=world.users["officer"], place=world.place, update=world.council_update
    ).execute()
    page = Client().get(f"/places/stockport/milestones/{world.council_milestone.key}/")
    assert COUNCIL_SECRET in page.content.decode()


def test_permission_walk() -> None:
    """One walk on one world: the example takes seconds to prepare, so it is prepared once."""
    world = _world()
    _every_page_for_every_role(world)
    _every_action_for_every_role(world)
    _the_other_partners_update_is_refused_by_url_and_api(world)
    _the_action_objects_refuse_object_by_object(world)  # last: it publishes the council's update
