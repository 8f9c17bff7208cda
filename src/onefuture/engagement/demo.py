"""The Stockport example's engagement (a ``DemoStep`` after the measures, plan and commitments).

Illustrative throughout, and labelled so: the events are real occasions named in the council's
papers (``examples/stockport/engagement/events.yaml``, with sources), but what the example
records of them is invented, and the comments are the Bowling Green Polis conversation's texts
(``comments.csv``, CC BY 4.0, attributed on the engagement pages), spread across the events,
groups, wards and age bands so that coverage, the review queue and themes have something real to
work on. Every write goes through the services, as the engagement officer and the strategy
officer of the demo logins, so each record's history says who did it:

1. the events, then the comments (some consented, some with a ward and an age band; three wards
   left unheard so the coverage page names gaps);
2. the redaction checked for all but :data:`PENDING` comments (the review queue has work), two
   withheld with a reason;
3. one theme run on the consultation's checked comments; the themes the analyst recognises
   (``themes.yaml``: by their first keywords) renamed, mapped to a big thing and confirmed, the
   rest left proposed;
4. published responses to :data:`RESPONSES` themes, each linked to a milestone and a measure.

Idempotent: once the place has engagement events nothing is added.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone

#: Comments whose redaction is left for a person to check.
PENDING = 15
#: Comments withheld after review, with the reason.
WITHHELD = 2
#: Confirmed themes given a published response.
RESPONSES = 4
#: Wards the example hears nothing from (so the coverage page names its gaps).
UNHEARD_WARDS = ("E05015018", "E05015025", "E05015033")
_YOUTH_BANDS = ("under-16", "16-24")
_ADULT_BANDS = ("25-44", "45-64", "65-74", "75-plus")
_ILLUSTRATIVE = "Illustrative example: "


def _user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _events_file(example_dir: Path) -> list[dict[str, Any]]:
    path = example_dir / "engagement" / "events.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["events"]


def _comments_file(example_dir: Path) -> list[dict[str, str]]:
    path = example_dir / "engagement" / "comments.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _names_file(example_dir: Path) -> list[dict[str, Any]]:
    path = example_dir / "engagement" / "themes.yaml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8"))["themes"]


def _analyst_name(keywords: list[str], names: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The analyst's name for a theme whose first keywords are ``keywords`` (or None)."""
    for entry in names:
        if any(word in entry["match"] for word in keywords):
            return entry
    return None


def example_engagement_load(example_dir: Path) -> str:
    from onefuture.engagement.models import Comment
    from onefuture.engagement.selectors import capture as selectors
    from onefuture.engagement.selectors.responses import measure_choices, milestone_choices
    from onefuture.engagement.selectors.themes import scope_get, themes_with_counts
    from onefuture.engagement.services.capture import comments_add_many, event_save
    from onefuture.engagement.services.redaction import comment_withhold, redaction_confirm
    from onefuture.engagement.services.responses import response_publish, response_save
    from onefuture.engagement.services.themes import (
        theme_big_things_set,
        theme_confirm,
        theme_rename,
        theme_run_create,
        theme_run_execute,
    )
    from onefuture.framework.demo import DEMO_LOGINS, _example_place, demo_logins_ensure

    place = _example_place(example_dir)
    if place is None or not (example_dir / "engagement" / "events.yaml").exists():
        return "No example engagement to load; skipped."
    if selectors.event_count(place=place):
        return f"Example engagement for {place.name} already loaded; left as it is."
    consultations = selectors.consultations_of(place=place)
    if not consultations:
        return "The example framework has no consultation; engagement skipped."
    consultation = consultations[0]

    demo_logins_ensure(example_dir=example_dir)
    by_role = {login.role: login.username for login in DEMO_LOGINS}
    officer = _user(by_role["engagement officer"])
    strategist = _user(by_role["strategy officer"])

    groups = {g.key: g for g in selectors.groups_of(place=place)}
    areas = selectors.areas_by_code(place=place)
    wards = [w for w in selectors.wards_of(place=place) if w.code not in UNHEARD_WARDS]
    big_things = {b.key: b for b in selectors.big_things_of(place=place)}

    events = []
    for entry in _events_file(example_dir):
        notes = entry.get("notes", "")
        if entry.get("source"):
            notes = f"{notes} Source: {entry['source']}".strip()
        event = event_save(
            user=officer,
            place=place,
            title=entry["title"],
            kind=entry["kind"],
            date=dt.date.fromisoformat(entry["date"]),
            venue=entry.get("venue", ""),
            ward=areas.get(entry.get("ward", "")),
            organiser=entry.get("organiser", ""),
            people_count=entry.get("people_count"),
            notes=notes,
            consultation=consultation,
            illustrative=True,
            groups=[groups[k] for k in entry.get("groups", [])],
            big_things=[big_things[k] for k in entry.get("big_things", [])],
        )
        events.append((event, entry, [big_things[k] for k in entry.get("big_things", [])]))

    rows = []
    for i, found in enumerate(_comments_file(example_dir)):
        event, entry, discussed = events[i % len(events)]
        keys = entry.get("groups") or ["residents"]
        youth = "young-people" in keys
        ward = event.ward or (wards[(i * 7) % len(wards)] if i % 4 else None)
        bands = _YOUTH_BANDS if youth else _ADULT_BANDS
        received = dt.datetime.combine(event.date, dt.time(12, 0), tzinfo=dt.UTC)
        rows.append(
            {
                "text": found["text"],
                "event": event,
                "consultation": consultation,
                "group": groups[keys[i % len(keys)]],
                "ward": ward,
                "age_band": bands[i % len(bands)] if i % 3 else "",
                "consent_publish": i % 20 != 0,
                "respondent": f"example-{found['source_id']}",
                "big_things": discussed,
                "received_at": received,
                "illustrative": True,
            }
        )
    comments = comments_add_many(user=officer, place=place, rows=rows)

    withheld = 0
    for n, comment in enumerate(comments):
        if n >= len(comments) - PENDING:
            break
        comment = redaction_confirm(user=officer, place=place, comment=comment)
        if withheld < WITHHELD and n % 97 == 50:
            comment_withhold(
                user=officer,
                place=place,
                comment=comment,
                reason=_ILLUSTRATIVE + "it names a person's situation in a way they could be known",
            )
            withheld += 1

    run = theme_run_create(place=place, consultation=consultation, created_by=officer)
    theme_run_execute(run=run)
    scope = scope_get(place=place, consultation=consultation.key)
    themes = sorted(themes_with_counts(scope=scope), key=lambda t: (-t.comment_count, t.key))
    confirmed, used = [], set()
    for theme in themes:
        named = _analyst_name(theme.keywords[:3], _names_file(example_dir))
        if named is None or named["name"] in used:
            continue
        used.add(named["name"])
        theme = theme_rename(user=officer, place=place, theme=theme, name=named["name"])
        if named.get("big_thing") in big_things:
            theme_big_things_set(
                user=officer, place=place, theme=theme, big_things=[big_things[named["big_thing"]]]
            )
        confirmed.append(theme_confirm(user=officer, place=place, theme=theme))
    if not confirmed:  # discovery found other themes here: confirm the largest as they are
        confirmed = [theme_confirm(user=officer, place=place, theme=t) for t in themes[:6]]

    milestones = list(milestone_choices(place=place).select_related("routemap__big_thing"))
    measures = list(measure_choices(place=place).prefetch_related("big_things"))
    today = timezone.localdate()
    for n, theme in enumerate(confirmed[:RESPONSES]):
        # The analyst's big thing, else the one most of the theme's comments were about.
        about = theme.big_things.first()
        if about is None:
            keys = Counter(
                Comment.objects.filter(theme_links__theme=theme)
                .exclude(big_things=None)
                .values_list("big_things__key", flat=True)
            )
            about = big_things.get(keys.most_common(1)[0][0]) if keys else None
            if about is not None:
                theme_big_things_set(user=officer, place=place, theme=theme, big_things=[about])
        near_m = [m for m in milestones if about and m.routemap.big_thing_id == about.pk]
        near_s = [s for s in measures if about and about in s.big_things.all()]
        pool_m, pool_s = near_m or milestones, near_s or measures
        milestone = pool_m[n % len(pool_m)] if pool_m else None
        measure = pool_s[n % len(pool_s)] if pool_s else None
        response = response_save(
            user=strategist,
            place=place,
            theme=theme,
            summary=(
                f"{_ILLUSTRATIVE}the partners took “{theme.name}” into the routemap: "
                + (f"the milestone “{milestone.title}” " if milestone else "")
                + (f"and the measure “{measure.title}” track it." if measure else "track it.")
            ),
            status="decided" if n % 2 == 0 else "delivering",
            decided_on=today - dt.timedelta(days=30 * (n + 1)),
            milestones=[milestone] if milestone else [],
            measures=[measure] if measure else [],
        )
        response_publish(user=strategist, place=place, response=response)

    return (
        f"Loaded {len(events)} illustrative engagement events and {len(comments)} comments "
        f"for {place.name} ({PENDING} left to check, {withheld} withheld); "
        f"{len(themes)} themes found, {len(confirmed)} confirmed, "
        f"{min(RESPONSES, len(confirmed))} answered."
    )
