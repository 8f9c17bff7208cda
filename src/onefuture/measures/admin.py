"""Admin for measures: define measures and targets; view data points, imports and assessments.

Measures are framework items (ids unique across the place, history kept), scoped to the place
being worked on like the framework's admin. Data points are edited one at a time here (each
change is recorded in history); bulk changes go through an import. Import batches and
assessments are read-only: they are records of what the importer and the statistics did.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onefuture.framework.admin import LinkableItemAdmin
from onefuture.measures.models import Assessment, DataPoint, ImportBatch, Measure, Target
from onefuture.places.admin import PlaceScopedAdmin


class TargetInline(admin.TabularInline):
    model = Target
    fields = ["period", "year", "value", "is_horizon", "notes"]
    extra = 0


@admin.register(Measure)
class MeasureAdmin(LinkableItemAdmin):
    list_display = ["order", "title", "key", "value_type", "polarity", "illustrative"]
    list_display_links = ["title"]
    list_filter = ["value_type", "polarity", "illustrative"]
    filter_horizontal = ["big_things", "ambitions", "benchmark_areas"]
    inlines = [TargetInline]
    fieldsets = [
        (None, {"fields": ["place", "key", "order", "title", "definition", "illustrative"]}),
        ("Framework", {"fields": ["big_things", "ambitions"]}),
        (
            "Values",
            {"fields": ["value_type", "unit", "multiplier", "decimal_places", "polarity"]},
        ),
        (
            "Source",
            {
                "fields": [
                    "source",
                    "source_url",
                    "licence",
                    "attribution",
                    "frequency",
                    "fingertips_indicator",
                ]
            },
        ),
        (
            "Baseline, targets and comparisons",
            {
                "fields": [
                    "baseline_period",
                    "baseline_value",
                    "target_path",
                    "home_area",
                    "benchmark_areas",
                    "comparator_group",
                    "assessments_applied",
                ]
            },
        ),
    ]


@admin.register(DataPoint)
class DataPointAdmin(PlaceScopedAdmin):
    place_field = "measure__place"
    list_display = ["measure", "area", "period", "breakdown", "category", "value", "illustrative"]
    list_filter = ["breakdown", "illustrative", "measure"]
    search_fields = ["measure__key", "area__code", "area__name", "period"]
    list_select_related = ["measure", "area"]
    readonly_fields = [
        "measure",
        "area",
        "period",
        "breakdown",
        "category",
        "year",
        "span",
        "period_kind",
        "batch",
    ]
    show_full_result_count = False  # a million rows: skip the extra COUNT(*)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # data points arrive through an import, which checks every row

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Save (history records the change), then re-assess the measure."""
        from onefuture.measures.services import assessments_recompute

        super().save_model(request, obj, form, change)
        assessments_recompute(place=obj.measure.place, measure_ids=[obj.measure_id])


class ReadOnlyAdmin(PlaceScopedAdmin):
    """Records of what happened; nobody edits them by hand."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None):
        # These models keep no simple-history records; show Django's own log instead.
        return admin.ModelAdmin.history_view(self, request, object_id, extra_context)


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "filename",
        "origin",
        "status",
        "rows_total",
        "rows_created",
        "rows_updated",
        "rows_unchanged",
        "created_by",
    ]
    list_filter = ["status", "origin"]
    search_fields = ["filename"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    place_field = "measure__place"
    list_display = ["measure", "area", "kind", "breakdown", "category", "text", "computed_at"]
    list_filter = ["kind", "measure"]
    list_select_related = ["measure", "area"]
    search_fields = ["measure__key", "area__code", "text"]
    show_full_result_count = False
