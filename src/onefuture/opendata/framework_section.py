"""The ``open_data:`` section of the framework file: the licence a place's own open data is
under (registered in ``OpendataConfig.ready()``; ADR 0040)::

    open_data:
      licence: Open Government Licence v3.0
      licence_id: OGL-UK-3.0
      licence_url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
      publisher: Stockport Council
      attribution: Contains public sector information licensed under the Open Government
        Licence v3.0. © Stockport Council

Every key is optional; left out, the place publishes under the Open Government Licence v3.0
with an attribution naming the publisher (the place's name unless ``publisher`` says).
Measures keep their own ``licence`` and ``attribution``. The section owns the place's
:class:`~onefuture.opendata.models.OpenDataLicence`: a file without it removes it.
"""

from __future__ import annotations

from typing import Any

from onefuture.framework.fileformat import LoadContext, Section
from onefuture.opendata.models import OGL_NAME, OGL_PATH, OGL_TITLE, OpenDataLicence
from onefuture.places.models import Place

#: File key → model field, with the value a file that leaves the key out means.
KEYS = (
    ("licence", "title", OGL_TITLE),
    ("licence_id", "name", OGL_NAME),
    ("licence_url", "path", OGL_PATH),
    ("publisher", "publisher", ""),
    ("attribution", "attribution", ""),
)


def _load(ctx: LoadContext, value: Any) -> None:
    if not value:
        ctx.delete_rest(OpenDataLicence.objects.filter(place=ctx.place), [])
        return
    ctx.upsert(
        OpenDataLicence,
        {"place": ctx.place},
        {field: value.get(key, default) for key, field, default in KEYS},
    )


def _dump(place: Place) -> dict[str, Any] | None:
    found = OpenDataLicence.objects.filter(place=place).first()
    if found is None:
        return None
    return {
        key: getattr(found, field)
        for key, field, default in KEYS
        if getattr(found, field) != default
    } or {"licence": found.title}


OPEN_DATA_SECTION = Section(
    name="open_data",
    order=15,
    schema={
        "type": "object",
        "additionalProperties": False,
        "description": "The licence the place's own open data is under (measures keep theirs).",
        "properties": {
            "licence": {"$ref": "#/$defs/text", "description": "e.g. Open Government Licence v3.0"},
            "licence_id": {
                "type": "string",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9.+-]*$",
                "maxLength": 60,
                "description": "Its SPDX or Open Definition id, e.g. OGL-UK-3.0 or CC-BY-4.0.",
            },
            "licence_url": {"type": "string", "pattern": "^https?://[^\\s]+$", "maxLength": 300},
            "publisher": {
                "$ref": "#/$defs/optional_text",
                "description": "Who publishes the data, e.g. Stockport Council.",
            },
            "attribution": {
                "$ref": "#/$defs/optional_text",
                "description": "The words a reuser must show.",
            },
        },
    },
    load=_load,
    dump=_dump,
    description="The licence, publisher and attribution of the place's own open data.",
)
