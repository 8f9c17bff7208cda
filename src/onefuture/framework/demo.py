"""Services that prepare a development database with the Stockport example and demo logins.

``demo_prepare()`` runs an ordered list of steps; ``make run`` calls it (through
``onefuture demo``) before serving, every time, so each step must be idempotent: re-running
changes nothing and duplicates nothing.

Built-in steps (by order):

- 10 ``database``: apply migrations;
- 20 ``framework``: load ``examples/stockport/framework.yaml`` through the same loader as
  ``onefuture framework load``, once: when the file's place is already in the database it is left
  as it is, so what an officer changed in the admin survives the next ``make run`` (reload the
  file on purpose with ``onefuture framework load``);
- 90 ``logins``: create the fixed demo logins (development only), one per role, each with a
  membership of the example place (the partner editor's for the example's first partner).

ADD A STEP (e.g. loading ``examples/stockport/data/*.csv`` after the framework) from your app's
``AppConfig.ready()``, without editing this file::

    from onefuture.framework.demo import DemoStep, demo_step_register
    demo_step_register(DemoStep(order=30, name="measures data", run=load_example_data))

where ``run(example_dir: Path) -> str`` does its work idempotently and returns one line for the
console ("Loaded 12 measures, 3,400 data points" / "Example data already loaded").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import transaction

from onefuture.core.errors import ApplicationError

EXAMPLE_DIR = Path(settings.BASE_DIR) / "examples" / "stockport"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    superuser: bool
    #: apps whose models this role may view, add, change and delete in the admin
    apps: tuple[str, ...] = ()
    #: the membership's role in the example place (onefuture.core.models.Role)
    membership: str = ""


#: The fixed demo logins printed by ``make run``. Development only: demo_prepare refuses to run
#: with ONEFUTURE_ENV=production. Each is staff (the admin's login page is the site's) and
#: holds a membership of the example place, which is what the permission check reads.
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "administrator", "admin", "onefuture-demo", superuser=True, membership="administrator"
    ),
    DemoLogin(
        "strategy officer",
        "officer",
        "onefuture-demo",
        superuser=False,
        apps=("places", "framework", "partners", "measures"),
        membership="strategy_officer",
    ),
    DemoLogin(
        "partner editor", "editor", "onefuture-demo", superuser=False, membership="partner_editor"
    ),
    DemoLogin(
        "scrutiny member",
        "scrutiny",
        "onefuture-demo",
        superuser=False,
        membership="scrutiny_member",
    ),
    DemoLogin(
        "engagement officer",
        "engagement",
        "onefuture-demo",
        superuser=False,
        membership="engagement_officer",
    ),
)


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    run: Callable[[Path], str]


_STEPS: dict[str, DemoStep] = {}


def demo_step_register(step: DemoStep) -> None:
    """Add a step to ``demo_prepare`` (registering the same name again replaces it)."""
    _STEPS[step.name] = step


def demo_step_list() -> list[DemoStep]:
    return sorted(_STEPS.values(), key=lambda s: (s.order, s.name))


class DemoError(ApplicationError):
    """The demo cannot be prepared here (e.g. in production); the message says why."""


def _migrate(example_dir: Path) -> str:
    call_command("migrate", interactive=False, verbosity=0)
    database = settings.DATABASES["default"]
    return f"Database ready ({database['ENGINE'].rsplit('.', 1)[-1]}: {database['NAME']})."


def _load_framework(example_dir: Path) -> str:
    from onefuture.framework.services import framework_load, framework_parse
    from onefuture.places.models import Place

    path = example_dir / "framework.yaml"
    if not path.exists():
        return f"No example framework at {path}; skipped."
    text = path.read_text(encoding="utf-8")
    slug = framework_parse(text=text, source=str(path), base_dir=path.parent)["place"]["slug"]
    place = Place.objects.filter(slug=slug).first()
    if place is not None:
        # Loading again would undo every change made in the admin since: keep them.
        return (
            f"Example {place.name} already loaded; left as it is, with any changes made since "
            f"(to load the file again: onefuture framework load {path})."
        )
    report = framework_load(path=path)
    return f"Loaded {report.place.name} from {path}: " + "; ".join(report.lines()) + "."


def _example_place(example_dir: Path):  # -> Place | None
    from onefuture.framework.services import framework_parse
    from onefuture.places.models import Place

    path = example_dir / "framework.yaml"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    slug = framework_parse(text=text, source=str(path), base_dir=path.parent)["place"]["slug"]
    return Place.objects.filter(slug=slug).first()


@transaction.atomic
def demo_logins_ensure(*, example_dir: Path = EXAMPLE_DIR) -> list[DemoLogin]:
    """Create (or repair) the demo logins; a login that already works is left untouched.

    Each gets its role in the example place (when it is loaded); the partner editor edits for
    the place's first partner.
    """
    from onefuture.core.services import membership_set
    from onefuture.partners.models import Partner

    user_model = get_user_model()
    place = _example_place(example_dir)
    partner = Partner.objects.filter(place=place).first() if place is not None else None
    for login in DEMO_LOGINS:
        user, _ = user_model.objects.get_or_create(username=login.username)
        fields = {"is_staff": True, "is_superuser": login.superuser, "is_active": True}
        changed = [name for name, value in fields.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, fields[name])
        if not user.check_password(login.password):
            user.set_password(login.password)
            changed.append("password")
        if changed:
            user.save()
        if login.apps:
            group, _ = Group.objects.get_or_create(name=login.role.capitalize() + "s")
            wanted = set(Permission.objects.filter(content_type__app_label__in=login.apps))
            if set(group.permissions.all()) != wanted:
                group.permissions.set(wanted)
            user.groups.add(group)
        if place is not None and login.membership:
            tied = partner if login.membership == "partner_editor" else None
            if login.membership != "partner_editor" or tied is not None:
                membership_set(user=user, place=place, role=login.membership, partner=tied)
    return list(DEMO_LOGINS)


def _logins(example_dir: Path) -> str:
    from onefuture.core.models import Membership

    logins = demo_logins_ensure(example_dir=example_dir)
    roles = {
        m.user.username: str(m)
        for m in Membership.objects.filter(
            user__username__in=[login.username for login in logins]
        ).select_related("user", "place", "partner")
    }
    width = max(len(login.role) for login in logins)
    lines = [
        "Demo logins (development only): sign in at http://127.0.0.1:8000/sign-in/ "
        "for the workspace (the Django admin is at /admin/):"
    ]
    for login in logins:
        where = roles.get(login.username, "").split(" — ", 1)[-1]
        line = f"  {login.role:<{width}}  {login.username} / {login.password}"
        lines.append(f"{line}  ({where})" if where else line)
    return "\n".join(lines)


for _step in (
    DemoStep(10, "database", _migrate),
    DemoStep(20, "framework", _load_framework),
    DemoStep(90, "logins", _logins),
):
    demo_step_register(_step)


def demo_prepare(*, example_dir: Path = EXAMPLE_DIR) -> list[str]:
    """Run every demo step in order; return one message per step. Idempotent.

    Raises DemoError in production (the demo logins have published passwords).
    """
    if settings.PRODUCTION:
        raise DemoError(
            "The demo has published passwords and is for development only; "
            "it will not run with ONEFUTURE_ENV=production."
        )
    return [step.run(example_dir) for step in demo_step_list()]
