"""Places (tenants), areas and comparator groups."""

from __future__ import annotations

from django.db import models


class Place(models.Model):
    """The area a vision covers; every other record is scoped by its place (a tenant)."""

    slug = models.SlugField(unique=True, help_text="Used in URLs, e.g. 'stockport'.")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
