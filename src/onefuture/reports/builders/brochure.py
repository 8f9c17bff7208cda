"""The public brochure: the vision, the big things with their outcomes by the horizon, each
routemap at a glance, headline measures in words with a small chart, and a call to partners.

:func:`brochure_build` composes other apps' page builders (it reads no model itself) into a
tree of frozen dataclasses of plain values. The same tree is drawn as the site's HTML page
(``/brochure/``, the accessible original) and as the designed PDF
(:mod:`onefuture.reports.render.brochure_pdf`). Only public things are in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from onefuture.framework.selectors import big_thing_list, vision_get
from onefuture.measures.pages.charts import measure_charts
from onefuture.measures.pages.summaries import big_thing_measures
from onefuture.measures.selectors import measure_detail
from onefuture.places.models import Place
from onefuture.routemaps.pages.panels import big_thing_routemap

#: How many measures each big thing shows (its first ones, in the plan's order).
HEADLINE_MEASURES = 2

#: The assessment a headline shows first: progress to the target, then the comparison, then
#: the trend (the first of them that has been assessed).
_ASSESSMENT_ORDER = ("progress", "comparison", "trend", "trajectory")


@dataclass(frozen=True)
class HeadlineChart:
    """A measure's trend chart: where the site serves it, its text alternative and (for the
    PDF and slides, drawn by vl-convert from the site's own spec) its PNG."""

    slug: str
    title: str
    alt: str
    png: bytes = b""
    width_px: int = 0
    height_px: int = 0


@dataclass(frozen=True)
class HeadlineMeasure:
    key: str
    title: str
    value: str
    period: str
    assessment: str
    assessment_colour: str
    target: str
    chart: HeadlineChart | None
    illustrative: bool

    @property
    def sentence(self) -> str:
        """The measure in one sentence of words (what slides' notes and alt text carry)."""
        value = f"{self.value} in {self.period}" if self.period else self.value
        target = f"; the target is {self.target}" if self.target else ""
        return f"{self.title}: {value}{target}. {self.assessment}."


@dataclass(frozen=True)
class NextMilestone:
    key: str
    title: str
    due_date: dt.date
    status: str
    illustrative: bool


@dataclass(frozen=True)
class StatusCount:
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class RoutemapGlance:
    title: str
    overall: str
    statuses: tuple[StatusCount, ...]
    next_milestones: tuple[NextMilestone, ...]
    count: int


@dataclass(frozen=True)
class BrochureBigThing:
    number: int
    key: str
    title: str
    summary: str
    outcomes: tuple[str, ...]
    routemap: RoutemapGlance | None
    measures: tuple[HeadlineMeasure, ...]
    illustrative: bool


@dataclass(frozen=True)
class CallToCommit:
    heading: str
    text: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Brochure:
    place_name: str
    title: str
    vision_title: str
    vision_statement: str
    horizon_year: int
    big_things: tuple[BrochureBigThing, ...]
    call: CallToCommit
    made_on: dt.date
    illustrative: bool
    rule: str
    language: str = "en-GB"

    @property
    def key(self) -> str:
        """A content hash of the brochure's words and numbers (the PDF's ETag and cache key)."""
        return hashlib.sha256(repr(self).encode()).hexdigest()[:32]


def _call(place_name: str, big_thing_word: str) -> CallToCommit:
    return CallToCommit(
        heading="Commit to the plan with us",
        text=(
            f"Every {big_thing_word} is delivered by partners across {place_name}: public "
            "services, businesses, the voluntary and community sector and residents. We ask "
            "every partner to commit to a milestone on a routemap."
        ),
        steps=(
            "Read the routemaps and choose the milestones your organisation can lead or help "
            "deliver.",
            "Contact the strategy team, who will invite your organisation to commit to them.",
            "Answer the invitation in the staff workspace (sign in as your organisation's "
            "partner editor): say what you will do and by when.",
            "Once the commitment is agreed your organisation is named as a lead on the "
            "milestone's public page, and you report progress on it each period.",
        ),
    )


def _headline(place: Place, row, *, images: bool) -> HeadlineMeasure:
    measure = row.measure
    status = next(
        (s for s in (getattr(row, kind) for kind in _ASSESSMENT_ORDER) if s.text != "Not assessed"),
        row.progress,
    )
    chart = None
    if row.latest is not None:
        found = measure_charts(measure=measure_detail(place=place, key=measure.key), only="trend")
        if found:
            c = found[0]
            alt = (
                c.alt
                if (not c.illustrative or "llustrative" in c.alt)
                else f"Illustrative. {c.alt}"
            )
            png, width, height = b"", 0, 0
            if images:
                from onefuture.reports.images import chart_figure

                figure = chart_figure(c, scale=1.5)
                png, width, height = figure.png, figure.width_px, figure.height_px
            chart = HeadlineChart(c.slug, c.title, alt, png, width, height)
    return HeadlineMeasure(
        key=measure.key,
        title=measure.title,
        value=row.latest.text if row.latest else "No data yet",
        period=row.latest.period if row.latest else "",
        assessment=status.text,
        assessment_colour=status.colour,
        target=f"{row.target.text} by {row.target.period}" if row.target else "",
        chart=chart,
        illustrative=bool(row.illustrative or status.illustrative),
    )


def _glance(big_thing, today: dt.date) -> RoutemapGlance | None:
    found = big_thing_routemap(big_thing=big_thing, today=today)
    if found is None:
        return None
    return RoutemapGlance(
        title=found.title,
        overall=found.rollup.overall,
        statuses=tuple(
            StatusCount(s.words.label, s.words.colour, s.count) for s in found.rollup.present
        ),
        next_milestones=tuple(
            NextMilestone(m.key, m.title, m.due_date, m.words.label, m.illustrative)
            for m in found.next_due
        ),
        count=found.count,
    )


def brochure_build(
    *, place: Place, date: dt.date | None = None, since: dt.date | None = None, images: bool = True
) -> Brochure:
    """The brochure of ``place`` as of ``date`` (today by default).

    ``images`` draws each headline chart to PNG (the PDF and the slides need it; the HTML page
    links the site's own SVG of the same chart instead). ``since`` is accepted for the report
    registry's signature and not used: a brochure says where things stand, not what changed.
    """
    today = date or dt.date.today()
    terms = place.terms
    big_thing_word = terms["big_thing"]["singular"].lower() if terms else "big thing"
    vision = vision_get(place=place)
    big_things = []
    for number, b in enumerate(big_thing_list(place=place), start=1):
        rows = big_thing_measures(place=place, big_thing=b).rows
        with_data = [r for r in rows if r.latest is not None] or list(rows)
        measures = tuple(_headline(place, r, images=images) for r in with_data[:HEADLINE_MEASURES])
        big_things.append(
            BrochureBigThing(
                number=number,
                key=b.key,
                title=b.title,
                summary=b.summary,
                outcomes=tuple(o.statement for o in b.outcomes.all()),
                routemap=_glance(b, today),
                measures=measures,
                illustrative=bool(
                    b.illustrative
                    or b.summary_illustrative
                    or any(m.illustrative for m in measures)
                ),
            )
        )
    from onefuture.routemaps.rollup import RULE

    return Brochure(
        place_name=place.name,
        title=vision.title if vision else f"{place.name}: our plan",
        vision_title=vision.title if vision else "",
        vision_statement=vision.statement if vision else "",
        horizon_year=vision.horizon_year if vision else today.year,
        big_things=tuple(big_things),
        call=_call(place.name, big_thing_word),
        made_on=today,
        illustrative=bool(
            (vision and vision.illustrative) or any(b.illustrative for b in big_things)
        ),
        rule=RULE,
    )
