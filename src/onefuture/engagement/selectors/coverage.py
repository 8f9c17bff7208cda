"""Who we heard from: comments and people by stakeholder group, ward and age band, against the
population where it is known (ADR 0033).

Counts only — never a comment's words — so coverage may be public. Every comment counts as a
voice whatever its redaction or publication state (those decide whether its *words* may be
shown, not whether the person was heard). Two figures are kept apart and always labelled:

- **people who commented**: distinct respondents (a comment with no respondent id is its own
  person), and
- **people at events**: the sum of the events' head counts (``Event.people_count``), which
  overlaps with the first and is never added to it.

A count from 1 to ``suppress_below - 1`` is shown as "fewer than N" (and a rate made from it is
not shown), so a small group cannot be picked out; a zero is shown as a gap, named in words.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum

from onefuture.engagement.models import (
    Comment,
    EngagementSettings,
    Event,
    PopulationFigure,
    StakeholderGroup,
)
from onefuture.places.models import AreaType, Place

DEFAULT_SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class Count:
    """A count as the public may see it: ``value`` is None when it is suppressed."""

    value: int | None
    words: str

    @property
    def suppressed(self) -> bool:
        return self.value is None


def count_shown(value: int, suppress_below: int) -> Count:
    """``value`` as shown: "fewer than N" from 1 to N-1, else the number."""
    if 0 < value < suppress_below:
        return Count(None, f"fewer than {suppress_below}")
    return Count(value, f"{value:,}")


@dataclass(frozen=True)
class CoverageRow:
    """One group, ward or age band: its comments and people, and its population if known."""

    key: str
    name: str
    comments: Count
    people: Count
    population: int | None = None
    population_source: str = ""
    #: Voices (people who commented) per 1,000 residents; None when unknown or suppressed.
    per_1000: float | None = None
    code: str = ""

    @property
    def heard(self) -> bool:
        return self.comments.value != 0

    @property
    def per_1000_words(self) -> str:
        if self.per_1000 is not None:
            return f"{self.per_1000:.1f}"
        if self.population is None:
            return "population not known"
        return "not shown (too few to show)" if self.people.suppressed else "0.0"


@dataclass(frozen=True)
class Coverage:
    """A place's coverage: totals, the three breakdowns and the gaps in words."""

    suppress_below: int
    events: int
    comments: Count
    people: Count
    people_at_events: int
    events_counted: int
    by_group: tuple[CoverageRow, ...]
    by_ward: tuple[CoverageRow, ...]
    by_age_band: tuple[CoverageRow, ...]
    population_sources: tuple[str, ...]

    @property
    def groups_without(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.by_group if not r.heard and r.key)

    @property
    def wards_without(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.by_ward if not r.heard and r.key)

    @property
    def age_bands_without(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.by_age_band if not r.heard and r.key)

    @property
    def gaps(self) -> tuple[str, ...]:
        """Each gap as a sentence ("No comments yet from: Heald Green, Offerton.")."""
        found = []
        for what, names in (
            ("groups", self.groups_without),
            ("wards", self.wards_without),
            ("age bands", self.age_bands_without),
        ):
            if names:
                found.append(f"No comments yet from these {what}: {', '.join(names)}.")
        return tuple(found)


def suppress_below_for(*, place: Place) -> int:
    found = EngagementSettings.objects.filter(place=place).values_list("suppress_below", flat=True)
    value = next(iter(found), None)
    return value if value else DEFAULT_SUPPRESS_BELOW


def _age_bands(place: Place) -> list[dict]:
    found = EngagementSettings.objects.filter(place=place).values_list("age_bands", flat=True)
    return list(next(iter(found), None) or [])


def _tally(rows, key_index: int) -> tuple[dict, dict]:
    """``({key: comments}, {key: people})`` from (group, ward, age band, respondent) rows."""
    comments: dict = defaultdict(int)
    respondents: dict = defaultdict(set)
    anonymous: dict = defaultdict(int)
    for row in rows:
        key = row[key_index]
        comments[key] += 1
        if row[3]:
            respondents[key].add(row[3])
        else:
            anonymous[key] += 1
    people = {k: len(respondents[k]) + anonymous[k] for k in comments}
    return comments, people


def _rate(people: int, population: int | None, suppress_below: int) -> float | None:
    if not population or 0 < people < suppress_below:
        return None
    return round(people * 1000 / population, 1)


def coverage(*, place: Place, comment_ids: set[int] | None = None) -> Coverage:
    """The place's coverage (or that of the comments ``comment_ids``, e.g. one theme's)."""
    limit = suppress_below_for(place=place)
    comments = Comment.objects.filter(place=place)
    if comment_ids is not None:
        comments = comments.filter(pk__in=comment_ids)
    rows = list(comments.values_list("group__key", "ward__code", "age_band", "respondent"))

    events = Event.objects.filter(place=place)
    head = events.aggregate(n=Sum("people_count"))

    populations = list(
        PopulationFigure.objects.filter(place=place).values_list(
            "area__code", "age_band", "population", "source"
        )
    )
    ward_population = {code: (n, src) for code, band, n, src in populations if not band}
    band_population: dict[str, int] = defaultdict(int)
    for _code, band, n, _src in populations:
        if band:
            band_population[band] += n

    def rows_for(index, items):
        counts, people = _tally(rows, index)
        out = []
        for key, name, code, population, source in items:
            c, p = counts.get(key, 0), people.get(key, 0)
            out.append(
                CoverageRow(
                    key=key or "",
                    name=name,
                    comments=count_shown(c, limit),
                    people=count_shown(p, limit),
                    population=population,
                    population_source=source,
                    per_1000=_rate(p, population, limit),
                    code=code,
                )
            )
        if counts.get(None, 0) or counts.get("", 0):
            c = counts.get(None, 0) + counts.get("", 0)
            p = people.get(None, 0) + people.get("", 0)
            out.append(
                CoverageRow(
                    key="", name="Not known", comments=count_shown(c, limit),
                    people=count_shown(p, limit),
                )
            )  # fmt: skip
        return tuple(out)

    groups = [
        (g.key, g.name, "", None, "")
        for g in StakeholderGroup.objects.filter(place=place).order_by("order", "name")
    ]
    wards = [
        (a.code, a.name, a.code, *ward_population.get(a.code, (None, "")))
        for a in place.areas.filter(type=AreaType.WARD).order_by("name")
    ]
    bands = [
        (b["key"], b.get("name", b["key"]), "", band_population.get(b["key"]), "")
        for b in _age_bands(place)
    ]
    total_comments = len(rows)
    _, total_people = _tally([(None, None, None, r[3]) for r in rows], 0)
    return Coverage(
        suppress_below=limit,
        events=events.count(),
        comments=count_shown(total_comments, limit),
        people=count_shown(total_people.get(None, 0), limit),
        people_at_events=head["n"] or 0,
        events_counted=events.filter(people_count__isnull=False).count(),
        by_group=rows_for(0, groups),
        by_ward=rows_for(1, wards),
        by_age_band=rows_for(2, bands),
        population_sources=tuple(sorted({src for *_x, src in populations if src})),
    )
