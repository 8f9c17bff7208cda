"""Admin for measures: define measures and targets; view data points, imports and assessments.

Measures are framework items (ids unique across the place, history kept), scoped to the place
being worked on like the framework's admin. Data points are edited one at a time here (each
change is recorded in history); bulk changes go through an import. Import batches and
assessments are read-only: they are records of what the importer and the statistics did.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from onefuture.framework.admin import LinkableItemAdmin
from onefuture.measures.models import (
    Assessment,
    AssessmentRecord,
    Commentary,
    DataPoint,
    ImportBatch,
    Measure,
    Target,
)
from onefuture.places.admin import PlaceScopedAdmin


class TargetFormSet(BaseInlineFormSet):
    """The targets, checked together by the service's one rule (``services.targets_validate``):
    a 2030 target stricter than the 2040 one is refused with a message naming both."""

    def clean(self) -> None:
        super().clean()
        from onefuture.measures.services import targets_validate

        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("value") is not None
            and form.cleaned_data.get("year") is not None
        ]
        polarity = self.data.get("polarity") or getattr(self.instance, "polarity", "")
        problems = targets_validate(
            polarity=polarity,
            targets=[
                (
                    f.cleaned_data.get("period", ""),
                    float(f.cleaned_data["year"]),
                    float(f.cleaned_data["value"]),
                    bool(f.cleaned_data.get("is_horizon")),
                )
                for f in kept
            ],
        )
        if problems:
            raise ValidationError([p.message for p in problems])


class TargetInline(admin.TabularInline):
    model = Target
    formset = TargetFormSet
    fields = ["period", "year", "value", "is_horizon", "illustrative", "notes"]
    extra = 0


@admin.register(Measure)
class MeasureAdmin(LinkableItemAdmin):
    list_display = ["order", "title", "key", "value_type", "polarity", "illustrative"]
    list_display_links = ["title"]
    list_filter = ["value_type", "polarity", "illustrative"]
    filter_horizontal = ["big_things", "ambitions", "benchmark_areas"]
    inlines = [TargetInline]
    readonly_fields = ["pages"]
    fieldsets = [
        (None, {"fields": ["pages"]}),
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
                    "baseline_illustrative",
                    "target_path",
                    "home_area",
                    "benchmark_areas",
                    "comparator_group",
                    "assessments_applied",
                ]
            },
        ),
    ]

    @admin.display(description="Pages")
    def pages(self, obj: Any) -> str:
        """Links to the measure's editor in the staff workspace, its public page and the upload."""
        from django.utils.html import format_html

        from onefuture.web.place_urls import PlaceSite

        if obj is None or obj.pk is None:
            return "-"
        site = PlaceSite(place=obj.place, prefixed=True)
        return format_html(
            '<a href="{}">Edit in the staff workspace</a> · <a href="{}">View on the site</a>'
            ' · <a href="{}">Upload data</a>',
            site.url("workspace-measure-edit", obj.key),
            site.url("measure", obj.key),
            site.url("data-upload"),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Save the links and targets, then queue the re-assessment if any of them, or a field
        the assessments read, changed (as the services do: verdicts are never left stale)."""
        from onefuture.measures.services import ASSESSED_FIELDS, assessments_queue

        super().save_related(request, form, formsets, change)
        fields = {f"{name}_id" for name in form.changed_data} | set(form.changed_data)
        touched = bool(fields & (ASSESSED_FIELDS | {"benchmark_areas"})) or any(
            formset.has_changed() for formset in formsets
        )
        if change and touched:
            assessments_queue(
                place=form.instance.place,
                measure_ids=[form.instance.pk],
                cause=f"measure edited in the admin by {request.user.get_username()}",
            )


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
        assessments_recompute(
            place=obj.measure.place,
            measure_ids=[obj.measure_id],
            cause=f"data point edited in the admin by {request.user.get_username()}",
        )


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


@admin.register(AssessmentRecord)
class AssessmentRecordAdmin(ReadOnlyAdmin):
    """The history of results: appended by the assessment service, never edited."""

    place_field = "measure__place"
    list_display = ["computed_at", "measure", "area", "kind", "previous_label", "label", "cause"]
    list_filter = ["kind", "measure"]
    list_select_related = ["measure", "area"]
    show_full_result_count = False


@admin.register(Commentary)
class CommentaryAdmin(ReadOnlyAdmin):
    """Officers write commentary in the staff workspace (``services.commentary_add``)."""

    place_field = "measure__place"
    list_display = ["created_at", "measure", "period", "author"]
    list_select_related = ["measure", "author"]
