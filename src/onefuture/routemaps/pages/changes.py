"""'What changed since' a date: the published updates since then, and each status change, in
words. Only published updates count (a submitted or returned one never appears)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onefuture.places.models import Place
from onefuture.routemaps.selectors.updates import update_list_published
from onefuture.routemaps.vocabulary import MILESTONE_STATUS, StatusWords

#: How far back the page looks when no date is chosen.
DEFAULT_MONTHS = 3


def default_since(today: dt.date) -> dt.date:
    """The same day :data:`DEFAULT_MONTHS` months before ``today`` (the month's last day if
    shorter)."""
    month = today.month - DEFAULT_MONTHS
    year = today.year
    while month < 1:
        month += 12
        year -= 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, 28)  # pragma: no cover


@dataclass(frozen=True)
class Change:
    """One published update, in words."""

    published_on: dt.date
    milestone_key: str
    milestone_title: str
    big_thing_title: str
    words: StatusWords
    changed_from: StatusWords | None
    no_change: bool
    narrative: str
    sentence: str
    illustrative: bool


@dataclass(frozen=True)
class ChangesPage:
    since: dt.date
    changes: tuple[Change, ...]
    status_changes: int


def _sentence(title: str, words: StatusWords, before: StatusWords | None, no_change: bool) -> str:
    if before is not None:
        return f"{title} moved from {before.label.lower()} to {words.label.lower()}."
    if no_change:
        return f"{title} was confirmed as {words.label.lower()}, with no change since last time."
    return f"{title} reported again as {words.label.lower()}."


def changes_page(*, place: Place, since: dt.date) -> ChangesPage:
    """Every milestone update published on or after ``since``, newest first."""
    updates = [u for u in update_list_published(place=place) if u.milestone_id is not None]
    previous: dict[int, str] = {}
    changes = []
    for update in sorted(updates, key=lambda u: (u.published_at or u.created_at, u.id)):
        milestone = update.milestone
        before = previous.get(milestone.pk, milestone.status)
        previous[milestone.pk] = update.status
        published_on = (update.published_at or update.created_at).date()
        if published_on < since:
            continue
        words = MILESTONE_STATUS[update.status]
        changed = MILESTONE_STATUS[before] if before != update.status else None
        changes.append(
            Change(
                published_on=published_on,
                milestone_key=milestone.key,
                milestone_title=milestone.title,
                big_thing_title=milestone.routemap.big_thing.title,
                words=words,
                changed_from=changed,
                no_change=update.no_change,
                narrative=update.narrative,
                sentence=_sentence(milestone.title, words, changed, update.no_change),
                illustrative=milestone.illustrative,
            )
        )
    changes.reverse()
    return ChangesPage(
        since=since,
        changes=tuple(changes),
        status_changes=sum(1 for c in changes if c.changed_from is not None),
    )
