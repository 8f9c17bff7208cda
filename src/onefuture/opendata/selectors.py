"""Reads of the opendata app's own record: a place's licence for its own tables.

Every other read is a domain app's: each registered table's ``rows`` calls that app's
selectors (:mod:`onefuture.opendata.registry`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onefuture.opendata.models import OGL_NAME, OGL_PATH, OGL_TITLE, OpenDataLicence
from onefuture.opendata.registry import OpenLicence
from onefuture.places.models import Place

#: Licences as the framework file and the measures write them, to their ids and addresses.
#: A licence not listed keeps its words as its title (and a name made from them).
KNOWN_LICENCES: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (
        re.compile(r"open government licen[cs]e.*(v(ersion)?\s*3|3\.0)|^ogl(-uk)?[- ]?v?3", re.I),
        OGL_TITLE,
        OGL_NAME,
        OGL_PATH,
    ),
    (
        re.compile(r"^(cc[- ]by|creative commons attribution)[- ]?(4\.0|4)\b", re.I),
        "Creative Commons Attribution 4.0",
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    (
        re.compile(r"^(cc0|creative commons zero)", re.I),
        "CC0 1.0",
        "CC0-1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    (
        re.compile(r"open database licen[cs]e|^odbl", re.I),
        "Open Data Commons Open Database License 1.0",
        "ODbL-1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
)


def licence_from_words(words: str, *, attribution: str = "") -> OpenLicence | None:
    """The licence ``words`` name ("Open Government Licence v3.0", "CC BY 4.0"), or None."""
    words = " ".join(words.split())
    if not words:
        return None
    for pattern, _title, name, path in KNOWN_LICENCES:
        if pattern.search(words):
            return OpenLicence(title=words, name=name, path=path, attribution=attribution)
    name = re.sub(r"[^a-z0-9.]+", "-", words.lower()).strip("-") or "licence"
    return OpenLicence(title=words, name=name, attribution=attribution)


@dataclass(frozen=True)
class PlaceLicence:
    """The licence a place's own tables are under, who publishes them, and when it changed."""

    licence: OpenLicence
    publisher: str


def place_licence(*, place: Place) -> PlaceLicence:
    """The place's open data licence (the Open Government Licence v3.0 when none is set)."""
    found = OpenDataLicence.objects.filter(place=place).first()
    publisher = (found.publisher if found else "") or place.name
    title = found.title if found else OGL_TITLE
    name = found.name if found else OGL_NAME
    path = found.path if found else OGL_PATH
    attribution = (found.attribution if found else "") or (
        f"Contains information from {publisher} licensed under the {title}."
    )
    return PlaceLicence(
        licence=OpenLicence(title=title, name=name, path=path, attribution=attribution),
        publisher=publisher,
    )
