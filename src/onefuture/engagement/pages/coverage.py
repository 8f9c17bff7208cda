"""The coverage page: who we heard from, against population, with a ward map of voices per
1,000 residents (a chart with its table, CSV and static SVG, as the measure pages show one)."""

from __future__ import annotations

from dataclasses import dataclass

from onefuture.charts import Bar, Chart, ward_map
from onefuture.engagement.selectors.coverage import Coverage, coverage
from onefuture.places.models import AreaType, Place
from onefuture.places.selectors import area_boundaries

MAP_SLUG = "wards"


@dataclass(frozen=True)
class CoveragePage:
    coverage: Coverage
    charts: tuple[Chart, ...]


def _ward_map(place: Place, cover: Coverage) -> Chart | None:
    boundaries = area_boundaries(place=place, area_type=AreaType.WARD)
    if boundaries is None:
        return None
    known = boundaries.codes
    # Every mapped ward, those without a rate (too few voices, no population) as gaps in grey.
    wards = [
        Bar(row.name, row.per_1000, code=row.code) for row in cover.by_ward if row.code in known
    ]
    if not wards:
        return None
    notes = [
        "Voices: people who commented (each respondent once), not people at events. Wards "
        f"with fewer than {cover.suppress_below} voices, or no population figure, are grey."
    ]
    if cover.population_sources:
        notes.append(f"Population: {'; '.join(cover.population_sources)}.")
    if boundaries.note:
        notes.append(boundaries.note)
    return ward_map(
        title=f"Voices per 1,000 residents by ward, {place.name}",
        unit="per 1,000 residents",
        boundaries=boundaries.collection,
        wards=wards,
        code_property=boundaries.code_property,
        attribution=boundaries.attribution,
        notes=tuple(notes),
        decimals=1,
        slug=MAP_SLUG,
    )


def coverage_page(*, place: Place) -> CoveragePage:
    cover = coverage(place=place)
    chart = _ward_map(place, cover)
    return CoveragePage(coverage=cover, charts=(chart,) if chart else ())


def coverage_chart(*, place: Place, slug: str) -> Chart | None:
    """One of the coverage page's charts by slug (for its CSV, SVG and JSON)."""
    return next((c for c in coverage_page(place=place).charts if c.slug == slug), None)
