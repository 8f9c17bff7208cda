"""The search sources the framework's own things give: big things, ambitions, measures, partners.

Registered from ``SearchConfig.ready()``; other apps register theirs from their own ``ready()``
(:func:`~onefuture.search.registry.search_source_register`). Each document holds only what the
public pages show of the thing (no people), and is flagged illustrative as the page labels it.
"""

from __future__ import annotations

from typing import Any

from onefuture.framework.models import BigThing, CrossCuttingAmbition
from onefuture.framework.selectors import ambition_list, big_thing_list
from onefuture.measures import honesty
from onefuture.measures.models import Measure
from onefuture.measures.selectors import measure_list
from onefuture.partners.models import Partner
from onefuture.partners.selectors import partner_list
from onefuture.search.registry import SearchDocument, SearchSource


def _terms(place: Any, name: str) -> tuple[str, str]:
    words = place.terms[name] if place is not None else {"singular": name, "plural": name}
    return words["singular"].capitalize(), words["plural"].capitalize()


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def big_thing_document(big_thing: BigThing) -> SearchDocument:
    outcomes = [o.statement for o in big_thing.outcomes.all()]
    return SearchDocument(
        place_id=big_thing.place_id,
        kind="big_thing",
        key=str(big_thing.pk),
        title=big_thing.title,
        body=_join(big_thing.summary, *outcomes),
        summary=big_thing.summary,
        url_name="big-thing",
        url_args=(big_thing.key,),
        illustrative=big_thing.illustrative or big_thing.summary_illustrative,
    )


def ambition_document(ambition: CrossCuttingAmbition) -> SearchDocument:
    return SearchDocument(
        place_id=ambition.place_id,
        kind="cross_cutting_ambition",
        key=str(ambition.pk),
        title=ambition.title,
        body=ambition.summary,
        summary=ambition.summary,
        url_name="cross-cutting-ambition",
        url_args=(ambition.key,),
        illustrative=ambition.illustrative,
    )


def measure_document(measure: Measure) -> SearchDocument:
    return SearchDocument(
        place_id=measure.place_id,
        kind="measure",
        key=str(measure.pk),
        title=measure.title,
        body=_join(measure.definition, measure.source),
        summary=measure.definition,
        url_name="measure",
        url_args=(measure.key,),
        illustrative=honesty.measure_illustrative(measure),
    )


def partner_document(partner: Partner) -> SearchDocument:
    return SearchDocument(
        place_id=partner.place_id,
        kind="partner",
        key=str(partner.pk),
        title=partner.name,
        body=_join(partner.description, partner.get_type_display()),
        summary=partner.description,
        url_name="partner",
        url_args=(partner.key,),
        illustrative=partner.illustrative,
    )


SOURCES = [
    SearchSource(
        kind="big_thing",
        label=lambda place: _terms(place, "big_thing"),
        model=BigThing,
        documents=lambda place: [big_thing_document(b) for b in big_thing_list(place=place)],
        document=big_thing_document,
        order=10,
    ),
    SearchSource(
        kind="cross_cutting_ambition",
        label=lambda place: _terms(place, "cross_cutting_ambition"),
        model=CrossCuttingAmbition,
        documents=lambda place: [ambition_document(a) for a in ambition_list(place=place)],
        document=ambition_document,
        order=20,
    ),
    SearchSource(
        kind="measure",
        label=lambda place: ("Success measure", "Success measures"),
        model=Measure,
        documents=lambda place: [measure_document(m) for m in measure_list(place=place)],
        document=measure_document,
        order=30,
    ),
    SearchSource(
        kind="partner",
        label=lambda place: _terms(place, "partner"),
        model=Partner,
        documents=lambda place: [partner_document(p) for p in partner_list(place=place)],
        document=partner_document,
        order=40,
    ),
]
