"""The ``partners:`` section of the framework file (registered in PartnersConfig.ready()).

Written as any app's section is, through the framework file's registry: a schema fragment,
the ids it declares, and its load and dump functions.
"""

from __future__ import annotations

from typing import Any

from onefuture.framework.fileformat import ITEMS, CheckContext, LoadContext, Section, as_list
from onefuture.partners.models import Partner, PartnerType
from onefuture.places.models import Place


def _declare(ctx: CheckContext, value: Any) -> None:
    for i, partner in as_list(value):
        ctx.declare(ITEMS, partner.get("id"), "partner", ("partners", i, "id"))


def _load(ctx: LoadContext, value: Any) -> None:
    kept = []
    for order, item in enumerate(value or [], start=1):
        partner = ctx.upsert(
            Partner,
            {"place": ctx.place, "key": item["id"]},
            {
                "order": order,
                "name": item["name"],
                "type": item["type"],
                "url": item.get("url", ""),
                "description": item.get("description", ""),
                "illustrative": item.get("illustrative", False),
            },
        )
        ctx.remember(partner)
        kept.append(partner.pk)
    ctx.delete_rest(Partner.objects.filter(place=ctx.place), kept)


def _dump(place: Place) -> list[dict[str, Any]]:
    out = []
    for partner in Partner.objects.filter(place=place).order_by("order", "name"):
        row: dict[str, Any] = {"id": partner.key, "name": partner.name, "type": partner.type}
        if partner.url:
            row["url"] = partner.url
        if partner.description:
            row["description"] = partner.description
        if partner.illustrative:
            row["illustrative"] = True
        out.append(row)
    return out


PARTNERS = Section(
    name="partners",
    order=40,
    schema={
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id", "name", "type"],
            "additionalProperties": False,
            "properties": {
                "id": {"$ref": "#/$defs/id"},
                "name": {"$ref": "#/$defs/text"},
                "type": {"enum": [t.value for t in PartnerType]},
                "url": {"type": "string", "pattern": "^https?://[^\\s]+$"},
                "description": {"$ref": "#/$defs/optional_text"},
                "illustrative": {"$ref": "#/$defs/illustrative"},
            },
        },
    },
    declare=_declare,
    load=_load,
    dump=_dump,
    description="Partner organisations: id, name, type, website and what they do.",
)
