"""Admin for partner organisations, with history, scoped to the current place."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models

from onefuture.framework.admin import LinkableItemAdmin
from onefuture.partners.models import Partner


@admin.register(Partner)
class PartnerAdmin(LinkableItemAdmin):
    list_display = ["name", "key", "type", "place", "illustrative"]
    list_filter = ["type", "illustrative"]
    search_fields = ["key", "name", "description"]

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # an address typed without a scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)
