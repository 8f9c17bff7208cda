"""The demo's reporting periods and updates (a ``DemoStep`` after the plan and commitments).

Quarterly reporting periods from April 2024 to the current quarter, the past ones (whose due
date has passed) locked; on the example's milestones, a few published updates, one waiting for
approval and one returned with a comment. Every narrative is invented and says so
("Illustrative example: …"); the statuses are the planned ones or plausible ones, never a claim
about the real projects. Idempotent: once the demo's updates exist (``origin="demo"``) nothing
is added.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from onefuture.routemaps.actions.updates import ApproveUpdate, ReturnUpdate, SubmitUpdate
from onefuture.routemaps.models import Update
from onefuture.routemaps.selectors.updates import milestones_of
from onefuture.routemaps.services.periods import period_lock, periods_quarterly_ensure

#: The first quarter with reporting periods: the vision's first year.
FIRST_QUARTER = datetime.date(2024, 4, 1)

_ILLUSTRATIVE = "Illustrative example: "

#: (status, narrative) of the published updates, in turn, on the earliest milestones.
_PUBLISHED = [
    ("on_track", "the work is running to the timetable the partners agreed."),
    ("at_risk", "costs have risen since the business case; the partners are reviewing scope."),
    ("on_track", "the first phase is complete and the second has started."),
    ("complete", "this step was completed and reported to the board."),
]


def _example_place(example_dir: Path):  # -> Place | None
    from onefuture.framework.services import framework_parse
    from onefuture.places.selectors import place_resolve

    path = example_dir / "framework.yaml"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    slug = framework_parse(text=text, source=str(path), base_dir=path.parent)["place"]["slug"]
    try:
        return place_resolve(slug=slug)
    except Exception:  # the place is not loaded: nothing to do
        return None


def _submit(place, milestone, period, status, narrative, origin="demo") -> Update:
    return SubmitUpdate(
        user=None,
        place=place,
        milestone=milestone,
        period=period,
        status=status,
        narrative=_ILLUSTRATIVE + narrative,
        origin=origin,
    ).execute()


@transaction.atomic
def example_updates_load(example_dir: Path) -> str:
    """Create the demo's periods and updates once; returns one line for the console."""
    place = _example_place(example_dir)
    if place is None:
        return "No example place loaded; no reporting periods or updates added."
    today = timezone.localdate()
    periods = periods_quarterly_ensure(place=place, since=FIRST_QUARTER, today=today)
    if Update.objects.filter(place=place, origin="demo").exists():
        return f"Example updates for {place.name} already loaded ({len(periods)} periods)."
    milestones = milestones_of(place=place)
    if not milestones:
        return f"{place.name} has no milestones; {len(periods)} reporting periods added."
    past = [p for p in periods if p.due < today]
    current = periods[-1]
    published = 0
    # Published updates in past quarters, approved by the system (the demo's officer).
    for index, (status, narrative) in enumerate(_PUBLISHED):
        if index >= len(milestones) - 2:
            break
        period = past[-1 - (index % max(len(past), 1))] if past else current
        update = _submit(place, milestones[index], period, status, narrative)
        ApproveUpdate(user=None, place=place, update=update).execute()
        published += 1
    # One waiting for approval and one returned, in the current quarter, on milestones the demo
    # partner editor's organisation (the place's first partner) leads where there are some.
    rest = milestones[published:]
    from onefuture.partners.models import Partner

    first = Partner.objects.filter(place=place).first()
    led = [m for m in rest if m.lead_partners.exists()]
    ours = [m for m in led if first is not None and first in m.lead_partners.all()]
    waiting_on = (ours or led or rest)[0]
    _submit(
        place,
        waiting_on,
        current,
        "off_track",
        "the contractor has asked for six more months; a revised timetable is being agreed.",
    )
    returned_on = next((m for m in rest if m != waiting_on), None)
    returned = 0
    if returned_on is not None:
        update = _submit(place, returned_on, current, "on_track", "progress is as planned.")
        ReturnUpdate(
            user=None,
            place=place,
            update=update,
            comment="Illustrative example: please add a link to the latest board report.",
        ).execute()
        returned = 1
    locked = 0
    for period in past:
        if not period.locked:
            period_lock(period=period, user=None)
            locked += 1
    return (
        f"Added {len(periods)} reporting periods ({locked} past ones locked) and illustrative "
        f"updates for {place.name}: {published} published, 1 waiting for approval, "
        f"{returned} returned."
    )
