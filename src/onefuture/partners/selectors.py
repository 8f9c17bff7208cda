"""Reads about partner organisations, scoped by place."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from onefuture.partners.models import Partner
from onefuture.places.models import Place


def partner_list(*, place: Place, type: str | None = None) -> QuerySet[Partner]:
    """The place's partners in file order; optionally one ``type`` (see PartnerType)."""
    partners = Partner.objects.filter(place=place)
    if type:
        partners = partners.filter(type=type)
    return partners.order_by("order", "name")


def partner_get(*, place: Place, key: str) -> Partner:
    """The place's partner with ``key``; raises Partner.DoesNotExist."""
    return Partner.objects.get(place=place, key=key)


def partners_changed_latest(*, place: Place) -> datetime.datetime | None:
    """When the place's partners last changed (open data's "last updated")."""
    from django.db.models import Max

    return Partner.history.filter(place=place).aggregate(latest=Max("history_date"))["latest"]
