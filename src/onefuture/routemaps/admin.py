"""Admin for the plan: horizons, routemaps, milestones and delivery plans, read-only, with history.

The plan is edited in the place's framework file (``onefuture framework load``), which checks it
as a whole (dependency loops, horizons, delivery plans' big things); an admin form could not, so
these pages only show the rows and their history. Everyday work on the plan (updates,
commitments, approval) is in the staff workspace.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onefuture.places.admin import PlaceScopedAdmin
from onefuture.routemaps.models import DeliveryPlan, Horizon, Milestone, Routemap


class ReadOnlyPlanAdmin(PlaceScopedAdmin):
    """Lists, details and history; no adding, changing or deleting (the file is the source)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Horizon)
class HorizonAdmin(ReadOnlyPlanAdmin):
    list_display = ("title", "start_year", "end_year", "place")


@admin.register(Routemap)
class RoutemapAdmin(ReadOnlyPlanAdmin):
    list_display = ("__str__", "big_thing", "illustrative", "place")
    list_select_related = ("big_thing", "place")


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyPlanAdmin):
    list_display = ("title", "routemap", "due_date", "status", "weight", "illustrative")
    list_filter = ("status", "illustrative")
    search_fields = ("title", "key")
    list_select_related = ("routemap", "routemap__big_thing")


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(ReadOnlyPlanAdmin):
    list_display = ("title", "start_year", "end_year", "lead_partner", "place")
    list_select_related = ("lead_partner", "place")
