"""The presentation that accompanies the committee report, as a plain tree of slides.

The seed says the report "is accompanied by a presentation": the context, the purpose, what the
vision means by its horizon and the outcome of engagement. Then one slide per big thing with
its headline measures (a chart each, with alt text) and its routemap's status, and a closing
slide. Every slide's speaker notes carry its numbers in words. The tree is built from
:func:`~onefuture.reports.builders.brochure.brochure_build` (the same words and numbers as the
public brochure) and :func:`onefuture.engagement.selectors.report.engagement_report` (public
things only: counts, confirmed themes, published responses; never a comment's original text,
and no quotes at all).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onefuture.engagement.selectors.report import engagement_report
from onefuture.places.models import Place
from onefuture.reports.builders.brochure import Brochure, brochure_build


@dataclass(frozen=True)
class Picture:
    png: bytes
    alt: str
    title: str
    width_px: int
    height_px: int


@dataclass(frozen=True)
class Slide:
    kind: str  # "title", "text", "big_thing", "closing"
    title: str
    bullets: tuple[str, ...] = ()
    notes: str = ""
    pictures: tuple[Picture, ...] = ()
    big_thing_key: str = ""
    illustrative: bool = False


@dataclass(frozen=True)
class Presentation:
    title: str
    place_name: str
    made_on: dt.date
    slides: tuple[Slide, ...]
    illustrative: bool
    language: str = "en-GB"


def _engagement_slide(place: Place) -> Slide:
    report = engagement_report(place=place)
    cov = report.coverage
    bullets = [
        f"{cov.events} engagement events; {cov.comments.words} comments from "
        f"{cov.people.words} people.",
    ]
    themes = report.themes
    if themes:
        bullets.append(
            f"{len(themes)} themes confirmed: " + ", ".join(t.name for t in themes[:5]) + "."
        )
    answered = report.responses
    bullets.append(f"{len(answered)} of {len(themes)} themes have a published response.")
    if report.gaps:
        bullets.append("Who we have not yet heard from: " + "; ".join(report.gaps[:3]) + ".")
    notes = (
        f"Engagement so far: {cov.events} events, {cov.comments.words} comments and "
        f"{cov.people.words} people. {len(themes)} themes are confirmed and {len(answered)} "
        "have a published response. Counts below the suppression threshold are shown as "
        "'fewer than' to protect people's privacy."
    )
    return Slide(
        kind="text",
        title="The outcome of engagement",
        bullets=tuple(bullets),
        notes=notes,
        illustrative=report.illustrative,
    )


def _big_thing_slide(brochure: Brochure, b) -> Slide:
    bullets = []
    if b.routemap:
        bullets.append(f"Routemap: {b.routemap.overall}")
        for m in b.routemap.next_milestones[:2]:
            bullets.append(f"Next: {m.title}, due {m.due_date:%B %Y} ({m.status.lower()}).")
    else:
        bullets.append("Routemap: none published yet.")
    for m in b.measures:
        bullets.append(m.sentence)
    notes = [f"{b.title}: big thing {b.number} of {len(brochure.big_things)}."]
    if b.outcomes:
        notes.append(f"By {brochure.horizon_year}: " + " ".join(b.outcomes))
    if b.routemap:
        notes.append(f"The routemap has {b.routemap.count} milestones. {b.routemap.overall}")
    for m in b.measures:
        notes.append(m.sentence)
    if b.illustrative:
        notes.append("Some of this slide is illustrative example material.")
    pictures = tuple(
        Picture(m.chart.png, m.chart.alt, m.chart.title, m.chart.width_px, m.chart.height_px)
        for m in b.measures
        if m.chart and m.chart.png
    )
    return Slide(
        kind="big_thing",
        title=f"{b.number}. {b.title}",
        bullets=tuple(bullets),
        notes=" ".join(notes),
        pictures=pictures,
        big_thing_key=b.key,
        illustrative=b.illustrative,
    )


def presentation_build(
    *, place: Place, date: dt.date | None = None, since: dt.date | None = None
) -> Presentation:
    """The slides for ``place`` as of ``date`` (today by default)."""
    brochure = brochure_build(place=place, date=date)
    today = brochure.made_on
    titles = ", ".join(b.title for b in brochure.big_things)
    count = len(brochure.big_things)
    slides = [
        Slide(
            kind="title",
            title=brochure.title,
            bullets=(f"{brochure.place_name}: progress to {brochure.horizon_year}",),
            notes=f"A presentation to accompany the committee report, as of {today:%-d %B %Y}.",
            illustrative=brochure.illustrative,
        ),
        Slide(
            kind="text",
            title="The context",
            bullets=(
                f"{brochure.place_name}’s vision runs to {brochure.horizon_year}.",
                f"It has {count} big things: {titles}.",
                "Partners deliver it through routemaps of dated milestones; success measures "
                "show whether things are getting better.",
            ),
            notes=f"The vision has {count} big things and runs to {brochure.horizon_year}.",
        ),
        Slide(
            kind="text",
            title="The purpose",
            bullets=(
                "To update the committee on progress against the vision.",
                "To show each big thing’s headline measures and routemap status.",
                "To report the outcome of engagement and what is being done about it.",
            ),
            notes="The purpose of this presentation and of the report it accompanies.",
        ),
        Slide(
            kind="text",
            title=f"What the vision means by {brochure.horizon_year}",
            bullets=(brochure.vision_statement,) if brochure.vision_statement else (),
            notes=" ".join(
                f"{b.title}: " + " ".join(b.outcomes) for b in brochure.big_things if b.outcomes
            ),
        ),
        _engagement_slide(place),
    ]
    slides += [_big_thing_slide(brochure, b) for b in brochure.big_things]
    slides.append(
        Slide(
            kind="closing",
            title="Commit to the plan with us",
            bullets=(brochure.call.text, *brochure.call.steps[:2]),
            notes="Closing: questions, and how partners commit to the milestones.",
        )
    )
    return Presentation(
        title=brochure.title,
        place_name=brochure.place_name,
        made_on=today,
        slides=tuple(slides),
        illustrative=brochure.illustrative,
    )
