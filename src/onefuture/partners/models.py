"""Partner organisations: who takes part in delivering a place's vision.

Commitments (what a partner has agreed to do, with its agreement) come in a later issue.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from onefuture.framework.models import LinkableItem


class PartnerType(models.TextChoices):
    COUNCIL = "council", "Council"
    NHS = "nhs", "NHS and health"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    EDUCATION = "education", "Education"
    HOUSING = "housing", "Housing"
    VCFSE = "vcfse", "Voluntary, community, faith and social enterprise"
    BUSINESS = "business", "Business"
    YOUTH = "youth", "Young people"
    OTHER = "other", "Other"


class Partner(LinkableItem):
    """An organisation that takes part in the vision; linkable like any framework item."""

    kind = "partner"

    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=20, choices=PartnerType.choices)
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="partner_unique_key_per_place")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def title_text(self) -> str:
        return self.name
